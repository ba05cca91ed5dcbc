from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Registration

A = Registration.Attendance
MARKS = [(A.PRESENT, _("Present")), (A.ABSENT, _("Absent")), (A.EXCUSED, _("Excused"))]


class AttendanceRowForm(forms.Form):
    """One person on the sheet. Rules on the values (hours within the session...) live in the service."""

    registration = forms.IntegerField(widget=forms.HiddenInput)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=MARKS, required=False, widget=forms.RadioSelect)
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4, "autocomplete": "off"}),
    )


AttendanceFormSet = forms.formset_factory(AttendanceRowForm, extra=0)


def attendance_formset(registrations, data=None) -> forms.BaseFormSet:
    """The sheet; each row form knows its registration (`form.row`), found by the id it carries."""
    initial = [
        {"registration": r.pk, "attendance": r.attendance, "hours": r.hours if r.attendance == A.PRESENT else None}
        for r in registrations
    ]
    formset = AttendanceFormSet(data, initial=initial, prefix="rows")
    by_pk = {str(r.pk): r for r in registrations}
    for form in formset.forms:
        form.row = by_pk.get(str(form["registration"].value()))
    return formset


class RegisterForm(forms.Form):
    enrolments = forms.ModelMultipleChoiceField(
        label=_("Participants to register"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one participant.")},
    )

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].queryset = enrolments
        self.fields["enrolments"].label_from_instance = lambda enrolment: str(enrolment.tenant)


class WalkInForm(forms.Form):
    enrolment = forms.ModelChoiceField(
        label=_("A participant of the programme"),
        queryset=None,
        required=False,
        empty_label=_("— someone else —"),
    )
    name = forms.CharField(
        label=_("Or their name, as written on the sheet"),
        max_length=200,
        required=False,
        help_text=_("For people not enrolled, at events open to all tenants."),
    )
    landlord = forms.ModelChoiceField(
        label=_("Their landlord"), queryset=None, required=False, empty_label=_("Unknown or another landlord")
    )
    known_to_institutions = forms.NullBooleanField(
        label=_("Known to an employment or social body?"),
        required=False,
        widget=forms.Select(choices=[("unknown", _("Don't know")), ("true", _("Yes")), ("false", _("No"))]),
    )

    def __init__(self, *args, enrolments, landlords, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments
        self.fields["enrolment"].label_from_instance = lambda enrolment: str(enrolment.tenant)
        self.fields["landlord"].queryset = landlords

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("enrolment") and cleaned.get("name", "").strip():
            raise forms.ValidationError(_("Choose a participant or type a name, not both."))
        if not cleaned.get("enrolment") and not cleaned.get("name", "").strip():
            self.add_error("name", _("Choose a participant or type the person's name."))
        return cleaned


class SignInSheetForm(forms.Form):
    file = forms.FileField(
        label=_("Scan of the signed sheet (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class WalkInLinkForm(forms.Form):
    enrolment = forms.ModelChoiceField(label=_("This person is now the participant"), queryset=None)

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments
        self.fields["enrolment"].label_from_instance = lambda enrolment: str(enrolment.tenant)
