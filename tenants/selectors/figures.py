"""The figures programme, activity and session pages show about this app's rows.

Registered with `programmes.figures` when the app is ready: the statuses that make a referral
"waiting", a participant "active" or a mark "present" are this app's, so they are read here.
"""

from __future__ import annotations

import datetime

from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

from ..models import AttendanceSheet, Enrolment, Referral, Registration
from .pathways import correlated_aggregate

A = Registration.Attendance


def _count(rows: QuerySet, outer: str):
    return correlated_aggregate(rows.filter(**{outer: OuterRef("pk")}), outer, Count("pk"), IntegerField())


def _attendance(outer: str) -> dict:
    registered = Registration.objects.filter(walk_in=False)
    recorded = registered.exclude(attendance=A.UNKNOWN)
    return {
        "registered_count": _count(registered, outer),
        "recorded_count": _count(recorded, outer),
        "present_count": _count(recorded.filter(attendance=A.PRESENT), outer),
        "walk_in_count": _count(Registration.objects.filter(walk_in=True), outer),
    }


class TenantsFigures:
    def programme_figures(self, today: datetime.date) -> dict:
        enrolments = Enrolment.objects.all()
        attendance = _attendance("session__activity__programme")
        return {
            "referrals_waiting": _count(Referral.objects.filter(status__in=Referral.OPEN_STATUSES), "programme"),
            "participants_active": _count(enrolments.filter(status=Enrolment.Status.ACTIVE), "programme"),
            "participants_entered": _count(enrolments, "programme"),
            "participants_entered_this_year": _count(enrolments.filter(entered_on__year=today.year), "programme"),
            "recorded_count": attendance["recorded_count"],
            "present_count": attendance["present_count"],
        }

    def activity_figures(self) -> dict:
        return _attendance("session__activity")

    def session_figures(self) -> dict:
        sheet = AttendanceSheet.objects.filter(session=OuterRef("pk"), version__gt=0)
        saved_by = Coalesce(
            NullIf(Trim(Concat("saved_by__first_name", Value(" "), "saved_by__last_name")), Value("")),
            "saved_by__email",
            output_field=CharField(),
        )
        return {
            **_attendance("session"),
            "attendance_saved_at": Subquery(sheet.values("saved_at")[:1]),
            # The name as User.__str__ gives it.
            "attendance_saved_by_name": Subquery(sheet.annotate(name=saved_by).values("name")[:1]),
        }
