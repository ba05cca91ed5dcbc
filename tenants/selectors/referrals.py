"""Reads of referrals, always scoped by the access policy (`referrals_visible_to`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from partners.models import Membership, Organisation, User
from partners.policy import profile, scope
from programmes.models import Programme
from programmes.rules import RUNNING_ROLES

from ..models import Referral, ReferralTransition, Tenant

S = Referral.Status


def referrals_visible_to(user) -> QuerySet[Referral]:
    return scope(user, Referral).select_related(
        "tenant", "tenant__neighbourhood", "programme", "landlord", "referred_by"
    )


def referring_landlords_for(user) -> QuerySet[Organisation] | None:
    """Landlords worth offering as a filter of the referral list; None when there is only the user's own."""
    facts = profile(user)
    if not (facts.is_admin or facts.coordinated_org_ids or len(facts.landlord_ids) > 1):
        return None
    return Organisation.objects.filter(
        kind=Organisation.Kind.LANDLORD, pk__in=referrals_visible_to(user).values("landlord_id")
    )


def referrals_to_decide(user) -> QuerySet[Referral]:
    """Open referrals of the programmes the user coordinates, the longest waiting first."""
    return (
        scope(user, referrals_visible_to(user), "decide")
        .filter(status__in=Referral.OPEN_STATUSES)
        .order_by("created_at")
    )


def referral_status_counts(referrals: QuerySet[Referral]) -> dict[str, int]:
    """How many referrals in each status, in one query."""
    return referrals.aggregate(
        total=Count("pk"), **{status: Count("pk", filter=Q(status=status)) for status in S.values}
    )


def overdue_since() -> datetime:
    return timezone.now() - timedelta(days=settings.REFERRAL_REMINDER_DAYS)


def history_of(referral: Referral) -> QuerySet[ReferralTransition]:
    return referral.transitions.select_related("by")


def referrals_of_tenant(user, tenant: Tenant) -> QuerySet[Referral]:
    return referrals_visible_to(user).filter(tenant=tenant)


def programmes_open_to(tenant: Tenant) -> QuerySet[Programme]:
    """Programmes the tenant's landlord takes part in, still running."""
    today = timezone.localdate()
    return Programme.objects.filter(landlord_links__landlord=tenant.landlord_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def coordinators_of(programme_ids) -> QuerySet[User]:
    """People who coordinate for an organisation running one of these programmes."""
    return User.objects.filter(
        is_active=True,
        memberships__role=Membership.Role.COORDINATOR,
        memberships__organisation__programme_partner_links__programme__in=programme_ids,
        memberships__organisation__programme_partner_links__role__in=RUNNING_ROLES,
    ).distinct()


def landlord_contacts(referral: Referral) -> list[User]:
    """Who hears back on a referral: the person who sent it, or their colleagues once they left."""
    return contacts_at_landlord(referral.landlord_id, preferred=referral.referred_by)


def contacts_at_landlord(landlord_id: int, preferred: User | None) -> list[User]:
    if preferred is not None and preferred.is_active and landlord_id in profile(preferred).landlord_ids:
        return [preferred]
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=landlord_id,
            memberships__role=Membership.Role.LANDLORD_STAFF,
        ).distinct()
    )
