import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation
from programmes.models import Programme

from ..models import BarrierAssessment, BarrierScore, Enrolment, PathwayNote, PathwayStep, Tenant, WorkContract

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StepForm(forms.ModelForm):
    class Meta:
        model = PathwayStep
        fields = ["kind", "title", "organisation", "started_on", "ended_on", "result", "notes"]
        widgets = {"started_on": DATE, "ended_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(programme_partner_links__programme=programme).distinct().order_by("name")
        )


class NoteForm(forms.ModelForm):
    class Meta:
        model = PathwayNote
        fields = ["written_on", "text"]
        widgets = {"written_on": DATE, "text": forms.Textarea(attrs={"rows": 4})}


LEVEL_CHOICES = [("", _("Not assessed")), *[(str(value), label) for value, label in BarrierScore.Level.choices]]


class AssessmentForm(forms.Form):
    """When and at which stage, then one level on the 0–4 scale per barrier."""

    stage = forms.ChoiceField(label=_("Stage"), choices=BarrierAssessment.Stage.choices)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for barrier, label in Tenant.Barrier.choices:
            self.fields[barrier] = forms.TypedChoiceField(
                label=label, choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
            )

    @property
    def barrier_fields(self):
        return [self[barrier] for barrier in Tenant.Barrier.values]

    def levels(self) -> dict[str, int]:
        return {b: self.cleaned_data[b] for b in Tenant.Barrier.values if self.cleaned_data.get(b) is not None}


class TeamForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["tutor", "sponsor"]

    def __init__(self, *args, tutors, sponsors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tutor"].queryset = tutors
        self.fields["sponsor"].queryset = sponsors
        for name in ("tutor", "sponsor"):
            self.fields[name].label_from_instance = lambda user: user.get_full_name() or user.email


class ContractForm(forms.ModelForm):
    class Meta:
        model = WorkContract
        fields = ["employer", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"ends_on": _("Premières Heures: at most 12 months.")}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = (
            Organisation.objects.filter(programme_partner_links__programme=programme).distinct().order_by("name")
        )


class WeeklyHoursForm(forms.Form):
    week_start = forms.DateField(label=_("Week of"), widget=DATE, help_text=_("Any day of the week."))
    hours = forms.DecimalField(
        label=_("Hours worked"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class EnrolmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    programme = django_filters.ModelChoiceFilter(queryset=Programme.objects.none(), label=_("Programme"))
    status = django_filters.ChoiceFilter(choices=Enrolment.Status.choices, label=_("Status"))
    entered_from = django_filters.DateFilter(
        field_name="entered_on", lookup_expr="gte", label=_("Entered from"), widget=DATE
    )
    entered_to = django_filters.DateFilter(
        field_name="entered_on", lookup_expr="lte", label=_("Entered until"), widget=DATE
    )

    class Meta:
        model = Enrolment
        fields = ["q", "programme", "status", "entered_from", "entered_to"]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= Q(tenant__last_name__icontains=word) | Q(tenant__first_name__icontains=word)
        return queryset.filter(query)


class WorkContractFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    programme = django_filters.ModelChoiceFilter(
        field_name="enrolment__programme", queryset=Programme.objects.none(), label=_("Programme")
    )
    over_limit = django_filters.BooleanFilter(method="weeks_over", label=_("Weeks over 16 h"))

    class Meta:
        model = WorkContract
        fields = ["q", "programme", "over_limit"]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(enrolment__tenant__last_name__icontains=value) | Q(enrolment__tenant__first_name__icontains=value)
        )

    def weeks_over(self, queryset, name, value):
        return queryset.filter(weeks_over_limit__gt=0) if value else queryset.filter(weeks_over_limit=0)


class WeekChoiceForm(forms.Form):
    """Which programme and which week the hours grid shows."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    week = forms.DateField(label=_("Week of"), widget=DATE, help_text=_("Any day of the week."))

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class WeekHoursRowForm(forms.Form):
    contract = forms.IntegerField(widget=forms.HiddenInput)
    # The version of the week's row the page was built from; none when it had no row.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    hours = forms.DecimalField(
        label=_("Hours worked"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control"}),
    )


WeekHoursFormSet = forms.formset_factory(WeekHoursRowForm, extra=0)


def week_hours_formset(contracts, recorded: dict, data=None):
    """One row per contract; `recorded` maps a contract id to its week's row, if any;
    `form.contract_obj` is the contract the row stands for."""
    initial = []
    for contract in contracts:
        week = recorded.get(contract.pk)
        row = {"contract": contract.pk}
        if week is not None:
            row.update(version=week.version, hours=week.hours)
        initial.append(row)
    formset = WeekHoursFormSet(data, initial=initial, prefix="weeks")
    by_pk = {str(c.pk): c for c in contracts}
    for form in formset.forms:
        form.contract_obj = by_pk.get(str(form["contract"].value()))
    return formset
