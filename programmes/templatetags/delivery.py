from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import programmes_run_by
from ..models import Session
from ..selectors.delivery import upcoming_sessions

register = template.Library()


@register.filter
def small_count(value, exact=True):
    """A count as it may be shown: below SMALL_COUNT_THRESHOLD, "< 5" unless `exact`."""
    if exact or not value or value >= settings.SMALL_COUNT_THRESHOLD:
        return value
    return _("< %(threshold)s") % {"threshold": settings.SMALL_COUNT_THRESHOLD}


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
    sessions = Session.objects.filter(activity__programme__in=programmes_run_by(user)).select_related(
        "activity", "activity__programme"
    )
    return {"sessions": upcoming_sessions(sessions, limit=6), "today": timezone.localdate()}
