"""Indicator figures, computed in the database: one aggregate query per family.

The query count depends on the number of families, never on the number of people, sessions
or exits (tests/outcomes/test_indicator_queries.py holds it flat from 50 to 500 people).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Avg, Count, Exists, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery, Sum

from programmes.models import Activity, FundingLine, Programme, Session
from tenants.models import BarrierAssessment, BarrierScore, Enrolment, Registration, Tenant, WeeklyHours

from ..models import DEFAULT_DURABLE_MONTHS, DEFAULT_POSITIVE_SITUATIONS, Exit, FollowUp
from .definitions import BARRIER_PREFIX, BY_CODE, LANDLORD_PREFIX

S = Exit.Situation
PRESENT = Registration.Attendance.PRESENT
ABSENT = Registration.Attendance.ABSENT
MONTHS = range(1, 13)


@dataclass(frozen=True)
class Scope:
    """Which programmes, which period, as of when, and whose reading of exits."""

    programme_ids: tuple[int, ...]
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    positive_situations: frozenset[str] = field(default_factory=lambda: frozenset(DEFAULT_POSITIVE_SITUATIONS))
    durable_months: int = DEFAULT_DURABLE_MONTHS

    @classmethod
    def year(cls, programme_ids, year: int, *, as_of: datetime.date, **reading) -> Scope:
        return cls(
            tuple(sorted(programme_ids)), datetime.date(year, 1, 1), datetime.date(year, 12, 31), as_of, **reading
        )

    @property
    def last_day(self) -> datetime.date:
        """The period's last day on which something can have happened."""
        return min(self.end, self.as_of)

    def previous_year(self) -> Scope:
        return Scope(
            self.programme_ids,
            self.start - relativedelta(years=1),
            self.end - relativedelta(years=1),
            self.as_of,
            self.positive_situations,
            self.durable_months,
        )


def _rate(numerator, denominator):
    if not denominator:
        return None
    return round(100 * numerator / denominator, 1)


def _money(amount):
    return float(round(Decimal(amount), 2)) if amount is not None else None


# --- Participants -----------------------------------------------------------------------------


def _same_pathway():
    """Enrolments of the same person in the same programme as the outer row."""
    return Enrolment.objects.filter(tenant=OuterRef("tenant"), programme=OuterRef("programme"))


def supported_in(scope: Scope) -> Q:
    """An enrolment that overlaps the period and lasted more than one day."""
    return (
        Q(entered_on__lte=scope.last_day)
        & (Q(exit__isnull=True) | Q(exit__exit_date__gte=scope.start))
        & ~Q(exit__exit_date=F("exit__entered_on"))
    )


def participants(scope: Scope):
    """First entries of people supported in the period: one row per person and programme."""
    earlier = _same_pathway().filter(
        Q(entered_on__lt=OuterRef("entered_on")) | Q(entered_on=OuterRef("entered_on"), pk__lt=OuterRef("pk"))
    )
    return Enrolment.objects.filter(programme_id__in=scope.programme_ids).filter(
        ~Exists(earlier), Exists(_same_pathway().filter(supported_in(scope)))
    )


def participant_figures(scope: Scope) -> dict:
    T = Tenant
    counts = {
        "participants_total": Count("pk"),
        "participants_new": Count("pk", filter=Q(entered_on__gte=scope.start)),
        "women": Count("pk", filter=Q(entry_sex=T.Sex.FEMALE)),
        "men": Count("pk", filter=Q(entry_sex=T.Sex.MALE)),
        "sex_not_given": Count("pk", filter=Q(entry_sex="")),
        "age_under_18": Count("pk", filter=Q(entry_age__lt=18)),
        "age_18_29": Count("pk", filter=Q(entry_age__gte=18, entry_age__lte=29)),
        "age_30_54": Count("pk", filter=Q(entry_age__gte=30, entry_age__lte=54)),
        "age_55_plus": Count("pk", filter=Q(entry_age__gte=55)),
        "unemployed": Count("pk", filter=Q(entry_situation=T.Situation.UNEMPLOYED)),
        "long_term_unemployed": Count(
            "pk", filter=Q(entry_situation=T.Situation.UNEMPLOYED, entry_long_term_unemployed=True)
        ),
        "inactive": Count("pk", filter=Q(entry_situation=T.Situation.INACTIVE)),
        "employed": Count("pk", filter=Q(entry_situation=T.Situation.EMPLOYED)),
        "situation_other": Count("pk", filter=Q(entry_situation__in=[T.Situation.IN_TRAINING, ""])),
        "isced_0_2": Count("pk", filter=Q(entry_education_level=T.EducationLevel.ISCED_0_2)),
        "isced_3_4": Count("pk", filter=Q(entry_education_level=T.EducationLevel.ISCED_3_4)),
        "isced_5_8": Count("pk", filter=Q(entry_education_level=T.EducationLevel.ISCED_5_8)),
        "education_unknown": Count("pk", filter=Q(entry_education_level="")),
        "disability": Count("pk", filter=Q(entry_disability=True)),
        "housing_exclusion": Count("pk", filter=Q(entry_housing_exclusion=True)),
        "qpv_residents": Count("pk", filter=Q(entry_qpv_resident=True)),
        "single_parents": Count("pk", filter=Q(entry_single_parent=True)),
    }
    # Participants over the year: how many had entered by the end of each month.
    for month in MONTHS:
        month_end = datetime.date(scope.start.year, month, 1) + relativedelta(months=1, days=-1)
        counts[f"month_{month}"] = Count("pk", filter=Q(entered_on__lte=month_end))
    row = participants(scope).aggregate(**counts)
    months = [row.pop(f"month_{month}") for month in MONTHS]
    return {"values": row, "participants_by_month": months}


