"""Reads for attendance: the sessions a user records attendance for and who is on their sheet."""

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Lower

from partners.models import Organisation
from programmes.models import FundingLine, Session
from programmes.selectors.delivery import sessions_visible_to, sessions_with_rates

from ..models import AttendanceSheet, Enrolment, Registration, SignInSheet


def registrations_of(session: Session) -> QuerySet[Registration]:
    """The sheet's rows, alphabetical, named people and walk-ins kept by name together."""
    return (
        session.registrations.select_related("tenant", "walk_in_landlord")
        .annotate(sort_name=Lower(Coalesce(F("tenant__last_name"), F("walk_in_name"))))
        .order_by("sort_name", "tenant__first_name", "pk")
    )


def registrations_visible_to(user) -> QuerySet[Registration]:
    """The rows of the attendance sheets of the sessions the user sees."""
    return Registration.objects.filter(session__in=sessions_visible_to(user)).select_related(
        "session__activity__programme", "tenant", "walk_in_landlord"
    )


def walk_ins_visible_to(user) -> QuerySet[Registration]:
    """Visits of people without a record yet, on the sheets the user sees."""
    return registrations_visible_to(user).filter(tenant__isnull=True)


def sign_in_sheets_visible_to(user) -> QuerySet[SignInSheet]:
    return SignInSheet.objects.filter(session__in=sessions_visible_to(user)).select_related(
        "session__activity__programme"
    )


def session_for_sheet(user, pk: int) -> Session:
    """The session with its figures and its sheet's last save, in one query."""
    return sessions_with_rates(sessions_visible_to(user)).select_related("attendance_sheet__saved_by").get(pk=pk)


def attendance_sheet_of(session: Session) -> AttendanceSheet:
    """The session's lock and last save; version 0 (never saved) when nobody recorded it yet."""
    try:
        return session.attendance_sheet
    except AttendanceSheet.DoesNotExist:
        return AttendanceSheet(session=session)


def enrolments_to_register(session: Session) -> QuerySet[Enrolment]:
    """Active participants of the session's programme who are not on its sheet yet."""
    return (
        Enrolment.objects.filter(programme=session.activity.programme_id, status=Enrolment.Status.ACTIVE)
        .exclude(tenant__registrations__session=session)
        .select_related("tenant")
        .order_by("tenant__last_name", "tenant__first_name")
    )


def sign_in_sheets_of(session: Session) -> QuerySet[SignInSheet]:
    return session.sign_in_sheets.select_related("uploaded_by")


def landlords_of(session: Session) -> QuerySet[Organisation]:
    """The landlords taking part in the session's programme (where a walk-in may rent from)."""
    return Organisation.objects.filter(programme_landlord_links__programme=session.activity.programme_id).order_by(
        "name"
    )


def funding_lines_of(session: Session) -> QuerySet[FundingLine]:
    """Who finances the session's programme in its year: named on the sign-in sheet."""
    return session.programme.funding_lines.filter(year=session.date.year).select_related("funder")
