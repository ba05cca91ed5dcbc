"""The access rules: the one place that answers "may this user see or do this?".

Every view, export and task asks here. Membership facts are read once per user object
(one query) and cached on it, so a list page does not pay for them per row.

Rules on objects are `rules` predicates registered under names such as
"referral.decide" by each app's `rules.py`; `require()` raises PermissionDenied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .models import Membership, Organisation

Role = Membership.Role

_CACHE_ATTR = "_passerelles_access"


@dataclass(frozen=True)
class AccessProfile:
    """What one user is, organisation by organisation."""

    is_admin: bool = False
    org_ids_by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    def orgs(self, role: str) -> frozenset[int]:
        return self.org_ids_by_role.get(role, frozenset())

    @property
    def all_org_ids(self) -> frozenset[int]:
        return frozenset().union(*self.org_ids_by_role.values()) if self.org_ids_by_role else frozenset()

    @property
    def roles(self) -> list[str]:
        """The user's roles, in the order of Membership.Role (admin first when admin)."""
        have = {role for role, ids in self.org_ids_by_role.items() if ids}
        ordered = [r for r in Role.values if r in have]
        if self.is_admin and Role.PROGRAMME_ADMIN not in ordered:
            ordered.insert(0, Role.PROGRAMME_ADMIN)
        return ordered


def profile(user) -> AccessProfile:
    if user is None or not user.is_authenticated or not user.is_active:
        return AccessProfile()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    profiles_prefetch([user])
    return getattr(user, _CACHE_ATTR)


def profiles_prefetch(users) -> None:
    """Build the profiles of many users in one query, for code that goes through a list of people."""
    pending = {user.pk: user for user in users if user.is_active and getattr(user, _CACHE_ATTR, None) is None}
    if not pending:
        return
    by_user: dict[int, dict[str, set[int]]] = {pk: {} for pk in pending}
    for user_id, role, org_id in Membership.objects.filter(user__in=pending, organisation__is_active=True).values_list(
        "user_id", "role", "organisation_id"
    ):
        by_user[user_id].setdefault(role, set()).add(org_id)
    for pk, user in pending.items():
        by_role = by_user[pk]
        built = AccessProfile(
            is_admin=user.is_superuser or bool(by_role.get(Role.PROGRAMME_ADMIN)),
            org_ids_by_role={role: frozenset(ids) for role, ids in by_role.items()},
        )
        setattr(user, _CACHE_ATTR, built)


def forget(user) -> None:
    """Drop the cached profile, after memberships changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_programme_admin(user) -> bool:
    return profile(user).is_admin


def landlord_ids(user) -> frozenset[int]:
    """Landlords whose staff this user is."""
    return profile(user).orgs(Role.LANDLORD_STAFF)


def coordinated_org_ids(user) -> frozenset[int]:
    """Associations / social enterprises for which this user coordinates programmes."""
    return profile(user).orgs(Role.COORDINATOR)


def funder_ids(user) -> frozenset[int]:
    return profile(user).orgs(Role.FUNDER)


def committee_org_ids(user) -> frozenset[int]:
    return profile(user).orgs(Role.COMMITTEE_MEMBER)


def has_role(user, role: str) -> bool:
    return role in profile(user).roles


def visible_organisations_filter(user) -> Q:
    """Organisations whose own data (staff, memberships) the user may see."""
    if is_programme_admin(user):
        return Q()
    return Q(pk__in=profile(user).all_org_ids)


def visible_organisations(user):
    return Organisation.objects.filter(visible_organisations_filter(user))


def can(user, permission: str, obj=None) -> bool:
    return rules.test_rule(permission, user, obj)


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless the rule named `permission` holds."""
    if not can(user, permission, obj):
        raise PermissionDenied(permission)


# Predicates shared by the apps' rules.py modules.
@rules.predicate
def is_admin(user) -> bool:
    return is_programme_admin(user)


@rules.predicate
def is_landlord_staff(user) -> bool:
    return bool(landlord_ids(user))


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(coordinated_org_ids(user))


@rules.predicate
def is_funder(user) -> bool:
    return bool(funder_ids(user))


@rules.predicate
def is_committee_member(user) -> bool:
    return bool(committee_org_ids(user))
