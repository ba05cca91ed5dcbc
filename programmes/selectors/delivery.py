"""Reads of programme delivery: programmes at a glance, activities, sessions, attendance rates.

Every figure is an SQL aggregate. Counts of rows that live in the apps above (referrals,
enrolments, registrations) come from the providers those apps register (see figures.py).
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, F, FloatField, OuterRef, QuerySet, Subquery, Sum, When
from django.db.models.functions import Cast, NullIf
from django.utils import timezone

from partners.policy import scope

from .. import figures
from ..models import Activity, Programme, ProgrammeLandlord, Session


def _rate(numerator, denominator):
    return Cast(numerator, FloatField()) * 100.0 / NullIf(Cast(denominator, FloatField()), 0.0)


def _with_attendance_rate(queryset: QuerySet) -> QuerySet:
    """Present ÷ registered people whose attendance was recorded: walk-ins came without
    registering, so they count as attendees but not in the rate."""
    return queryset.annotate(attendance_rate=_rate(F("present_count"), F("recorded_count")))


def programme_glance(queryset: QuerySet[Programme], today: datetime.date | None = None) -> QuerySet[Programme]:
    """Referrals waiting, participants active, progress towards the target, attendance rate."""
    today = today or timezone.localdate()
    lead = ProgrammeLandlord.objects.filter(programme=OuterRef("pk"), is_lead=True).values("landlord__name")[:1]
    queryset = queryset.annotate(lead_landlord_name=Subquery(lead), **figures.programme_figures(today))
    queryset = queryset.annotate(
        # A yearly target counts this year's entries; a total target every entry so far.
        participants_counted=Case(
            When(target_period=Programme.TargetPeriod.PER_YEAR, then=F("participants_entered_this_year")),
            default=F("participants_entered"),
        ),
    )
    return _with_attendance_rate(
        queryset.annotate(target_reached=_rate(F("participants_counted"), F("target_participants")))
    )


def programmes_for_list(user) -> QuerySet[Programme]:
    return programme_glance(scope(user, Programme)).order_by("name")


def programme_for_page(user, slug: str) -> Programme:
    """The programme with its figures; raises Programme.DoesNotExist outside the user's scope."""
    return programme_glance(scope(user, Programme)).get(slug=slug)


def programme_relations(programme: Programme) -> dict:
    """Landlords (lead first), partners with their roles, neighbourhoods, funding lines."""
    partners: dict = {}
    for link in programme.partner_links.select_related("organisation").order_by("organisation__name", "role"):
        partners.setdefault(link.organisation, []).append(link.get_role_display())
    funding = list(programme.funding_lines.select_related("funder").order_by("year", "funder__name"))
    return {
        "landlord_links": programme.landlord_links.select_related("landlord").order_by("-is_lead", "landlord__name"),
        "partners": partners.items(),
        "neighbourhoods": programme.neighbourhoods.order_by("city", "name"),
        "funding_lines": funding,
        "funding_totals": programme.funding_lines.values("status").annotate(total=Sum("amount")).order_by("status"),
    }


def activities_with_rates(programme: Programme) -> QuerySet[Activity]:
    activities = programme.activities.annotate(session_count=Count("sessions"), **figures.activity_figures())
    return _with_attendance_rate(activities).order_by("title")


def sessions_visible_to(user) -> QuerySet[Session]:
    return scope(user, Session).select_related("activity", "activity__programme")


def sessions_run_by(user) -> QuerySet[Session]:
    """Sessions of the programmes the user runs: those whose attendance they record."""
    return scope(user, Session, "run").select_related("activity", "activity__programme")


def sessions_with_rates(queryset: QuerySet[Session]) -> QuerySet[Session]:
    # Meta.ordering does not apply to aggregate queries: order explicitly.
    return _with_attendance_rate(queryset.annotate(**figures.session_figures())).order_by("date", "start_time")


def session_for_page(user, pk: int) -> Session:
    return sessions_with_rates(sessions_visible_to(user)).get(pk=pk)


def activity_for_page(user, pk: int) -> Activity:
    activities = scope(user, Activity).select_related("programme")
    return _with_attendance_rate(activities.annotate(**figures.activity_figures())).get(pk=pk)


def session_registered_count(session: Session) -> int:
    """People registered ahead of the session (walk-ins not counted): the floor of its capacity."""
    counts = Session.objects.filter(pk=session.pk).annotate(**figures.session_figures())
    return counts.values_list("registered_count", flat=True).get()


def upcoming_sessions(queryset: QuerySet[Session], today: datetime.date | None = None, limit: int = 10):
    today = today or timezone.localdate()
    return sessions_with_rates(queryset.filter(date__gte=today)).order_by("date", "start_time")[:limit]
