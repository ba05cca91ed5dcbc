from django import forms
from django.utils.translation import gettext_lazy as _

from partners.forms import VersionedForm

from ..models import DEFAULT_POSITIVE_SITUATIONS, Exit, FollowUp, FunderOutcomeSettings

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExitForm(VersionedForm):
    class Meta:
        model = Exit
        fields = [
            "exit_date",
            "situation",
            "contract_months",
            "qualification_gained",
            "qualification",
            "agrees_to_contact",
        ]
        widgets = {"exit_date": DATE}
        help_texts = {
            "contract_months": _(
                "Required for fixed-term or temp work: it decides between durable and transition employment."
            ),
        }


class FollowUpForm(VersionedForm):
    improved = forms.TypedChoiceField(
        label=_("Situation improved"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No")), ("", _("Not known"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
    )

    class Meta:
        model = FollowUp
        fields = ["contacted_on", "result", "improved"]
        widgets = {"contacted_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["improved"] = {True: "yes", False: "no"}.get(self.instance.improved, "")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("result") == FollowUp.Result.NO_ANSWER:
            cleaned["improved"] = None  # nobody answered, so nobody said whether it improved
            self.instance.improved = None
        return cleaned


class FunderSettingsForm(forms.ModelForm):
    positive_situations = forms.MultipleChoiceField(
        label=_("Situations counted as positive exits"),
        choices=Exit.Situation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Durable and transition employment are always counted as dynamic exits; choose "
            "which other situations count as positive."
        ),
    )

    class Meta:
        model = FunderOutcomeSettings
        fields = ["positive_situations", "durable_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["positive_situations"] = list(DEFAULT_POSITIVE_SITUATIONS)
