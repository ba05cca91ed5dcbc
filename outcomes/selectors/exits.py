from __future__ import annotations

from django.db.models import QuerySet

from partners.models import Organisation
from partners.policy import scope
from tenants.models import Enrolment

from ..models import DEFAULT_DURABLE_MONTHS, DEFAULT_POSITIVE_SITUATIONS, Exit, FunderOutcomeSettings
from .reports import funders_for_reports


def enrolments_for_exits(user) -> QuerySet[Enrolment]:
    """Pathways whose exit the user may record: those of the programmes they run."""
    return (
        scope(user, Enrolment, "edit")
        .select_related("tenant", "programme", "exit", "exit__follow_up")
        .order_by("-entered_on", "pk")
    )


def exits_visible_to(user) -> QuerySet[Exit]:
    return scope(user, Exit).select_related("enrolment__tenant", "enrolment__programme", "follow_up")


def settings_of(funder: Organisation) -> FunderOutcomeSettings | None:
    """The funder's own reading of exits; None while they keep the default."""
    return FunderOutcomeSettings.objects.filter(funder=funder).first()


def reading_of(funder: Organisation | None) -> dict:
    """How `funder` reads exits (their settings, else the default), as Scope keyword arguments."""
    settings = settings_of(funder) if funder else None
    if settings is None:
        return {"positive_situations": frozenset(DEFAULT_POSITIVE_SITUATIONS), "durable_months": DEFAULT_DURABLE_MONTHS}
    return {"positive_situations": frozenset(settings.positive_situations), "durable_months": settings.durable_months}


def funders_of(user) -> QuerySet[Organisation]:
    """Funders whose settings the user may change: the same as those whose reports they may ask for."""
    return funders_for_reports(user)
