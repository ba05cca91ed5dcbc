"""Writes on tenant records and their consent."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.locking import claim
from partners.models import Organisation, User
from partners.policy import may_read_field, require

from ..models import Consent, Enrolment, Referral, Tenant
from ..rules import works_for_tenants_landlord
from ..selectors.people import has_active_consent
from ..selectors.referrals import contacts_at_landlord, coordinators_of
from .conflicts import refused_on_conflict
from .referrals import announce, referral_close_for_withdrawn_consent

# Fields a person's record may be given through a form or an import.
EDITABLE_FIELDS = (
    "lease_reference",
    "last_name",
    "first_name",
    "birth_date",
    "sex",
    "phone",
    "email",
    "address",
    "postcode",
    "city",
    "neighbourhood",
    "household",
    "situation",
    "unemployed_since",
    "registered_with_employment_service",
    "known_to_institutions",
    "education_level",
    "disability_recognised",
    "housing_exclusion",
    "barriers",
)


def edit_of(actor: User, tenant: Tenant, data: dict[str, Any]) -> dict[str, Any]:
    """What an edit of an existing record may change: fields the actor may not read (never shown
    to them) stay as they are, and so do the named barriers held back from them."""
    kept = {name: value for name, value in data.items() if may_read_field(actor, Tenant, name, tenant)}
    if "barriers" in kept:
        held_back = {b for b in tenant.barriers if not may_read_field(actor, Tenant, f"barriers.{b}", tenant)}
        named = {b for b in kept["barriers"] if may_read_field(actor, Tenant, f"barriers.{b}", tenant)} | held_back
        kept["barriers"] = [b for b in Tenant.Barrier.values if b in named]
    return kept


def _check_neighbourhood(landlord: Organisation, data: dict[str, Any]) -> None:
    neighbourhood = data.get("neighbourhood")
    if neighbourhood is not None and not neighbourhood.landlords.filter(pk=landlord.pk).exists():
        raise ValidationError(
            {"neighbourhood": _("This neighbourhood is not one of %(landlord)s's.") % {"landlord": landlord}}
        )


def _save(tenant: Tenant) -> Tenant:
    with refused_on_conflict(
        _("%(landlord)s already has a record with this lease reference, name and birth date.")
        % {"landlord": tenant.landlord}
    ):
        tenant.save()
    return tenant


@transaction.atomic
def tenant_create(*, actor: User, landlord: Organisation, data: dict[str, Any]) -> Tenant:
    require(actor, "tenant.create", landlord)
    _check_neighbourhood(landlord, data)
    tenant = Tenant(landlord=landlord, created_by=actor)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(tenant, name, data[name])
    return _save(tenant)


@transaction.atomic
def tenant_update(*, actor: User, tenant: Tenant, data: dict[str, Any], version: int | None) -> Tenant:
    """Save `data` on the record, unless someone saved it since `version` was read."""
    require(actor, "tenant.edit", tenant)
    _check_neighbourhood(tenant.landlord, data)
    claim(tenant, version=version, by=actor)
    # From the stored record: a form may have changed `tenant` itself, held-back values included.
    stored = Tenant.objects.get(pk=tenant.pk)
    data = edit_of(actor, stored, data)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(stored, name, data[name])
    return _save(stored)


@transaction.atomic
def consent_record(*, actor: User, tenant: Tenant, given_on: date, text_version: str) -> Consent:
    require(actor, "consent.record", tenant)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Consent cannot be given in the future.")})
    already = _("This person's consent is already recorded.")
    if has_active_consent(tenant):
        raise ValidationError(already)
    with refused_on_conflict(already):
        return Consent.objects.create(tenant=tenant, given_on=given_on, text_version=text_version, recorded_by=actor)


@transaction.atomic
def consent_withdraw(*, actor: User, tenant: Tenant, withdrawn_on: date | None = None) -> Consent:
    """Record that the person withdrew consent, and stop processing: open referrals close.

    No new referral can be sent until a new consent is recorded.
    """
    require(actor, "consent.withdraw", tenant)
    consent = tenant.consents.select_for_update().filter(withdrawn_on__isnull=True).first()
    if consent is None:
        raise ValidationError(_("This person has no consent to withdraw."))
    withdrawn_on = withdrawn_on or timezone.localdate()
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("Consent cannot be withdrawn before it was given.")})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    for referral in tenant.referrals.filter(status__in=Referral.OPEN_STATUSES).select_related("programme"):
        referral_close_for_withdrawn_consent(referral=referral, actor=actor)
    enrolled_in = list(tenant.enrolments.filter(status=Enrolment.Status.ACTIVE).select_related("programme"))
    for enrolment in enrolled_in:
        announce(
            recipients=coordinators_of([enrolment.programme_id]),
            url=tenant.get_absolute_url(),
            message=gettext_lazy("%(tenant)s withdrew their consent: stop processing their data in %(programme)s."),
            subject=gettext_lazy("Consent withdrawn: %(tenant)s"),
            tenant=tenant,
            programme=enrolment.programme,
        )
    if not works_for_tenants_landlord(actor, tenant):  # the person told the association: tell the landlord
        announce(
            recipients=contacts_at_landlord(tenant.landlord_id, preferred=tenant.created_by),
            url=tenant.get_absolute_url(),
            message=gettext_lazy("%(tenant)s withdrew their consent (recorded by %(actor)s)."),
            subject=gettext_lazy("Consent withdrawn: %(tenant)s"),
            tenant=tenant,
            actor=actor,
        )
    return consent
