"""The programmes' part of the access policy: which programmes, activities and sessions a user
may see or run. Declared once here (imported by ProgrammesConfig.ready) and asked through
`partners.policy`; the apps above reach a programme's participants through these scopes, e.g.
`Q(programme__in=policy.scope(user, Programme, "run"))`, so "who runs what" is answered once.
"""

from __future__ import annotations

from collections.abc import Callable

import rules
from django.db.models import Q

from partners import policy
from partners.policy import profile

from .models import Activity, FundingLine, Programme, ProgrammeLandlord, ProgrammePartner, Session

# Partner roles whose coordinators run the programme day to day.
RUNNING_ROLES = (ProgrammePartner.Role.COORDINATOR, ProgrammePartner.Role.CARRIER)


def run_by(user) -> Q:
    """Programmes that an organisation the user coordinates for runs."""
    ids = ProgrammePartner.objects.filter(
        organisation__in=profile(user).coordinated_org_ids, role__in=RUNNING_ROLES
    ).values("programme_id")
    return Q(pk__in=ids)


def landlords_take_part(user) -> Q:
    """Programmes a landlord the user works for takes part in: where their tenants may be referred."""
    return Q(pk__in=ProgrammeLandlord.objects.filter(landlord__in=profile(user).landlord_ids).values("programme_id"))


def funded_by(user) -> Q:
    """Programmes a funder the user works for finances (a funding line or a funder role)."""
    funders = profile(user).funder_ids
    lines = FundingLine.objects.filter(funder__in=funders).values("programme_id")
    roles = ProgrammePartner.objects.filter(organisation__in=funders, role=ProgrammePartner.Role.FUNDER)
    return Q(pk__in=lines) | Q(pk__in=roles.values("programme_id"))


def or_admin(condition: Callable[[object], Q]) -> Callable[[object], Q]:
    """Every row for programme admins, else `condition`."""
    return lambda user: Q() if profile(user).is_admin else condition(user)


# The programme's description and figures, not its participants.
policy.rows(Programme, "view", or_admin(lambda u: run_by(u) | landlords_take_part(u) | funded_by(u)), small=True)
# Create activities, schedule sessions, record attendance and pathways.
policy.rows(Programme, "run", or_admin(run_by), small=True)
# As a coordinator: programme admins see every referral but do not decide them.
policy.rows(Programme, "coordinate", run_by, small=True)
policy.rows(Programme, "fund", or_admin(funded_by), small=True)
# Counts of people shown as they are; funders see small ones as "< 5" (one can point to a person).
policy.rows(Programme, "count_exactly", or_admin(lambda u: run_by(u) | landlords_take_part(u)), small=True)
policy.rows(Activity, "view", lambda u: Q(programme__in=policy.scope(u, Programme)))
policy.rows(Session, "view", lambda u: Q(activity__programme__in=policy.scope(u, Programme)))
policy.rows(Session, "run", lambda u: Q(activity__programme__in=policy.scope(u, Programme, "run")))


def on_programme(verb: str, programme_id: Callable[[object], int | None], name: str) -> rules.Predicate:
    """A predicate on an object whose programme (`programme_id(obj)`) the user may `verb`.

    Reads the user's small programme scope once, so a table may ask it per row.
    """

    def test(user, obj) -> bool:
        return obj is not None and programme_id(obj) in policy.scope_ids(user, Programme, verb)

    return rules.Predicate(test, name=name)
