"""Forms and list filters for tenant records and consent."""

from __future__ import annotations

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from partners.forms import VersionedForm
from partners.models import Neighbourhood, Organisation
from partners.policy import may_read_field
from programmes.models import Programme

from ..models import Referral, Tenant
from ..selectors.people import possible_duplicates
from ..services.people import EDITABLE_FIELDS

# Version of the information text given to a person before they consent (README).
CONSENT_TEXT_VERSION = "2025-09"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


STATUS_FIELDS = ("registered_with_employment_service", "known_to_institutions", "disability_recognised")


class TenantForm(VersionedForm):
    landlord = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Landlord"))
    barriers = forms.MultipleChoiceField(
        label=_("Barriers the person names"),
        choices=Tenant.Barrier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    not_a_duplicate = forms.BooleanField(
        label=_("I checked: this is another person, save the record anyway."), required=False
    )

    class Meta:
        model = Tenant
        fields = EDITABLE_FIELDS
        widgets = {"birth_date": DateInput(), "unemployed_since": DateInput()}

    def __init__(self, *args, landlords, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates: list[Tenant] = []
        editing = self.instance.pk is not None
        if editing:
            # What the user may not read on the record is not shown: their edit leaves it as it is.
            for name in EDITABLE_FIELDS:
                if not may_read_field(user, Tenant, name, self.instance):
                    del self.fields[name]
            self.fields["barriers"].choices = [
                (value, label)
                for value, label in Tenant.Barrier.choices
                if may_read_field(user, Tenant, f"barriers.{value}", self.instance)
            ]
            del self.fields["landlord"]
            landlord_ids = [self.instance.landlord_id]
        else:
            del self.fields["version"]
            self.fields["landlord"].queryset = landlords
            landlord_ids = [landlord.pk for landlord in landlords]
            if len(landlord_ids) == 1:
                self.fields["landlord"].initial = landlord_ids[0]
                self.fields["landlord"].widget = forms.HiddenInput()
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(landlords__in=landlord_ids).distinct()
        self.fields["neighbourhood"].help_text = _("Whether it is a priority neighbourhood (QPV) follows from it.")
        self.fields["lease_reference"].help_text = _("As in the landlord's own records; used to spot duplicates.")
        # Shown only once a possible duplicate was found (see clean).
        self.fields["not_a_duplicate"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *([] if editing else ["landlord"]),
            Fieldset(
                _("Identity"),
                Row(Column("last_name"), Column("first_name")),
                Row(Column("birth_date"), Column("sex"), Column("lease_reference")),
            ),
            Fieldset(
                _("Contact and address"),
                Row(Column("phone"), Column("email")),
                Row(Column("address", css_class="col-md-6"), Column("postcode"), Column("city")),
                "neighbourhood",
            ),
            Fieldset(
                _("Household and situation"),
                Row(Column("household"), Column("education_level")),
                Row(Column("situation"), Column("unemployed_since")),
                Row(
                    *[
                        Column(name)
                        for name in (
                            "registered_with_employment_service",
                            "known_to_institutions",
                            "disability_recognised",
                        )
                        if name in self.fields
                    ]
                ),
                "housing_exclusion",
            ),
            Fieldset(_("Barriers"), "barriers"),
            *(["version"] if editing else []),
            "not_a_duplicate",
        )
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        data = super().clean()
        landlord = self.instance.landlord if self.instance.pk else data.get("landlord")
        self.duplicates = possible_duplicates(
            landlord=landlord,
            last_name=data.get("last_name", ""),
            first_name=data.get("first_name", ""),
            birth_date=data.get("birth_date"),
            exclude_pk=self.instance.pk,
        )
        if self.duplicates and not data.get("not_a_duplicate"):
            links = format_html_join(
                ", ",
                '<a href="{}">{} ({})</a>',
                ((t.get_absolute_url(), t, t.lease_reference) for t in self.duplicates),
            )
            self.add_error(
                None,
                format_html(
                    "{} {}",
                    _("This person may already be recorded:"),
                    links,
                ),
            )
            self.fields["not_a_duplicate"].widget = forms.CheckboxInput()
        return data


class ConsentForm(forms.Form):
    given_on = forms.DateField(label=_("Consent given on"), widget=DateInput(), initial=timezone.localdate)
    text_version = forms.CharField(
        label=_("Version of the information text given"), max_length=30, initial=CONSENT_TEXT_VERSION
    )
    informed = forms.BooleanField(
        label=_("The person was given the information text and agrees to be referred and followed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


CONSENT_CHOICES = [("yes", _("Consent recorded")), ("no", _("No consent"))]


class TenantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    neighbourhood = django_filters.ModelChoiceFilter(label=_("Neighbourhood"), queryset=Neighbourhood.objects.none())
    programme = django_filters.ModelChoiceFilter(
        label=_("Referred to"), queryset=Programme.objects.none(), method="referred_to"
    )
    referral_status = django_filters.ChoiceFilter(
        label=_("Referral status"), choices=Referral.Status.choices, method="with_referral_status"
    )
    consent = django_filters.ChoiceFilter(label=_("Consent"), choices=CONSENT_CHOICES, method="with_consent")
    created = django_filters.DateFromToRangeFilter(
        label=_("Recorded between"),
        field_name="created_at__date",
        widget=django_filters.widgets.RangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Tenant
        fields = []

    def __init__(self, *args, neighbourhoods, programmes, referrals, search_lease_reference, **kwargs):
        super().__init__(*args, **kwargs)
        # Referrals the user may see: a coordinator learns nothing of referrals to other programmes.
        self.referrals = referrals
        self.filters["neighbourhood"].queryset = neighbourhoods
        self.filters["programme"].queryset = programmes
        self.search_lease_reference = search_lease_reference

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split():
            matches = Q(last_name__icontains=word) | Q(first_name__icontains=word)
            if self.search_lease_reference:  # not for coordinators, who are not shown it
                matches |= Q(lease_reference__icontains=word)
            query &= matches
        return queryset.filter(query)

    def referred_to(self, queryset, name, value):
        return queryset.filter(pk__in=self.referrals.filter(programme=value).values("tenant_id"))

    def with_referral_status(self, queryset, name, value):
        return queryset.filter(pk__in=self.referrals.filter(status=value).values("tenant_id"))

    def with_consent(self, queryset, name, value):
        return queryset.filter(has_consent=value == "yes")
