"""Writes on pathways, by those who run the programme: steps, notes, barrier assessments,
tutor and sponsor, Premières Heures contracts and their weekly hours."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from partners.audit import log_bulk_update
from partners.locking import stale_rows, stamp
from partners.models import Organisation, User
from partners.policy import require

from ..models import BarrierAssessment, BarrierScore, Enrolment, PathwayNote, PathwayStep, WeeklyHours, WorkContract
from ..models.work_hours import CONTRACT_MONTHS_LIMIT, WEEKLY_HOURS_LIMIT
from ..selectors.pathways import contracts_in_week, sponsor_choices, tutor_choices

STEP_FIELDS = ("kind", "title", "organisation", "started_on", "ended_on", "result", "notes")


def _check_step(fields: dict) -> None:
    ended, started = fields.get("ended_on"), fields["started_on"]
    if ended and ended < started:
        raise ValidationError({"ended_on": _("The step cannot end before it starts.")})
    if fields["result"] in PathwayStep.FINISHED_RESULTS and not ended:
        raise ValidationError({"ended_on": _("A step with this result is over: give its end date.")})


@transaction.atomic
def pathway_step_create(
    *,
    enrolment: Enrolment,
    actor: User,
    kind: str,
    started_on: datetime.date,
    result: str = PathwayStep.Result.PLANNED,
    title: str = "",
    organisation: Organisation | None = None,
    ended_on: datetime.date | None = None,
    notes: str = "",
) -> PathwayStep:
    require(actor, "enrolment.edit", enrolment)
    fields = {
        "kind": kind,
        "title": title,
        "organisation": organisation,
        "started_on": started_on,
        "ended_on": ended_on,
        "result": result,
        "notes": notes,
    }
    _check_step(fields)
    return PathwayStep.objects.create(enrolment=enrolment, recorded_by=actor, **fields)


@transaction.atomic
def pathway_step_update(*, step: PathwayStep, actor: User, **fields) -> PathwayStep:
    require(actor, "enrolment.edit", step.enrolment)
    unknown = set(fields) - set(STEP_FIELDS)
    if unknown:
        raise TypeError(f"pathway_step_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(step, name, value)
    _check_step({name: getattr(step, name) for name in STEP_FIELDS})
    step.save()
    return step


@transaction.atomic
def pathway_note_create(*, enrolment: Enrolment, actor: User, written_on: datetime.date, text: str) -> PathwayNote:
    require(actor, "enrolment.edit", enrolment)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    return PathwayNote.objects.create(enrolment=enrolment, author=actor, written_on=written_on, text=text.strip())


@transaction.atomic
def barrier_assessment_create(
    *,
    enrolment: Enrolment,
    actor: User,
    stage: str,
    assessed_on: datetime.date,
    levels: dict[str, int],
    notes: str = "",
) -> BarrierAssessment:
    """Score barriers on the single 0–4 scale. A later assessment scores again every barrier
    scored at entry, so that the distance travelled compares the same barriers."""
    require(actor, "enrolment.edit", enrolment)
    if not levels:
        raise ValidationError(_("Score at least one barrier."))
    existing = enrolment.barrier_assessments.all()
    if stage != BarrierAssessment.Stage.ENTRY:
        entry = existing.filter(stage=BarrierAssessment.Stage.ENTRY).first()
        if entry is None:
            raise ValidationError({"stage": _("Record the assessment at entry first.")})
        if assessed_on < entry.assessed_on:
            raise ValidationError({"assessed_on": _("A later assessment cannot predate the one at entry.")})
        missing = set(entry.scores.values_list("barrier", flat=True)) - set(levels)
        if missing:
            raise ValidationError({barrier: _("Scored at entry: score it again.") for barrier in missing})
    elif existing.filter(stage=BarrierAssessment.Stage.ENTRY).exists():
        raise ValidationError({"stage": _("The assessment at entry is already recorded.")})
    if stage == BarrierAssessment.Stage.EXIT and existing.filter(stage=stage).exists():
        raise ValidationError({"stage": _("The assessment at exit is already recorded.")})
    if existing.filter(assessed_on=assessed_on).exists():
        raise ValidationError({"assessed_on": _("There is already an assessment on this day.")})
    assessment = BarrierAssessment.objects.create(
        enrolment=enrolment, stage=stage, assessed_on=assessed_on, notes=notes, assessed_by=actor
    )
    for barrier, level in levels.items():
        BarrierScore.objects.create(assessment=assessment, barrier=barrier, level=level)
    return assessment


@transaction.atomic
def enrolment_team_set(*, enrolment: Enrolment, actor: User, tutor: User | None, sponsor: User | None) -> Enrolment:
    """A tutor from one of the programme's landlords and a sponsor from the association."""
    require(actor, "enrolment.edit", enrolment)
    if tutor is not None and not tutor_choices(enrolment).filter(pk=tutor.pk).exists():
        raise ValidationError({"tutor": _("The tutor must work for a landlord of the programme.")})
    if sponsor is not None and not sponsor_choices(enrolment).filter(pk=sponsor.pk).exists():
        raise ValidationError({"sponsor": _("The sponsor must coordinate for an organisation running the programme.")})
    enrolment.tutor, enrolment.sponsor = tutor, sponsor
    enrolment.save(update_fields=["tutor", "sponsor"])
    return enrolment


