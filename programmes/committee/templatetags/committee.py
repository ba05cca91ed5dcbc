from django import template

from .. import selectors
from ..models import Decision

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def outcome_label(value):
    return Decision.Outcome(value).label


@register.inclusion_tag("committee/member_panel.html")
def committee_member_panel(user):
    """Dashboard panel: the meetings the member sits on, with how much is left to review."""
    return {"meetings": selectors.meetings_for_member_panel(user)}


PANEL_ROWS = 5


@register.inclusion_tag("committee/applicant_panel.html")
def applicant_panel(user):
    """Dashboard panel for landlord staff and coordinators: their latest applications (one query)."""
    mine = selectors.applications_list(user).filter(pk__in=selectors.applications_of_applicant(user).values("pk"))
    return {"applications": mine.order_by("-created_at")[:PANEL_ROWS]}


@register.inclusion_tag("committee/admin_panel.html")
def committee_admin_panel(user):
    return {"meetings": selectors.meetings_to_run(user)[:PANEL_ROWS], "calls": selectors.open_calls()[:PANEL_ROWS]}