def landlord_figures(scope: Scope) -> list[dict]:
    rows = (
        participants(scope)
        .values("tenant__landlord__slug", "tenant__landlord__name")
        .annotate(n=Count("pk"))
        .order_by("tenant__landlord__name")
    )
    return [
        {
            "code": f"{LANDLORD_PREFIX}{row['tenant__landlord__slug'].replace('-', '_')}",
            "name": row["tenant__landlord__name"],
            "value": row["n"],
        }
        for row in rows
    ]


# --- Activity ---------------------------------------------------------------------------------


def activity_figures(scope: Scope) -> dict:
    present, absent = Q(registrations__attendance=PRESENT), Q(registrations__attendance=ABSENT)
    event = Q(activity__kind__in=Activity.EVENT_KINDS)
    booked = event & Q(registrations__walk_in=False)
    row = Session.objects.filter(
        activity__programme_id__in=scope.programme_ids, date__gte=scope.start, date__lte=scope.last_day
    ).aggregate(
        sessions_held=Count("pk", distinct=True),
        attendance_hours=Sum("registrations__hours", filter=present),
        attendance_present=Count("registrations", filter=present),
        attendance_absent=Count("registrations", filter=absent),
        event_registered=Count("registrations__tenant", distinct=True, filter=booked),
        event_registered_came=Count("registrations__tenant", distinct=True, filter=booked & present),
        event_attended_tenants=Count("registrations__tenant", distinct=True, filter=event & present),
        # Walk-ins without a record are told apart by the name the coordinator wrote down.
        event_attended_walk_ins=Count(
            "registrations__walk_in_name",
            distinct=True,
            filter=event & present & Q(registrations__tenant__isnull=True),
        ),
    )
    row["event_attended"] = row.pop("event_attended_tenants") + row.pop("event_attended_walk_ins")
    row["attendance_hours"] = _money(row["attendance_hours"] or 0)
    row["work_hours"] = _money(
        WeeklyHours.objects.filter(
            contract__enrolment__programme_id__in=scope.programme_ids,
            week_start__gte=scope.start,
            week_start__lte=scope.last_day,
        ).aggregate(total=Sum("hours"))["total"]
        or 0
    )
    row["attendance_recorded"] = row["attendance_present"] + row["attendance_absent"]
    row["attendance_rate"] = _rate(row["attendance_present"], row["attendance_recorded"])
    row["event_attendance_rate"] = _rate(row["event_registered_came"], row["event_registered"])
    return row


def attendance_by_activity(scope: Scope) -> list[dict]:
    in_period = Q(sessions__date__gte=scope.start, sessions__date__lte=scope.last_day)
    rows = (
        Activity.objects.filter(programme_id__in=scope.programme_ids)
        .annotate(
            present=Count("sessions__registrations", filter=in_period & Q(sessions__registrations__attendance=PRESENT)),
            absent=Count("sessions__registrations", filter=in_period & Q(sessions__registrations__attendance=ABSENT)),
        )
        .filter(Q(present__gt=0) | Q(absent__gt=0))
        .values("title", "kind", "present", "absent")
        .order_by("title")
    )
    return [{**row, "rate": _rate(row["present"], row["present"] + row["absent"])} for row in rows]


