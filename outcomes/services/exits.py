"""Recording exits and follow-ups: the rules funders report on, checked here and in the database."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.locking import claim, stamp
from partners.models import Organisation, User
from partners.policy import require
from tenants.models import Enrolment

from ..models import Exit, FollowUp, FunderOutcomeSettings


def _date_error(day: datetime.date, *, not_before: datetime.date, too_early: str, in_future: str) -> str | None:
    """The message for a date before `not_before` (shown in it) or in the future, else None."""
    if day < not_before:
        return too_early % {"date": not_before.strftime("%d/%m/%Y")}
    if day > timezone.localdate():
        return in_future
    return None


def _check_exit(*, enrolment: Enrolment, exit_date: datetime.date, situation: str, contract_months: int | None):
    errors = {}
    date_error = _date_error(
        exit_date,
        not_before=enrolment.entered_on,
        too_early=_("The exit date cannot be before the entry date (%(date)s)."),
        in_future=_("The exit date cannot be in the future."),
    )
    if date_error:
        errors["exit_date"] = date_error
    if situation in Exit.FIXED_TERM and not contract_months:
        errors["contract_months"] = _("Give the contract's length in months for fixed-term or temp work.")
    if errors:
        raise ValidationError(errors)


def _save(row, fields: dict) -> None:
    """Write a claimed row's changes through `save()`, so that the audit trail records them."""
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=[*fields, "version", "saved_by", "saved_at"])


@transaction.atomic
def exit_record(
    *,
    enrolment: Enrolment,
    actor: User,
    exit_date: datetime.date,
    situation: str,
    contract_months: int | None = None,
    qualification_gained: bool = False,
    qualification: str = "",
    agrees_to_contact: bool = False,
) -> Exit:
    require(actor, "enrolment.edit", enrolment)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if Exit.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("This participant's exit is already recorded."))
    _check_exit(enrolment=enrolment, exit_date=exit_date, situation=situation, contract_months=contract_months)
    exit = Exit.objects.create(
        enrolment=enrolment,
        entered_on=enrolment.entered_on,
        exit_date=exit_date,
        situation=situation,
        contract_months=contract_months if situation in Exit.FIXED_TERM else None,
        qualification_gained=qualification_gained,
        qualification=qualification if qualification_gained else "",
        agrees_to_contact=agrees_to_contact,
        recorded_by=actor,
    )
    enrolment.status = Enrolment.Status.EXITED
    enrolment.save(update_fields=["status"])
    return exit


@transaction.atomic
def exit_update(
    *,
    exit: Exit,
    actor: User,
    version: int | None,
    exit_date: datetime.date,
    situation: str,
    contract_months: int | None = None,
    qualification_gained: bool = False,
    qualification: str = "",
    agrees_to_contact: bool = False,
) -> Exit:
    require(actor, "enrolment.edit", exit.enrolment)
    _check_exit(enrolment=exit.enrolment, exit_date=exit_date, situation=situation, contract_months=contract_months)
    fields = {
        "exit_date": exit_date,
        "situation": situation,
        "contract_months": contract_months if situation in Exit.FIXED_TERM else None,
        "qualification_gained": qualification_gained,
        "qualification": qualification if qualification_gained else "",
        "agrees_to_contact": agrees_to_contact,
        "recorded_by": actor,
    }
    claim(exit, version=version, by=actor)
    _save(exit, fields)
    return exit


@transaction.atomic
def follow_up_record(
    *,
    exit: Exit,
    actor: User,
    contacted_on: datetime.date,
    result: str,
    improved: bool | None,
    version: int | None = None,
) -> FollowUp:
    """Record (or correct) what became of the person about six months after their exit."""
    require(actor, "enrolment.edit", exit.enrolment)
    date_error = _date_error(
        contacted_on,
        not_before=exit.exit_date,
        too_early=_("The follow-up cannot be before the exit (%(date)s)."),
        in_future=_("The follow-up date cannot be in the future."),
    )
    if date_error:
        raise ValidationError({"contacted_on": date_error})
    if result == FollowUp.Result.NO_ANSWER:
        improved = None
    fields = {"contacted_on": contacted_on, "result": result, "improved": improved, "recorded_by": actor}
    exit = Exit.objects.select_for_update().get(pk=exit.pk)  # one follow-up write at a time
    follow_up = FollowUp.objects.filter(exit=exit).first()
    if follow_up is None:
        follow_up = FollowUp(exit=exit, **fields)
        stamp(follow_up, by=actor)
        follow_up.save()
        return follow_up
    # A page that showed no follow-up (version None) is stale once someone recorded one.
    claim(follow_up, version=version, by=actor)
    _save(follow_up, fields)
    return follow_up


@transaction.atomic
def funder_settings_update(
    *,
    funder: Organisation,
    actor: User,
    positive_situations: list[str],
    durable_months: int,
) -> FunderOutcomeSettings:
    require(actor, "organisation.speak_for_funder", funder)
    unknown = set(positive_situations) - set(Exit.Situation.values)
    if unknown:
        raise ValidationError({"positive_situations": _("Unknown situation.")})
    settings, _created = FunderOutcomeSettings.objects.update_or_create(
        funder=funder,
        defaults={
            "positive_situations": sorted(positive_situations),
            "durable_months": durable_months,
            "updated_by": actor,
        },
    )
    return settings
