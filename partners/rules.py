"""The partners' part of the access policy (see partners.policy)."""

from django.db.models import Q

from . import policy
from .models import Organisation


def _own_organisations(user) -> Q:
    """Organisations whose own data (staff, memberships) the user may see: their own."""
    profile = policy.profile(user)
    return Q() if profile.is_admin else Q(pk__in=profile.all_org_ids)


policy.rows(Organisation, "view", _own_organisations, small=True)
# Removing someone's second factor (lost phone, no recovery code left).
policy.rule("second_factor.reset", policy.is_admin)
