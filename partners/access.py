"""The names the selection committee's code still uses; everything else asks partners.policy."""

from .policy import forget, is_admin, is_coordinator, is_landlord_staff, profile, require  # noqa: F401
from .policy import may as can  # noqa: F401


def is_programme_admin(user) -> bool:
    return profile(user).is_admin


def landlord_ids(user) -> frozenset[int]:
    return profile(user).landlord_ids


def coordinated_org_ids(user) -> frozenset[int]:
    return profile(user).coordinated_org_ids