def reach_figures(scope: Scope) -> dict:
    came_to_event = Registration.objects.filter(
        tenant=OuterRef("pk"),
        attendance=PRESENT,
        session__activity__programme_id__in=scope.programme_ids,
        session__activity__kind__in=Activity.EVENT_KINDS,
        session__date__gte=scope.start,
        session__date__lte=scope.last_day,
    )
    took_part = participants(scope).filter(tenant=OuterRef("pk"))
    row = Tenant.objects.filter(Exists(came_to_event) | Exists(took_part)).aggregate(
        people_reached=Count("pk"),
        unknown_to_institutions=Count("pk", filter=Q(known_to_institutions=False)),
    )
    walk_ins = Registration.objects.filter(
        tenant__isnull=True,
        attendance=PRESENT,
        session__activity__programme_id__in=scope.programme_ids,
        session__activity__kind__in=Activity.EVENT_KINDS,
        session__date__gte=scope.start,
        session__date__lte=scope.last_day,
    ).aggregate(
        people=Count("walk_in_name", distinct=True),
        unknown=Count("walk_in_name", distinct=True, filter=Q(known_to_institutions=False)),
    )
    row["people_reached"] += walk_ins["people"]
    row["unknown_to_institutions"] += walk_ins["unknown"]
    row["unknown_to_institutions_share"] = _rate(row["unknown_to_institutions"], row["people_reached"])
    return row


# --- Results ----------------------------------------------------------------------------------


def exit_categories(scope: Scope) -> dict[str, Q]:
    """The funder's reading of exits as conditions; each exit falls in exactly one."""
    fixed_term = Q(situation__in=Exit.FIXED_TERM)
    long_enough = Q(contract_months__gte=scope.durable_months)
    durable = Q(situation__in=[S.CDI, S.BUSINESS_CREATION]) | (fixed_term & long_enough)
    transition = Q(situation=S.SUBSIDISED) | (fixed_term & Q(contract_months__lt=scope.durable_months))
    positive = Q(situation__in=sorted(scope.positive_situations)) & ~durable & ~transition
    return {
        "exit_durable_employment": durable,
        "exit_transition_employment": transition,
        "exit_positive": positive,
        "exit_other": ~(durable | transition | positive),
    }


def exits_in(scope: Scope):
    """Last exit in the period of each person and programme, support of one day left out."""
    in_period = Q(exit_date__gte=scope.start, exit_date__lte=scope.last_day)
    later = Exit.objects.filter(
        in_period,
        enrolment__tenant=OuterRef("enrolment__tenant"),
        enrolment__programme=OuterRef("enrolment__programme"),
    ).filter(Q(exit_date__gt=OuterRef("exit_date")) | Q(exit_date=OuterRef("exit_date"), pk__gt=OuterRef("pk")))
    return Exit.objects.filter(enrolment__programme_id__in=scope.programme_ids).filter(
        in_period, ~Q(exit_date=F("entered_on")), ~Exists(later)
    )


def result_figures(scope: Scope) -> dict:
    categories = exit_categories(scope)
    due = Q(exit_date__lte=scope.as_of - relativedelta(months=6))
    answered = Q(follow_up__result__in=[FollowUp.Result.EMPLOYED, FollowUp.Result.NOT_EMPLOYED])
    counts = {code: Count("pk", filter=condition) for code, condition in categories.items()}
    counts.update(
        exits_total=Count("pk"),
        qualification_gained=Count("pk", filter=Q(qualification_gained=True)),
        business_created=Count("pk", filter=Q(situation=S.BUSINESS_CREATION)),
        followup_due=Count("pk", filter=due),
        followup_answered=Count("pk", filter=due & answered),
        followup_employed_6m=Count("pk", filter=due & Q(follow_up__result=FollowUp.Result.EMPLOYED)),
    )
    row = exits_in(scope).aggregate(**counts)
    row["exit_dynamic"] = row["exit_durable_employment"] + row["exit_transition_employment"] + row["exit_positive"]
    row["dynamic_exit_rate"] = _rate(row["exit_dynamic"], row["exits_total"])
    row["followup_response_rate"] = _rate(row["followup_answered"], row["followup_due"])
    return row


# --- Distance travelled ----------------------------------------------------------------------


def _assessment(scope: Scope, enrolment, *, last: bool):
    order = ("-assessed_on", "-pk") if last else ("assessed_on", "pk")
    return (
        BarrierAssessment.objects.filter(enrolment=enrolment, assessed_on__lte=scope.last_day)
        .order_by(*order)
        .values("pk")[:1]
    )