@transaction.atomic
def work_contract_create(
    *,
    enrolment: Enrolment,
    actor: User,
    employer: Organisation,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> WorkContract:
    require(actor, "enrolment.edit", enrolment)
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The contract cannot end before it starts.")})
    return WorkContract.objects.create(
        enrolment=enrolment, employer=employer, starts_on=starts_on, ends_on=ends_on, recorded_by=actor
    )


def work_hours_warnings(contract: WorkContract, week: WeeklyHours | None = None) -> list[str]:
    """What breaks the Premières Heures rules (allowed, recorded, but to be looked at)."""
    warnings = []
    if week is not None and week.hours > WEEKLY_HOURS_LIMIT:
        warnings.append(
            _("%(hours)s h in the week of %(week)s: more than %(limit)s h.")
            % {
                "hours": floatformat(week.hours, -2),
                "week": week.week_start.strftime("%d/%m/%Y"),
                "limit": WEEKLY_HOURS_LIMIT,
            }
        )
    if contract.exceeds_duration(week.week_start if week else None):
        warnings.append(
            _("The contract runs beyond %(months)s months (after %(date)s).")
            % {"months": CONTRACT_MONTHS_LIMIT, "date": contract.limit_date.strftime("%d/%m/%Y")}
        )
    return warnings


@transaction.atomic
def weekly_hours_record(
    *, contract: WorkContract, actor: User, week_start: datetime.date, hours: Decimal
) -> tuple[WeeklyHours, list[str]]:
    """Record one week's hours (the week is taken from its Monday). Returns the warnings."""
    require(actor, "enrolment.edit", contract.enrolment)
    monday = week_start - datetime.timedelta(days=week_start.weekday())
    if hours < 0 or hours > 168:
        raise ValidationError({"hours": _("Between 0 and 168 hours in a week.")})
    if monday + datetime.timedelta(days=6) < contract.starts_on or (contract.ends_on and monday > contract.ends_on):
        raise ValidationError({"week_start": _("This week is outside the contract's dates.")})
    try:
        with transaction.atomic():
            week = WeeklyHours(contract=contract, week_start=monday, hours=hours, recorded_by=actor)
            stamp(week, by=actor)
            week.save()
    except IntegrityError:
        raise ValidationError(
            {
                "week_start": _("Hours are already recorded for the week of %(week)s.")
                % {"week": monday.strftime("%d/%m/%Y")}
            }
        ) from None
    return week, work_hours_warnings(contract, week)


class WeekHoursInvalid(Exception):
    """Some rows of a week's hours are wrong or were changed meanwhile; nothing was saved.

    `errors` maps a contract id to its message.
    """

    def __init__(self, errors: dict[int, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@transaction.atomic
def week_hours_save(
    *, programme, actor: User, week_start: datetime.date, rows: list[tuple[int, Decimal | None, int | None]]
) -> list[str]:
    """Record one week's hours for every contract of a programme at once, or nothing.

    Each row is (contract id, hours typed or None to clear, version of the week's row when the
    page was loaded, None if it had none): if someone saved any row of the grid since, nothing
    is saved and that row says who and when. Returns the Premières Heures warnings.
    """
    require(actor, "programme.run", programme)
    monday = week_start - datetime.timedelta(days=week_start.weekday())
    contracts = {c.pk: c for c in contracts_in_week(programme, monday)}
    saved = {
        w.contract_id: w
        for w in WeeklyHours.objects.select_for_update(of=("self",))
        .select_related("saved_by")
        .filter(contract__in=list(contracts), week_start=monday)
    }
    stale = stale_rows(saved, {contract_id: version for contract_id, _hours, version in rows})
    errors = {}
    for contract_id, hours, _version in rows:
        contract = contracts.get(contract_id)
        if contract is None:
            errors[contract_id] = _("This contract does not run this week.")
        elif hours is not None and not 0 <= hours <= 168:
            errors[contract_id] = _("%(name)s: between 0 and 168 hours in a week.") % {
                "name": contract.enrolment.tenant
            }
        elif contract_id in stale:
            errors[contract_id] = _("%(name)s: %(message)s") % {
                "name": contract.enrolment.tenant,
                "message": stale[contract_id].message,
            }
    if errors:
        raise WeekHoursInvalid(errors)
    new, changed, cleared, changes, warnings = [], [], [], {}, []
    for contract_id, hours, _version in rows:
        week = saved.get(contract_id)
        if hours is None:
            if week is not None:
                cleared.append(week)
            continue
        if week is None:
            week = WeeklyHours(contract=contracts[contract_id], week_start=monday, hours=hours, recorded_by=actor)
            stamp(week, by=actor)
            new.append(week)
        elif week.hours != hours:
            changes[week.pk] = {"hours": [str(week.hours), str(hours)]}
            week.hours, week.recorded_by = hours, actor
            stamp(week, by=actor)
            changed.append(week)
        warnings += work_hours_warnings(contracts[contract_id], week)
    WeeklyHours.objects.bulk_create(new)
    WeeklyHours.objects.bulk_update(changed, ["hours", "recorded_by", "version", "saved_by", "saved_at"])
    WeeklyHours.objects.filter(pk__in=[week.pk for week in cleared]).delete()
    log_bulk_update(new, {w.pk: {"hours": ["None", str(w.hours)]} for w in new}, actor, LogEntry.Action.CREATE)
    log_bulk_update(changed, changes, actor)
    log_bulk_update(cleared, {w.pk: {"hours": [str(w.hours), "None"]} for w in cleared}, actor, LogEntry.Action.DELETE)
    return warnings
