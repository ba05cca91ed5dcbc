"""Who takes part in which programme: the programme-level access rules.

Every app above `programmes` scopes its querysets through these filters (with the name of
the foreign key from its model to the programme as `prefix`, e.g. "programme" or
"enrolment__programme"), so "which programmes may this user act on" is
answered in one place. Filters are subqueries, so they never duplicate rows.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from partners import access

from .models import FundingLine, Programme, ProgrammeLandlord, ProgrammePartner

# Partner roles whose coordinators run the programme day to day.
RUNNING_ROLES = (ProgrammePartner.Role.COORDINATOR, ProgrammePartner.Role.CARRIER)


def _in(prefix: str, programme_ids) -> Q:
    return Q(**{f"{prefix}_id__in" if prefix else "id__in": programme_ids})


def run_by_filter(user, prefix: str = "") -> Q:
    """Programmes that an organisation the user coordinates for runs."""
    ids = ProgrammePartner.objects.filter(
        organisation__in=access.coordinated_org_ids(user), role__in=RUNNING_ROLES
    ).values("programme_id")
    return _in(prefix, ids)


def landlord_filter(user, prefix: str = "") -> Q:
    """Programmes a landlord the user works for takes part in."""
    ids = ProgrammeLandlord.objects.filter(landlord__in=access.landlord_ids(user)).values("programme_id")
    return _in(prefix, ids)


def funded_filter(user, prefix: str = "") -> Q:
    """Programmes a funder the user works for finances (a funding line or a funder role)."""
    funders = access.funder_ids(user)
    lines = FundingLine.objects.filter(funder__in=funders).values("programme_id")
    roles = ProgrammePartner.objects.filter(organisation__in=funders, role=ProgrammePartner.Role.FUNDER).values(
        "programme_id"
    )
    return _in(prefix, lines) | _in(prefix, roles)


def visible_filter(user, prefix: str = "") -> Q:
    """Programmes the user may look at (their description, not their participants)."""
    if access.is_programme_admin(user):
        return Q()
    return run_by_filter(user, prefix) | landlord_filter(user, prefix) | funded_filter(user, prefix)


def programmes_visible_to(user) -> QuerySet[Programme]:
    return Programme.objects.filter(visible_filter(user))


def programmes_run_by(user) -> QuerySet[Programme]:
    if access.is_programme_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(run_by_filter(user))


def programmes_of_landlords(user) -> QuerySet[Programme]:
    """Programmes the user's landlords take part in: where their tenants may be referred."""
    return Programme.objects.filter(landlord_filter(user))


def programmes_funded_by(user) -> QuerySet[Programme]:
    if access.is_programme_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(funded_filter(user))


@rules.predicate
def runs_programme(user, programme) -> bool:
    return programme is not None and programmes_run_by(user).filter(pk=programme.pk).exists()


@rules.predicate
def landlord_takes_part(user, programme) -> bool:
    return programme is not None and programmes_of_landlords(user).filter(pk=programme.pk).exists()


@rules.predicate
def funds_programme(user, programme) -> bool:
    return programme is not None and programmes_funded_by(user).filter(pk=programme.pk).exists()
