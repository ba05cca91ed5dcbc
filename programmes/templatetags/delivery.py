from django import template
from django.conf import settings
from django.utils.translation import gettext as _

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
