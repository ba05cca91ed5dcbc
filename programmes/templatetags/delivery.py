from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..selectors.delivery import sessions_run_by, upcoming_sessions

register = template.Library()


@register.filter
def small_count(value, exact=True):
    """A count as it may be shown: below SMALL_COUNT_THRESHOLD, "< 5" unless `exact`."""
    if exact or not value or value >= settings.SMALL_COUNT_THRESHOLD:
        return value
    return _("< %(threshold)s") % {"threshold": settings.SMALL_COUNT_THRESHOLD}


HIDDEN_RATE = gettext_lazy("hidden (small numbers)")
ATTENDANCE_COUNTS = ("registered_count", "recorded_count", "present_count")
TARGET_COUNTS = ("participants_counted",)


def rate_hidden(record, counts: tuple[str, ...], exact: bool) -> bool:
    """Whether a rate must not be shown: a rate beside a count shown as "< 5" gives the count
    away (2 present of 3 registered is 67 %)."""
    if exact:
        return False
    values = (getattr(record, name, None) or 0 for name in counts)
    return any(0 < value < settings.SMALL_COUNT_THRESHOLD for value in values)


def guarded_percent(record, rate: str, counts: tuple[str, ...], exact: bool) -> str:
    """`record.<rate>` as a percentage, unless the counts it is made of are shown as "< 5"."""
    if rate_hidden(record, counts, exact):
        return HIDDEN_RATE
    return percent(getattr(record, rate))


@register.filter
def attendance_percent(record, exact=True):
    return guarded_percent(record, "attendance_rate", ATTENDANCE_COUNTS, exact)


@register.filter
def target_percent(record, exact=True):
    return guarded_percent(record, "target_reached", TARGET_COUNTS, exact)


@register.filter
def percent(value):
    """A rate in % rounded to a whole number, or a dash when there is nothing to divide."""
    if value is None:
        return "—"
    return f"{round(value)} %"


@register.inclusion_tag("programmes/panels/coordinator_sessions.html", takes_context=True)
def coordinator_sessions_panel(context):
    """Today's and the next sessions of the programmes the user runs, for the dashboard."""
    user = context["user"]
    return {"sessions": upcoming_sessions(sessions_run_by(user), limit=6), "today": timezone.localdate()}
