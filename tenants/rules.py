"""Object rules of the tenants app, asked through partners.access.can / require."""

import rules

from partners import access
from partners.access import is_admin
from programmes.access import run_by_filter, runs_programme
from programmes.models import Programme


# --- Tenants, consent and referrals (issue 3) ---
@rules.predicate
def works_for_tenants_landlord(user, tenant) -> bool:
    return tenant is not None and tenant.landlord_id in access.landlord_ids(user)


@rules.predicate
def works_for_a_landlord(user, landlord) -> bool:
    return landlord is not None and landlord.pk in access.landlord_ids(user)


@rules.predicate
def follows_tenant(user, tenant) -> bool:
    """The user coordinates a programme this tenant was referred or enrolled to."""
    from .selectors.people import tenants_followed_by

    return tenant is not None and tenants_followed_by(user).filter(pk=tenant.pk).exists()


@rules.predicate
def referred_by_users_landlord(user, referral) -> bool:
    return referral is not None and referral.landlord_id in access.landlord_ids(user)


@rules.predicate
def runs_referral_programme(user, referral) -> bool:
    # Not programmes_run_by(): programme admins see every referral but do not decide them.
    return referral is not None and Programme.objects.filter(run_by_filter(user), pk=referral.programme_id).exists()


# Who may open the tenant and referral pages at all; funders and committee members may not.
rules.add_rule("tenant.list", is_admin | access.is_landlord_staff | access.is_coordinator)
# Lease reference, postal address and who recorded the person: the landlord's own business.
rules.add_rule("tenant.view_full", is_admin | works_for_tenants_landlord)
rules.add_rule("tenant.create", works_for_a_landlord)
rules.add_rule("tenant.import", works_for_a_landlord)
rules.add_rule("tenant.edit", works_for_tenants_landlord)
rules.add_rule("consent.record", works_for_tenants_landlord)
# The person may tell the association rather than their landlord that they withdraw.
rules.add_rule("consent.withdraw", works_for_tenants_landlord | follows_tenant)
rules.add_rule("referral.create", works_for_tenants_landlord)
rules.add_rule("referral.decide", runs_referral_programme)
rules.add_rule("referral.withdraw", referred_by_users_landlord)


# --- Pathways, attendance and work hours (issue 4) ---
@rules.predicate
def runs_session_programme(user, session) -> bool:
    return session is not None and runs_programme(user, session.activity.programme)


@rules.predicate
def runs_enrolment_programme(user, enrolment) -> bool:
    return enrolment is not None and runs_programme(user, enrolment.programme)


@rules.predicate
def rents_from_users_landlord(user, enrolment) -> bool:
    return enrolment is not None and enrolment.tenant.landlord_id in access.landlord_ids(user)


rules.add_rule("attendance.record", is_admin | runs_session_programme)
rules.add_rule("pathway.view", is_admin | runs_enrolment_programme | rents_from_users_landlord)
rules.add_rule("pathway.edit", is_admin | runs_enrolment_programme)
rules.add_rule("pathway.list", is_admin | access.is_coordinator | access.is_landlord_staff)
