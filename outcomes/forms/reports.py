from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Report
from ..selectors.reports import funders_for_reports, programmes_for_reports
from ..services.reports import FIRST_YEAR


class ReportRequestForm(forms.Form):
    """Which report: a programme ("p<id>") or all a funder finances ("f<id>"), a year, a format."""

    scope = forms.ChoiceField(label=_("Report on"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    format = forms.ChoiceField(label=_("Format"), choices=Report.Format.choices, initial=Report.Format.PDF)
    language = forms.ChoiceField(label=_("Language"), choices=Report.Language.choices, initial=Report.Language.FR)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {f"p{p.pk}": p for p in programmes_for_reports(user)}
        self.funders = {f"f{f.pk}": f for f in funders_for_reports(user)}
        funder_choices = [
            (key, _("All programmes funded by %(funder)s") % {"funder": funder}) for key, funder in self.funders.items()
        ]
        programme_choices = [(key, str(programme)) for key, programme in self.programmes.items()]
        self.fields["scope"].choices = ([(_("Everything I fund"), funder_choices)] if funder_choices else []) + [
            (_("One programme"), programme_choices)
        ]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]
        self.initial.setdefault("year", this_year - 1)

    def target(self):
        """(programme, funder) chosen."""
        key = self.cleaned_data["scope"]
        return self.programmes.get(key), self.funders.get(key)
