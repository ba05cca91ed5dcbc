from django.utils import timezone

from partners.models import Organisation
from partners.policy import profile

from ..indicators import Scope, compute, indicator_rows, public_figures
from ..selectors.exits import reading_of
from .reports import programmes_of_funder, reports_visible_to

KEY_CODES = ("participants_total", "exit_dynamic", "dynamic_exit_rate", "budget_total")


def funder_panel(user) -> dict:
    """Last year's key figures of everything the user's funder finances (small counts hidden)."""
    organisation = Organisation.objects.filter(pk__in=profile(user).funder_ids).order_by("name").first()
    year = timezone.localdate().year - 1
    if organisation is None:
        return {"year": year, "rows": [], "reports": []}
    programme_ids = list(programmes_of_funder(organisation).values_list("pk", flat=True))
    figures = compute(Scope.year(programme_ids, year, as_of=timezone.localdate(), **reading_of(organisation)))
    rows = {row["code"]: row for row in indicator_rows(public_figures(figures))}
    return {
        "funder": organisation,
        "year": year,
        "programme_count": len(programme_ids),
        "rows": [rows[code] for code in KEY_CODES],
        "reports": list(reports_visible_to(user)[:5]),
    }
