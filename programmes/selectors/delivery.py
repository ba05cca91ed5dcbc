"""Reads of programme delivery: programmes at a glance, activities, sessions, attendance rates.

Every figure is an SQL aggregate. Counts of rows living in the apps above (referrals,
enrolments, registrations) are correlated subqueries reached through Programme's and
Session's reverse relations, so this app imports nothing from them and no join fans out.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone

from partners.policy import scope

from ..models import Activity, Programme, ProgrammeLandlord, Session

OPEN_REFERRAL_STATUSES = ("sent", "accepted")
PRESENT = "present"


def _related_rows(model, relation: str) -> QuerySet:
    return model._meta.get_field(relation).related_model._default_manager.all()


def _count(rows: QuerySet, inner: str, **filters) -> Coalesce:
    """How many of `rows` have `inner` equal to the outer row's pk, as a subquery."""
    counted = (
        rows.filter(**{inner: OuterRef("pk")}, **filters).order_by().values(inner).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _rate(numerator, denominator):
    return Cast(numerator, FloatField()) * 100.0 / NullIf(Cast(denominator, FloatField()), 0.0)


def attendance_annotations(prefix: str) -> dict:
    """Registered / recorded / present / walk-ins / rate over the registrations at `prefix`.

    The rate is present ÷ registered people whose attendance was recorded: walk-ins came
    without registering, so they count as attendees but not in the rate (the "90 % of those
    registered came" of the 400 locataires events).
    """
    registered = Q(**{f"{prefix}walk_in": False})
    recorded = registered & ~Q(**{f"{prefix}attendance": ""})
    present = recorded & Q(**{f"{prefix}attendance": PRESENT})
    return {
        "registered_count": Count(f"{prefix}pk", filter=registered),
        "recorded_count": Count(f"{prefix}pk", filter=recorded),
        "present_count": Count(f"{prefix}pk", filter=present),
        "walk_in_count": Count(f"{prefix}pk", filter=Q(**{f"{prefix}walk_in": True})),
        "attendance_rate": _rate(Count(f"{prefix}pk", filter=present), Count(f"{prefix}pk", filter=recorded)),
    }


def programme_glance(queryset: QuerySet[Programme], today: datetime.date | None = None) -> QuerySet[Programme]:
    """Referrals waiting, participants active, progress towards the target, attendance rate."""
    today = today or timezone.localdate()
    referrals = _related_rows(Programme, "referrals")
    enrolments = _related_rows(Programme, "enrolments")
    recorded = _related_rows(Session, "registrations").filter(walk_in=False).exclude(attendance="")
    lead = ProgrammeLandlord.objects.filter(programme=OuterRef("pk"), is_lead=True).values("landlord__name")[:1]
    queryset = queryset.annotate(
        lead_landlord_name=Subquery(lead),
        referrals_waiting=_count(referrals, "programme", status__in=OPEN_REFERRAL_STATUSES),
        participants_active=_count(enrolments, "programme", status="active"),
        # A yearly target counts this year's entries; a total target every entry so far.
        participants_counted=Case(
            When(
                target_period=Programme.TargetPeriod.PER_YEAR,
                then=_count(enrolments, "programme", entered_on__year=today.year),
            ),
            default=_count(enrolments, "programme"),
        ),
        recorded_count=_count(recorded, "session__activity__programme"),
        present_count=_count(recorded, "session__activity__programme", attendance=PRESENT),
    )
    return queryset.annotate(
        target_reached=_rate(F("participants_counted"), F("target_participants")),
        attendance_rate=_rate(F("present_count"), F("recorded_count")),
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
    return (
        programme.activities.annotate(session_count=Count("sessions", distinct=True))
        .annotate(**attendance_annotations("sessions__registrations__"))
        .order_by("title")
    )


def sessions_visible_to(user) -> QuerySet[Session]:
    return scope(user, Session).select_related("activity", "activity__programme")


def sessions_run_by(user) -> QuerySet[Session]:
    """Sessions of the programmes the user runs: those whose attendance they record."""
    return scope(user, Session, "run").select_related("activity", "activity__programme")


def sessions_with_rates(queryset: QuerySet[Session]) -> QuerySet[Session]:
    # Meta.ordering does not apply to aggregate queries: order explicitly.
    return queryset.annotate(**attendance_annotations("registrations__")).order_by("date", "start_time")


def session_for_page(user, pk: int) -> Session:
    return sessions_with_rates(sessions_visible_to(user)).select_related("attendance_saved_by").get(pk=pk)


def activity_for_page(user, pk: int) -> Activity:
    return (
        scope(user, Activity)
        .select_related("programme")
        .annotate(**attendance_annotations("sessions__registrations__"))
        .get(pk=pk)
    )


def upcoming_sessions(queryset: QuerySet[Session], today: datetime.date | None = None, limit: int = 10):
    today = today or timezone.localdate()
    return sessions_with_rates(queryset.filter(date__gte=today)).order_by("date", "start_time")[:limit]
