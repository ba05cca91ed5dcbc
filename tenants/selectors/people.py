"""Reads of tenant records, always scoped by the access policy.

`tenants_visible_to` is the only way views, exports and commands list tenants.
"""

from __future__ import annotations

import unicodedata

from django.db.models import Exists, OuterRef, Q, QuerySet

from partners.models import Neighbourhood, Organisation
from partners.policy import profile, scope
from programmes.models import Programme

from ..models import Consent, Enrolment, Tenant


def active_consent_exists() -> Exists:
    return Exists(Consent.objects.filter(tenant=OuterRef("pk"), withdrawn_on__isnull=True))


def tenants_visible_to(user) -> QuerySet[Tenant]:
    return scope(user, Tenant).select_related("landlord", "neighbourhood").annotate(has_consent=active_consent_exists())


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
    return Organisation.objects.filter(pk__in=profile(user).landlord_ids, kind=Organisation.Kind.LANDLORD)


def neighbourhoods_for(user) -> QuerySet[Neighbourhood]:
    """Neighbourhoods worth offering as a filter: the user's landlords' and their programmes'."""
    if profile(user).is_admin:
        return Neighbourhood.objects.all()
    return Neighbourhood.objects.filter(
        Q(landlords__in=profile(user).landlord_ids) | Q(programmes__in=scope(user, Programme))
    ).distinct()


def enrolments_of(user, tenant: Tenant) -> QuerySet[Enrolment]:
    return scope(user, tenant.enrolments.all()).select_related("programme")
