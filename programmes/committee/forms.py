import dataclasses

import django_filters
from django import forms
from django.forms import inlineformset_factory
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from partners.forms import VersionedForm, version_field
from partners.models import Neighbourhood, Organisation

from . import selectors, services
from .models import (
    AgendaItem,
    Application,
    ApplicationPartner,
    Call,
    CoFinancingLine,
    Criterion,
    Decision,
    Meeting,
    Vote,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
FUNDER_KINDS = (Organisation.Kind.FUNDER, Organisation.Kind.PUBLIC_BODY)


class CallForm(VersionedForm):
    class Meta:
        model = Call
        fields = ["title", "funders", "opens_on", "deadline", "budget_envelope", "eligibility", "description"]
        widgets = {"opens_on": DATE, "deadline": DATETIME, "funders": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funders"].queryset = Organisation.objects.filter(kind__in=FUNDER_KINDS, is_active=True)

    def clean(self):
        cleaned = super().clean()
        opens_on, deadline = cleaned.get("opens_on"), cleaned.get("deadline")
        if opens_on and deadline and deadline.date() < opens_on:
            self.add_error("deadline", _("The deadline must come after the opening date."))
        return cleaned


def formset_rows(formset, row_type) -> list:
    """A valid formset's lines as plain rows for a service: existing lines (kept, changed or
    marked for deletion) and new lines filled in; untouched blank lines are left out."""
    names = [f.name for f in dataclasses.fields(row_type) if f.name not in ("id", "delete")]
    return [
        row_type(
            id=form.instance.pk,
            delete=bool(form.cleaned_data.get("DELETE")),
            **{name: form.cleaned_data.get(name) for name in names},
        )
        for form in formset.forms
        if form.instance.pk is not None or form.has_changed()
    ]


CriterionFormSet = inlineformset_factory(
    Call,
    Criterion,
    fields=["name", "max_score", "weight", "description"],
    extra=2,
    can_delete=True,
    widgets={"description": forms.TextInput},
)


class ApplicationCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    lead_landlord = forms.ModelChoiceField(
        label=_("Lead landlord"), queryset=Organisation.objects.filter(kind=Organisation.Kind.LANDLORD, is_active=True)
    )


class ApplicationForm(VersionedForm):
    class Meta:
        model = Application
        fields = [
            "title",
            "co_landlords",
            "neighbourhoods",
            "summary",
            "objectives",
            "actions",
            "planned_start",
            "duration_months",
            "target_participants",
            "target_period",
            "total_budget",
        ]
        widgets = {
            "planned_start": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 4}),
            "co_landlords": forms.SelectMultiple(attrs={"size": 6}),
            "neighbourhoods": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_landlords"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.LANDLORD, is_active=True
        ).exclude(pk=self.instance.lead_landlord_id)
        self.fields["neighbourhoods"].queryset = Neighbourhood.objects.all()
        for name in ("co_landlords", "neighbourhoods"):
            self.fields[name].help_text = _("Hold Ctrl (or ⌘ on a Mac) to select several.")


PartnerFormSet = inlineformset_factory(
    Application, ApplicationPartner, fields=["organisation", "role"], extra=1, can_delete=True
)
CoFinancingFormSet = inlineformset_factory(
    Application, CoFinancingLine, fields=["funder", "year", "amount", "status"], extra=1, can_delete=True
)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Attachment"),
        help_text=_("PDF, Word (DOCX) or Excel (XLSX)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.upload_kind(upload)
        return upload


class MeetingForm(VersionedForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=selectors.committee_member_choices(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = ["call", "title", "starts_at", "place", "quorum"]
        widgets = {"starts_at": DATETIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.members.values_list("pk", flat=True))
            self.fields["call"].disabled = True


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["application", "audition_start", "audition_end"]
        widgets = {"audition_start": TIME, "audition_end": TIME}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = selectors.agenda_candidates(meeting)


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        choices=[
            ("no", _("No, I have no conflict of interest")),
            ("yes", _("Yes, I have a conflict of interest and withdraw")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


NOT_APPLICABLE = "na"


class ReviewForm(forms.Form):
    """One field per criterion of the grid (a score or "not applicable"), a comment and the vote."""

    def __init__(self, *args, criteria, scores=None, vote=None, version=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        # The version of the member's review the page shows, compared when saving.
        self.fields["version"] = version_field(version)
        scores = scores or {}
        for criterion in criteria:
            choices = [("", "—")] + [(str(n), str(n)) for n in range(criterion.max_score + 1)]
            choices.append((NOT_APPLICABLE, _("Not applicable")))
            existing = scores.get(criterion.pk)
            self.fields[f"criterion_{criterion.pk}"] = forms.ChoiceField(
                label=f"{criterion.name} (/{criterion.max_score}, ×{number_format(criterion.weight.normalize())})",
                help_text=criterion.description,
                choices=choices,
                initial=None if existing is None else (NOT_APPLICABLE if existing.not_applicable else existing.value),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            initial=vote.comment if vote else "",
        )
        self.fields["vote"] = forms.ChoiceField(
            label=_("Vote"),
            required=False,
            widget=forms.RadioSelect,
            choices=[("", _("Not yet: save my scores only")), *Vote.Choice.choices],
            initial=vote.choice if vote else "",
        )

    def score_values(self) -> dict[int, int | None]:
        values = {}
        for criterion in self.criteria:
            raw = self.cleaned_data[f"criterion_{criterion.pk}"]
            values[criterion.pk] = None if raw == NOT_APPLICABLE else int(raw)
        return values


class DecisionForm(forms.Form):
    """The admin's decision; a plain form so that the service alone applies the rules (and says why)."""

    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the application is not retained; shown to the applicants."),
    )
    amount_granted = forms.DecimalField(
        label=_("Amount granted (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("For a laureate."),
    )

    def __init__(self, *args, decision=None, **kwargs):
        if decision is not None:
            kwargs.setdefault(
                "initial",
                {"outcome": decision.outcome, "reason": decision.reason, "amount_granted": decision.amount_granted},
            )
        super().__init__(*args, **kwargs)
        # No version when there was no decision yet: one recorded meanwhile then makes this page stale.
        self.fields["version"] = version_field(decision.version if decision is not None else None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Decision.Outcome.REJECTED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for not retaining this application."))
        return cleaned


class CallFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = Call
        fields = ["q"]


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = Application
        fields = ["q", "call", "status"]


class MeetingFilter(django_filters.FilterSet):
    class Meta:
        model = Meeting
        fields = ["call", "status"]
