"""Reads for attendance: the sessions a user records attendance for and who is on their sheet."""

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Lower

from partners.models import Organisation
from programmes.access import programmes_run_by
from programmes.models import Session
from programmes.selectors.delivery import sessions_with_rates

from ..models import Enrolment, Registration, SignInSheet


def sessions_run_by(user) -> QuerySet[Session]:
    """Sessions of the programmes the user runs: those whose attendance they record."""
    return Session.objects.filter(activity__programme__in=programmes_run_by(user)).select_related(
        "activity", "activity__programme", "attendance_saved_by"
    )


def session_for_sheet(user, pk: int) -> Session:
    return sessions_with_rates(sessions_run_by(user)).get(pk=pk)


def registrations_of(session: Session) -> QuerySet[Registration]:
    """The sheet's rows, alphabetical, named people and walk-ins kept by name together."""
    return (
        session.registrations.select_related("tenant", "walk_in_landlord")
        .annotate(sort_name=Lower(Coalesce(F("tenant__last_name"), F("walk_in_name"))))
        .order_by("sort_name", "tenant__first_name", "pk")
    )


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


def sign_in_sheets_run_by(user) -> QuerySet[SignInSheet]:
    return SignInSheet.objects.filter(session__activity__programme__in=programmes_run_by(user))


def landlords_of(session: Session) -> QuerySet[Organisation]:
    """The landlords taking part in the session's programme (where a walk-in may rent from)."""
    return Organisation.objects.filter(
        programme_landlord_links__programme=session.activity.programme_id
    ).order_by("name")
