"""Dashboard panels of the referral journey: what landlord staff and coordinators see first."""

from django import template

from partners.policy import profile

from ..selectors.people import tenants_visible_to
from ..selectors.referrals import (
    overdue_since,
    referral_status_counts,
    referrals_to_decide,
    referrals_visible_to,
)

register = template.Library()

PANEL_ROWS = 6


@register.inclusion_tag("tenants/panels/landlord_referrals.html", takes_context=True)
def landlord_referral_panel(context):
    user = context["user"]
    sent = referrals_visible_to(user).filter(landlord__in=profile(user).landlord_ids)
    return {
        "counts": referral_status_counts(sent),
        "recent": sent.order_by("-updated_at")[:PANEL_ROWS],
        "tenant_count": tenants_visible_to(user).filter(landlord__in=profile(user).landlord_ids).count(),
    }


@register.inclusion_tag("tenants/panels/coordinator_referrals.html", takes_context=True)
def coordinator_referral_panel(context):
    user = context["user"]
    waiting = referrals_to_decide(user)
    return {
        "counts": referral_status_counts(waiting),
        "waiting": waiting[:PANEL_ROWS],
        "overdue_since": overdue_since(),
    }