def barrier_pairs(scope: Scope, enrolments):
    """Each barrier scored at a pathway's first assessment, with its level at the last one.

    Pathways assessed only once have no last level, so they drop out.
    """
    last_level = (
        BarrierScore.objects.filter(
            assessment=Subquery(_assessment(scope, OuterRef(OuterRef("assessment__enrolment")), last=True)),
            barrier=OuterRef("barrier"),
        )
        .exclude(assessment=OuterRef("assessment"))
        .values("level")[:1]
    )
    return (
        BarrierScore.objects.filter(
            assessment__enrolment__in=enrolments,
            assessment=Subquery(_assessment(scope, OuterRef("assessment__enrolment"), last=False)),
        )
        .annotate(last_level=Subquery(last_level))
        .filter(last_level__isnull=False)
    )


def distance_figures(scope: Scope) -> dict:
    """How barriers moved (on the 0-4 scale) for pathways of the period assessed twice or more."""
    pathways = Enrolment.objects.filter(programme_id__in=scope.programme_ids).filter(supported_in(scope))
    change = ExpressionWrapper(F("last_level") - F("level"), output_field=FloatField())
    by_barrier = (
        barrier_pairs(scope, pathways)
        .values("barrier")
        .annotate(n=Count("pk"), mean=Avg(change), improved=Count("pk", filter=Q(last_level__lt=F("level"))))
        .order_by("barrier")
    )
    per_pathway = (
        barrier_pairs(scope, Enrolment.objects.filter(pk=OuterRef(OuterRef("pk"))))
        .values("assessment__enrolment")
        .annotate(total=Sum(change))
        .values("total")
    )
    row = pathways.annotate(change=Subquery(per_pathway[:1])).aggregate(
        distance_assessed=Count("pk", filter=Q(change__isnull=False)),
        distance_improved=Count("pk", filter=Q(change__lt=0)),
    )
    row["distance_improved_share"] = _rate(row["distance_improved"], row["distance_assessed"])
    labels = dict(Tenant.Barrier.choices)
    barriers = [
        {
            "code": f"{BARRIER_PREFIX}{item['barrier']}",
            "barrier": item["barrier"],
            "name": str(labels.get(item["barrier"], item["barrier"])),
            "n": item["n"],
            "value": round(item["mean"], 2),
            "improved": item["improved"],
        }
        for item in by_barrier
    ]
    return {"values": row, "barriers": barriers}


# --- Money and targets ------------------------------------------------------------------------


def funding_figures(scope: Scope) -> list[dict]:
    rows = (
        FundingLine.objects.filter(
            programme_id__in=scope.programme_ids,
            status=FundingLine.Status.GRANTED,
            year__gte=scope.start.year,
            year__lte=scope.end.year,
        )
        .values("funder__name")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "funder__name")
    )
    return [{"funder": row["funder__name"], "amount": _money(row["amount"])} for row in rows]


def target_figures(scope: Scope) -> list[dict]:
    """Each programme's participant target for the period (a whole-programme target spread evenly)."""
    targets = []
    programmes = Programme.objects.filter(pk__in=scope.programme_ids, target_participants__isnull=False)
    for programme in programmes.only("name", "target_participants", "target_period", "start_date", "end_date"):
        target = programme.target_participants
        if programme.target_period == Programme.TargetPeriod.TOTAL:
            last = programme.end_date or programme.start_date + relativedelta(years=3, days=-1)
            years = last.year - programme.start_date.year + 1
            target = round(target / years)
        targets.append({"programme": programme.name, "target": target})
    return targets


# --- All together -----------------------------------------------------------------------------


def compute(scope: Scope) -> dict:
    """Every family's figures for one scope, ready to be stored as JSON."""
    participant = participant_figures(scope)
    distance = distance_figures(scope)
    values = {
        **activity_figures(scope),
        **reach_figures(scope),
        **participant["values"],
        **result_figures(scope),
        **distance["values"],
    }
    landlords = landlord_figures(scope)
    funding = funding_figures(scope)
    targets = target_figures(scope)
    budget = sum(row["amount"] for row in funding)
    target = sum(row["target"] for row in targets) if targets else None
    values.update(
        budget_total=round(budget, 2),
        cost_per_participant=_money(budget / values["participants_total"]) if values["participants_total"] else None,
        cost_per_dynamic_exit=_money(budget / values["exit_dynamic"]) if values["exit_dynamic"] else None,
        target_participants=target,
        target_achievement=_rate(values["participants_total"], target),
    )
    missing = set(BY_CODE) - set(values)
    if missing:
        raise LookupError(f"indicators without a value: {sorted(missing)}")
    return {
        "period": [scope.start.isoformat(), scope.end.isoformat()],
        "as_of": scope.as_of.isoformat(),
        "values": values,
        "landlords": landlords,
        "barriers": distance["barriers"],
        "participants_by_month": participant["participants_by_month"],
        "attendance_by_activity": attendance_by_activity(scope),
        "funding": funding,
        "targets": targets,
    }
