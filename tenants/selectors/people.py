"""Reads of tenant records, always scoped by the access rules.

`tenants_visible_to` is the only way views, exports and commands list tenants.
"""

from __future__ import annotations

import unicodedata

from django.db.models import Exists, OuterRef, Q, QuerySet

from partners import access
from partners.models import Neighbourhood, Organisation
from programmes.access import run_by_filter, visible_filter
from programmes.models import Programme

from ..models import Consent, Enrolment, Referral, Tenant


def _followed_filter(user) -> Q:
    """Tenants referred or enrolled to a programme an organisation of the user runs."""
    referred = Referral.objects.filter(run_by_filter(user, "programme")).values("tenant_id")
    enrolled = Enrolment.objects.filter(run_by_filter(user, "programme")).values("tenant_id")
    return Q(pk__in=referred) | Q(pk__in=enrolled)


def tenant_filter(user) -> Q:
    if access.is_programme_admin(user):
        return Q()
    scope = Q(landlord__in=access.landlord_ids(user))
    if access.coordinated_org_ids(user):
        scope |= _followed_filter(user)
    return scope


def tenants_followed_by(user) -> QuerySet[Tenant]:
    """As a coordinator (never widened for programme admins)."""
    if not access.coordinated_org_ids(user):
        return Tenant.objects.none()
    return Tenant.objects.filter(_followed_filter(user))


def active_consent_exists() -> Exists:
    return Exists(Consent.objects.filter(tenant=OuterRef("pk"), withdrawn_on__isnull=True))


def tenants_visible_to(user) -> QuerySet[Tenant]:
    return (
        Tenant.objects.filter(tenant_filter(user))
        .select_related("landlord", "neighbourhood")
        .annotate(has_consent=active_consent_exists())
    )


def consents_of(tenant: Tenant) -> QuerySet[Consent]:
    return tenant.consents.select_related("recorded_by", "withdrawn_by")


def has_active_consent(tenant: Tenant) -> bool:
    return tenant.consents.filter(withdrawn_on__isnull=True).exists()


def active_consent(tenant: Tenant) -> Consent | None:
    return tenant.consents.filter(withdrawn_on__isnull=True).first()


def normalise_name(value: str) -> str:
    """Compare names the way people do: without case, accents, hyphens or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").replace("'", " ").split())


def possible_duplicates(*, landlord, last_name: str, first_name: str, birth_date, exclude_pk=None) -> list[Tenant]:
    """Records of the same landlord that look like the same person (same names and birth date).

    Only the landlord's tenants born that day are read, so names are compared in Python
    without case or accents, portably across databases.
    """
    if not (landlord and last_name and first_name and birth_date):
        return []
    candidates = Tenant.objects.filter(landlord=landlord, birth_date=birth_date).exclude(pk=exclude_pk)
    wanted = (normalise_name(last_name), normalise_name(first_name))
    return [t for t in candidates if (normalise_name(t.last_name), normalise_name(t.first_name)) == wanted]


def landlords_of(user) -> QuerySet[Organisation]:
    """The landlords the user works for: those they may record or import tenants for."""
    return Organisation.objects.filter(pk__in=access.landlord_ids(user), kind=Organisation.Kind.LANDLORD)


def neighbourhoods_for(user) -> QuerySet[Neighbourhood]:
    """Neighbourhoods worth offering as a filter: the user's landlords' and their programmes'."""
    if access.is_programme_admin(user):
        return Neighbourhood.objects.all()
    return Neighbourhood.objects.filter(
        Q(landlords__in=access.landlord_ids(user)) | Q(programmes__in=Programme.objects.filter(visible_filter(user)))
    ).distinct()


def may_see_full_record(user, tenant: Tenant) -> bool:
    """Lease reference, postal address and who recorded the person: their landlord's (and admins')."""
    return access.can(user, "tenant.view_full", tenant)


def enrolments_of(user, tenant: Tenant) -> QuerySet[Enrolment]:
    return tenant.enrolments.filter(
        Q() if may_see_full_record(user, tenant) else run_by_filter(user, "programme")
    ).select_related("programme")
