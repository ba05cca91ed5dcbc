"""The tenants' part of the access policy (see partners.policy and docs/access.md): who sees which
people, referrals and pathways, who may act on them, and who reads which of their fields."""

import rules
from django.db.models import Q

from partners import policy
from partners.policy import is_admin, is_coordinator, is_landlord_staff, profile
from programmes.models import Programme
from programmes.rules import on_programme

from .models import Enrolment, Referral, Tenant


# --- Rows -------------------------------------------------------------------------------------
def _followed(user) -> Q:
    """Tenants referred or enrolled to a programme an organisation of the user runs."""
    coordinated = policy.scope(user, Programme, "coordinate")
    referred = Referral.objects.filter(programme__in=coordinated).values("tenant_id")
    enrolled = Enrolment.objects.filter(programme__in=coordinated).values("tenant_id")
    return Q(pk__in=referred) | Q(pk__in=enrolled)


def _tenants(user) -> Q:
    if profile(user).is_admin:
        return Q()
    scope = Q(landlord__in=profile(user).landlord_ids)
    if profile(user).coordinated_org_ids:
        scope |= _followed(user)
    return scope


def _referrals(user) -> Q:
    if profile(user).is_admin:
        return Q()
    scope = Q(landlord__in=profile(user).landlord_ids)
    if profile(user).coordinated_org_ids:
        scope |= Q(programme__in=policy.scope(user, Programme, "coordinate"))
    return scope


def _enrolments(user) -> Q:
    """Participants of the programmes the user runs, and landlord staff's own tenants."""
    if profile(user).is_admin:
        return Q()
    return Q(programme__in=policy.scope(user, Programme, "run")) | Q(tenant__landlord__in=profile(user).landlord_ids)


def _enrolments_run(user) -> Q:
    return Q() if profile(user).is_admin else Q(programme__in=policy.scope(user, Programme, "run"))


policy.rows(Tenant, "view", _tenants)
# As a coordinator (never widened for programme admins).
policy.rows(Tenant, "follow", _followed)
policy.rows(Referral, "view", _referrals)
# Programme admins see every referral but do not decide them.
policy.rows(Referral, "decide", lambda user: Q(programme__in=policy.scope(user, Programme, "coordinate")))
policy.rows(Enrolment, "view", _enrolments)
# Steps, notes, assessments, tutor and sponsor, work contracts, the exit and its follow-up.
policy.rows(Enrolment, "edit", _enrolments_run)


# --- Objects ----------------------------------------------------------------------------------
@rules.predicate
def works_for_tenants_landlord(user, tenant) -> bool:
    return tenant is not None and tenant.landlord_id in profile(user).landlord_ids


@rules.predicate
def works_for_a_landlord(user, landlord) -> bool:
    return landlord is not None and landlord.pk in profile(user).landlord_ids


@rules.predicate
def follows_tenant(user, tenant) -> bool:
    """The user coordinates a programme this tenant was referred or enrolled to."""
    return tenant is not None and policy.in_scope(user, tenant, "follow")


@rules.predicate
def referred_by_users_landlord(user, referral) -> bool:
    return referral is not None and referral.landlord_id in profile(user).landlord_ids


runs_session_programme = on_programme("run", lambda session: session.activity.programme_id, "runs_session_programme")
runs_enrolment_programme = on_programme("run", lambda enrolment: enrolment.programme_id, "runs_enrolment_programme")

# Who may open the tenant and referral pages at all: for funders and committee members they do not exist.
policy.rule("tenant.list", is_admin | is_landlord_staff | is_coordinator, hidden=True)
policy.rule("tenant.create", works_for_a_landlord)
policy.rule("tenant.import", works_for_a_landlord)
policy.rule("tenant.edit", works_for_tenants_landlord)
policy.rule("consent.record", works_for_tenants_landlord)
# The person may tell the association rather than their landlord that they withdraw.
policy.rule("consent.withdraw", works_for_tenants_landlord | follows_tenant)
policy.rule("referral.create", works_for_tenants_landlord)
policy.rule("referral.withdraw", referred_by_users_landlord)
policy.rule("attendance.record", is_admin | runs_session_programme)
policy.rule("enrolment.list", is_admin | is_coordinator | is_landlord_staff)


# --- Fields (need-to-know) --------------------------------------------------------------------
# Lease reference, postal address and who recorded the person: the landlord's own business.
policy.fields(
    Tenant,
    "landlord_record",
    ["lease_reference", "address", "postcode", "city", "created_by"],
    readers=is_admin | works_for_tenants_landlord,
    holders=is_admin | is_landlord_staff,
)
# Art. 9 GDPR data: only those who adapt the person's pathway to it. Landlord staff record it when
# the person tells them (creating the record) but do not read it back; their edits leave it as is.
policy.fields(
    Tenant,
    "special_category",
    ["disability_recognised", f"barriers.{Tenant.Barrier.HEALTH}"],
    readers=is_admin | follows_tenant,
    holders=is_admin | is_coordinator,
    special_category=True,
)
# The association's working notes and its assessment of the person's barriers stay with those who
# run the programme; landlord staff follow the pathway (steps, sessions, contracts) without them.
policy.fields(
    Enrolment,
    "association_notes",
    ["notes", "steps__notes", "barrier_assessments__notes"],
    readers=is_admin | runs_enrolment_programme,
    holders=is_admin | is_coordinator,
)
policy.fields(
    Enrolment,
    "barrier_levels",
    ["barrier_assessments", "distance_travelled"],
    readers=is_admin | runs_enrolment_programme,
    holders=is_admin | is_coordinator,
)
policy.fields(
    Enrolment,
    "special_category",
    ["entry_disability"],
    readers=is_admin | runs_enrolment_programme,
    holders=is_admin | is_coordinator,
    special_category=True,
)
