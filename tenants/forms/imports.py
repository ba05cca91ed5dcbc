"""Forms of the tenant import: the upload, and the validation of one row of the file."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation

from ..models import Tenant
from ..selectors.people import normalise_name

IMPORT_EXTENSIONS = (".csv", ".xlsx")


class TenantImportForm(forms.Form):
    landlord = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Landlord"))
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (separator “;”, as French Excel saves it) or XLSX, with a header row."),
    )

    def __init__(self, *args, landlords, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["landlord"].queryset = landlords
        if len(landlords) == 1:
            self.fields["landlord"].initial = landlords[0]
            self.fields["landlord"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.add_input(Submit("preview", _("Check the file")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in IMPORT_EXTENSIONS:
            raise forms.ValidationError(_("Send a .csv or .xlsx file (in Excel: “Save as”, then CSV or XLSX)."))
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


@functools.cache
def _choice_lookup(choice_class) -> dict[str, str]:
    known = {}
    for value, label in choice_class.choices:
        known[normalise_name(value.replace("_", " "))] = value
        for language in ("fr", "en"):
            with translation.override(language):
                known[normalise_name(str(label))] = value
    return known


class LenientChoiceField(forms.CharField):
    """A choice typed by a person: the code, or the label in French or English, any case or accents."""

    def __init__(self, *, choices, **kwargs):
        self.choice_class = choices
        super().__init__(required=False, **kwargs)

    def _lookup(self):
        return _choice_lookup(self.choice_class)

    def _labels(self):
        return ", ".join(str(label) for value, label in self.choice_class.choices if value)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        found = self._lookup().get(normalise_name(value))
        if found is None:
            raise forms.ValidationError(
                _("“%(value)s” is not one of: %(choices)s."), params={"value": value, "choices": self._labels()}
            )
        return found


class SexField(LenientChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Tenant.Sex, **kwargs)

    def _lookup(self):
        return {**super()._lookup(), "f": "F", "m": "M", "femme": "F", "homme": "M"}


class BarriersField(forms.CharField):
    """Barriers the person names, separated by commas (or “/”, “+”)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.one = LenientChoiceField(choices=Tenant.Barrier)

    def to_python(self, value):
        value = super().to_python(value)
        names = [part for part in re.split(r"[,/+|]", value or "") if part.strip()]
        return sorted({self.one.to_python(name.strip()) for name in names})


class YesNoField(forms.CharField):
    YES = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
    NO = {"non", "n", "no", "0", "faux", "false"}

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        value = normalise_name(super().to_python(value))
        if not value:
            return None
        if value in self.YES:
            return True
        if value in self.NO:
            return False
        raise forms.ValidationError(_("Write “oui” or “non”."))


DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERROR = {"invalid": _("Enter a date as DD/MM/YYYY.")}


class TenantRowForm(forms.Form):
    """One row of an import file; field names are the model's, each tied to one column."""

    lease_reference = forms.CharField(max_length=50)
    last_name = forms.CharField(max_length=150)
    first_name = forms.CharField(max_length=150)
    birth_date = forms.DateField(input_formats=DATE_FORMATS, error_messages=DATE_ERROR)
    sex = SexField()
    phone = forms.CharField(max_length=30, required=False)
    email = forms.EmailField(required=False)
    address = forms.CharField(max_length=250, required=False)
    postcode = forms.CharField(max_length=10, required=False)
    city = forms.CharField(max_length=120, required=False)
    neighbourhood = forms.CharField(required=False)
    household = LenientChoiceField(choices=Tenant.Household)
    situation = LenientChoiceField(choices=Tenant.Situation)
    unemployed_since = forms.DateField(input_formats=DATE_FORMATS, error_messages=DATE_ERROR, required=False)
    registered_with_employment_service = YesNoField()
    known_to_institutions = YesNoField()
    education_level = LenientChoiceField(choices=Tenant.EducationLevel)
    disability_recognised = YesNoField()
    barriers = BarriersField()

    def __init__(self, *args, neighbourhoods, landlord, **kwargs):
        super().__init__(*args, **kwargs)
        self.neighbourhoods = neighbourhoods
        self.landlord = landlord

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date >= timezone.localdate():
            raise forms.ValidationError(_("The birth date must be in the past."))
        return birth_date

    def clean_neighbourhood(self):
        name = self.cleaned_data["neighbourhood"]
        if not name:
            return None
        found = self.neighbourhoods.get(normalise_name(name))
        if found is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a neighbourhood of %(landlord)s (known: %(known)s)."),
                params={
                    "value": name,
                    "landlord": self.landlord,
                    "known": ", ".join(sorted({n.name for n in self.neighbourhoods.values()})) or "—",
                },
            )
        return found
