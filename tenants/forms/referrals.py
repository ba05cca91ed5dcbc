"""Forms and list filters for referrals and their decisions."""

from __future__ import annotations

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Neighbourhood, Organisation
from programmes.models import Programme

from ..models import Referral
from .people import DateInput


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["programme", "reason", "needs"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "needs": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "reason": _("Why this programme, in the person's own words when possible."),
            "needs": _("What would help: child care, transport, language, a first job..."),
        }

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.helper = FormHelper()
        self.helper.add_input(Submit("send", _("Send the referral")))


class _InlineForm(forms.Form):
    """A decision form shown inside the referral page's own <form>."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class DeclineForm(_InlineForm):
    reason = forms.ChoiceField(label=_("Reason for declining"), choices=Referral.DeclineReason.choices)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class EnrolForm(_InlineForm):
    entered_on = forms.DateField(label=_("Entry date"), widget=DateInput(), initial=timezone.localdate)


class CommentForm(_InlineForm):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReferralFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=Programme.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Referral.Status.choices)
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"), field_name="tenant__neighbourhood", queryset=Neighbourhood.objects.none()
    )
    landlord = django_filters.ModelChoiceFilter(label=_("Landlord"), queryset=Organisation.objects.none())
    sent = django_filters.DateFromToRangeFilter(
        label=_("Sent between"),
        field_name="created_at__date",
        widget=django_filters.widgets.RangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Referral
        fields = []

    def __init__(self, *args, programmes, neighbourhoods, landlords, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes
        self.filters["neighbourhood"].queryset = neighbourhoods
        if landlords is None:
            del self.filters["landlord"]
        else:
            self.filters["landlord"].queryset = landlords

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= Q(tenant__last_name__icontains=word) | Q(tenant__first_name__icontains=word)
        return queryset.filter(query)
