import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Neighbourhood

from ..models import Activity, Programme, Session
from ..selectors.delivery import session_registered_count


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        others = self.programme.activities.exclude(pk=self.instance.pk)
        if others.filter(title__iexact=title).exists():
            raise forms.ValidationError(_("This programme already has an activity with this title."))
        return title


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "place", "capacity", "facilitator"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        capacity = cleaned.get("capacity")
        if self.instance.pk and capacity is not None:
            registered = session_registered_count(self.instance)
            if capacity < registered:
                self.add_error(
                    "capacity",
                    _("%(count)s people are already registered: the capacity cannot be lower.") % {"count": registered},
                )
        return cleaned


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    neighbourhood = django_filters.ModelChoiceFilter(
        field_name="neighbourhoods",
        queryset=Neighbourhood.objects.order_by("city", "name"),
        label=_("Neighbourhood"),
    )
    current = django_filters.BooleanFilter(method="running", label=_("Running today"))

    class Meta:
        model = Programme
        fields = ["q", "neighbourhood", "current"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(summary__icontains=value)
            | Q(landlord_links__landlord__name__icontains=value)
            | Q(partner_links__organisation__name__icontains=value)
        ).distinct()

    def running(self, queryset, name, value):
        today = timezone.localdate()
        running = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        return queryset.filter(running) if value else queryset.exclude(running)


class SessionFilter(django_filters.FilterSet):
    WHEN = [("upcoming", _("Today and later")), ("past", _("Past")), ("all", _("All dates"))]

    q = django_filters.CharFilter(method="search", label=_("Search"))
    when = django_filters.ChoiceFilter(choices=WHEN, method="period", label=_("When"), empty_label=None)
    programme = django_filters.ModelChoiceFilter(
        field_name="activity__programme", queryset=Programme.objects.none(), label=_("Programme")
    )
    kind = django_filters.ChoiceFilter(field_name="activity__kind", choices=Activity.Kind.choices, label=_("Kind"))
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Session
        fields = ["q", "when", "programme", "kind", "date_from", "date_to"]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(activity__title__icontains=value) | Q(place__icontains=value) | Q(facilitator__icontains=value)
        )

    def period(self, queryset, name, value):
        today = timezone.localdate()
        if value == "upcoming":
            return queryset.filter(date__gte=today)
        if value == "past":
            return queryset.filter(date__lt=today).order_by("-date", "-start_time")
        return queryset
