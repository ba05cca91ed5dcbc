from __future__ import annotations

from django.db.models import Q, QuerySet

from partners.models import Organisation
from partners.policy import may, profile, scope
from programmes.models import Programme, ProgrammePartner

from ..models import Report


def reports_visible_to(user) -> QuerySet[Report]:
    """Reports the user may open and download."""
    return scope(user, Report).select_related("programme", "funder", "requested_by")


def programmes_for_reports(user) -> QuerySet[Programme]:
    """Programmes whose report the user may ask for."""
    return scope(user, Programme, "report").order_by("name")


def funders_for_reports(user) -> QuerySet[Organisation]:
    """Funders for which the user may ask the report of every programme they fund."""
    return scope(user, Organisation, "speak_for_funder").order_by("name")


def programmes_of_funder(funder: Organisation) -> QuerySet[Programme]:
    """Every programme a funder finances: a funding line, or a funder's role in it."""
    return (
        Programme.objects.filter(
            Q(funding_lines__funder=funder)
            | Q(partner_links__organisation=funder, partner_links__role=ProgrammePartner.Role.FUNDER)
        )
        .distinct()
        .order_by("name")
    )


def funder_reading_for(user, programme: Programme) -> Organisation | None:
    """The funder whose reading applies when `user` asks for `programme`'s report.

    A funder's staff get their own funder's reading; coordinators and admins the default.
    """
    if may(user, "programme.run", programme):
        return None
    return (
        Organisation.objects.filter(pk__in=profile(user).funder_ids)
        .filter(
            Q(funding_lines__programme=programme)
            | Q(
                programme_partner_links__programme=programme, programme_partner_links__role=ProgrammePartner.Role.FUNDER
            )
        )
        .order_by("name")
        .first()
    )


def programme_ids_of(report: Report) -> list[int]:
    """The programmes a report covers."""
    if report.programme_id:
        return [report.programme_id]
    return list(programmes_of_funder(report.funder).values_list("pk", flat=True))
