"""Reads of pathways: who sees which participants, their figures, their timeline, their barriers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Membership, User
from partners.policy import fields_visible, scope
from programmes.rules import RUNNING_ROLES

from ..models import (
    BarrierAssessment,
    BarrierScore,
    Enrolment,
    PathwayStep,
    Registration,
    Tenant,
    WeeklyHours,
    WorkContract,
)
from ..models.work_hours import WEEKLY_HOURS_LIMIT

HOURS = DecimalField(max_digits=9, decimal_places=2)


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Participants of the programmes the user runs, and landlord staff's own tenants."""
    return scope(user, Enrolment).select_related("tenant", "tenant__landlord", "programme")


def steps_visible_to(user) -> QuerySet[PathwayStep]:
    """Steps of the pathways the user sees."""
    return PathwayStep.objects.filter(enrolment__in=scope(user, Enrolment)).select_related(
        "enrolment__programme", "enrolment__tenant"
    )


def correlated_aggregate(rows: QuerySet, group: str, expression, output_field):
    """One aggregate of `rows` (already correlated to the outer row) as a subquery, 0 when none."""
    value = rows.order_by().values(group).annotate(value=expression).values("value")
    return Coalesce(Subquery(value, output_field=output_field), Value(0), output_field=output_field)


def with_pathway_figures(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Sessions attended and hours in the programme, steps, barriers and the distance travelled.

    Distance travelled: over the barriers scored at entry, their total level at entry minus
    their total level in the latest assessment (positive: barriers lifted). None until a
    later assessment exists.
    """
    attended = Registration.objects.filter(
        tenant=OuterRef("tenant"),
        session__activity__programme=OuterRef("programme"),
        attendance=Registration.Attendance.PRESENT,
    )
    steps = PathwayStep.objects.filter(enrolment=OuterRef("pk"))
    entry = BarrierAssessment.objects.filter(enrolment=OuterRef("pk"), stage=BarrierAssessment.Stage.ENTRY)
    latest = BarrierAssessment.objects.filter(enrolment=OuterRef("pk")).order_by("-assessed_on", "-pk")
    queryset = queryset.annotate(
        sessions_attended=correlated_aggregate(attended, "tenant", Count("pk"), IntegerField()),
        hours_attended=correlated_aggregate(attended, "tenant", Sum("hours"), HOURS),
        steps_count=correlated_aggregate(steps, "enrolment", Count("pk"), IntegerField()),
        entry_assessment_id=Subquery(entry.values("pk")[:1]),
        latest_assessment_id=Subquery(latest.values("pk")[:1]),
    )
    entry_scores = BarrierScore.objects.filter(assessment=OuterRef("entry_assessment_id"))
    entry_barriers = BarrierScore.objects.filter(assessment=OuterRef(OuterRef("entry_assessment_id"))).values("barrier")
    latest_scores = BarrierScore.objects.filter(assessment=OuterRef("latest_assessment_id"), barrier__in=entry_barriers)
    queryset = queryset.annotate(
        barriers_at_entry=correlated_aggregate(entry_scores, "assessment", Sum("level"), IntegerField()),
        barriers_now=correlated_aggregate(latest_scores, "assessment", Sum("level"), IntegerField()),
    )
    return queryset.annotate(
        distance_travelled=Case(
            When(
                Q(entry_assessment_id__isnull=False) & ~Q(latest_assessment_id=F("entry_assessment_id")),
                then=F("barriers_at_entry") - F("barriers_now"),
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def enrolments_for_list(user) -> QuerySet[Enrolment]:
    return with_pathway_figures(enrolments_visible_to(user)).order_by("tenant__last_name", "tenant__first_name")


def enrolment_for_page(user, pk: int) -> Enrolment:
    return with_pathway_figures(enrolments_visible_to(user).select_related("tutor", "sponsor")).get(pk=pk)


@dataclass(frozen=True)
class BarrierRow:
    barrier: str
    label: str
    levels: list  # one level (or None) per assessment, in date order
    change: int | None  # entry level minus latest level


def barrier_table(user, enrolment: Enrolment) -> tuple[list[BarrierAssessment], list[BarrierRow]]:
    """The assessments in date order and, per barrier ever scored, its level in each; nothing for
    those who may not read the barrier levels."""
    if "barrier_assessments" not in fields_visible(user, enrolment):
        return [], []
    assessments = list(enrolment.barrier_assessments.prefetch_related("scores").select_related("assessed_by"))
    labels = dict(Tenant.Barrier.choices)
    scored = {score.barrier for a in assessments for score in a.scores.all()}
    rows = []
    for barrier in [b for b in Tenant.Barrier.values if b in scored]:
        levels = [next((s.level for s in a.scores.all() if s.barrier == barrier), None) for a in assessments]
        first, last = levels[0] if assessments and assessments[0].stage == "entry" else None, levels[-1]
        change = first - last if first is not None and last is not None and len(assessments) > 1 else None
        rows.append(BarrierRow(barrier, labels[barrier], levels, change))
    return assessments, rows


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    kind: str
    title: str
    detail: str = ""
    by: str = ""


def pathway_timeline(user, enrolment: Enrolment) -> list[TimelineEntry]:
    """Everything that happened on the pathway that the user may read, latest first: a handful of
    queries, whatever its length."""
    readable = fields_visible(user, enrolment)
    entries = [TimelineEntry(enrolment.entered_on, "entry", _("Entered the programme"))]
    for step in enrolment.steps.select_related("organisation"):
        notes = step.notes if "steps__notes" in readable else ""
        detail = " · ".join(filter(None, [str(step.organisation or ""), step.get_result_display(), notes]))
        title = _("%(kind)s: %(step)s") % {"kind": step.get_kind_display(), "step": step}
        entries.append(TimelineEntry(step.started_on, "step", title, detail))
        if step.ended_on:
            entries.append(
                TimelineEntry(
                    step.ended_on, "step-end", _("End of %(step)s") % {"step": step}, step.get_result_display()
                )
            )
    assessments = enrolment.barrier_assessments.annotate(total=Sum("scores__level"))
    for assessment in assessments if "barrier_assessments" in readable else ():
        entries.append(
            TimelineEntry(
                assessment.assessed_on,
                "assessment",
                _("Barrier assessment (%(stage)s)") % {"stage": assessment.get_stage_display().lower()},
                _("total level %(total)s") % {"total": assessment.total or 0},
            )
        )
    for note in enrolment.notes.select_related("author") if "notes" in readable else ():
        entries.append(TimelineEntry(note.written_on, "note", _("Note"), note.text, str(note.author or "")))
    for registration in attendance_of(enrolment).filter(session__date__lte=timezone.localdate()):
        entries.append(
            TimelineEntry(
                registration.session.date,
                "session",
                registration.session.activity.title,
                registration.get_attendance_display() if registration.attendance else _("Attendance not recorded"),
            )
        )
    for contract in enrolment.work_contracts.select_related("employer"):
        entries.append(
            TimelineEntry(
                contract.starts_on, "contract", _("Work contract with %(employer)s") % {"employer": contract.employer}
            )
        )
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


def attendance_of(enrolment: Enrolment) -> QuerySet[Registration]:
    """The participant's sessions in this programme."""
    return (
        Registration.objects.filter(tenant=enrolment.tenant_id, session__activity__programme=enrolment.programme_id)
        .select_related("session", "session__activity")
        .order_by("-session__date")
    )


def tutor_choices(enrolment: Enrolment) -> QuerySet[User]:
    """Staff of the programme's landlords: who may tutor a participant."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Membership.Role.LANDLORD_STAFF,
            memberships__organisation__programme_landlord_links__programme=enrolment.programme_id,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def sponsor_choices(enrolment: Enrolment) -> QuerySet[User]:
    """Coordinators of the organisations that run the programme: who may sponsor a participant."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Membership.Role.COORDINATOR,
            memberships__organisation__programme_partner_links__programme=enrolment.programme_id,
            memberships__organisation__programme_partner_links__role__in=RUNNING_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def latest_levels(enrolment: Enrolment) -> dict[str, int]:
    """The levels of the latest assessment: where a new one starts from."""
    latest = enrolment.barrier_assessments.order_by("-assessed_on", "-pk").first()
    return dict(latest.scores.values_list("barrier", "level")) if latest else {}


def next_assessment_stage(enrolment: Enrolment) -> str:
    """Entry for the first assessment, follow-up once an entry assessment exists."""
    has_entry = enrolment.barrier_assessments.filter(stage=BarrierAssessment.Stage.ENTRY).exists()
    return BarrierAssessment.Stage.FOLLOW_UP if has_entry else BarrierAssessment.Stage.ENTRY


def contracts_of(enrolment: Enrolment) -> list[WorkContract]:
    return list(
        enrolment.work_contracts.select_related("employer")
        .prefetch_related("weeks")
        .annotate(total_hours=Coalesce(Sum("weeks__hours"), Value(0), output_field=HOURS))
    )


def work_contracts_visible_to(user) -> QuerySet[WorkContract]:
    """Work contracts of the pathways the user sees."""
    return WorkContract.objects.filter(enrolment__in=scope(user, Enrolment)).select_related(
        "enrolment__tenant", "enrolment__programme", "employer"
    )


def work_contracts_for_list(user) -> QuerySet[WorkContract]:
    """Premières Heures contracts with their totals and how many weeks went over the limit."""
    return (
        work_contracts_visible_to(user)
        .annotate(
            weeks_recorded=Count("weeks"),
            total_hours=Coalesce(Sum("weeks__hours"), Value(0), output_field=HOURS),
            weeks_over_limit=Count("weeks", filter=Q(weeks__hours__gt=WEEKLY_HOURS_LIMIT)),
            last_week=Max("weeks__week_start"),
        )
        .order_by("enrolment__tenant__last_name", "starts_on")
    )


def contracts_in_week(programme, monday: datetime.date):
    """The programme's work contracts running at some point of the week starting on `monday`."""
    sunday = monday + datetime.timedelta(days=6)
    return (
        WorkContract.objects.filter(enrolment__programme=programme, starts_on__lte=sunday)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=monday))
        .select_related("enrolment__tenant", "enrolment__programme", "employer")
        .order_by("enrolment__tenant__last_name", "enrolment__tenant__first_name", "pk")
    )


def weeks_recorded(contracts, monday: datetime.date) -> dict[int, WeeklyHours]:
    """The hours already recorded in the week of `monday`, by contract id."""
    return {week.contract_id: week for week in WeeklyHours.objects.filter(contract__in=contracts, week_start=monday)}
