"""Asking for a report and building it: the code the Celery task and `build_report` share."""

from __future__ import annotations

import datetime
import hashlib
import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.jobs import enqueue_on_commit
from partners.models import Organisation, User
from partners.policy import require
from programmes.models import Programme

from ..indicators import Scope, compute
from ..models import Report
from ..models.reports import report_upload_to
from ..selectors.exits import reading_of
from ..selectors.reports import programme_ids_of
from . import report_files

logger = logging.getLogger(__name__)

FIRST_YEAR = 2015
BUILD_REPORT = "outcomes.tasks.build_report"


@transaction.atomic
def report_request(
    *,
    actor: User,
    year: int,
    programme: Programme | None = None,
    funder: Organisation | None = None,
    format: str = Report.Format.PDF,
    language: str = Report.Language.FR,
) -> Report:
    """Queue a report a person asked for, on a programme or a funder they may report on."""
    if programme is not None:
        require(actor, "programme.report", programme)
    if funder is not None:
        require(actor, "organisation.speak_for_funder", funder)
    return _report_queue(
        requested_by=actor, year=year, programme=programme, funder=funder, format=format, language=language
    )


@transaction.atomic
def report_request_for_system(
    *, year: int, programme: Programme | None = None, funder: Organisation | None = None
) -> Report:
    """Queue a PDF report nobody asked for (the yearly schedule): no person, no access to check."""
    return _report_queue(
        requested_by=None,
        year=year,
        programme=programme,
        funder=funder,
        format=Report.Format.PDF,
        language=Report.Language.FR,
    )


def _report_queue(*, requested_by: User | None, year: int, programme, funder, format: str, language: str) -> Report:
    if programme is None and funder is None:
        raise ValidationError(_("Choose a programme or a funder."))
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Choose a year between %(first)s and this year.") % {"first": FIRST_YEAR}})
    report = Report.objects.create(
        programme=programme,
        funder=funder,
        year=year,
        format=format,
        language=language,
        requested_by=requested_by,
    )
    enqueue_on_commit(BUILD_REPORT, report.pk)
    return report


def figures_for(report: Report) -> tuple[dict, dict]:
    """This year's and last year's figures; a closed year reuses the figures first published."""
    today = timezone.localdate()
    if report.year < today.year:
        earlier = (
            Report.objects.filter(
                programme=report.programme_id,
                funder=report.funder_id,
                year=report.year,
                status=Report.Status.READY,
                figures__isnull=False,
            )
            .exclude(pk=report.pk)
            .order_by("finished_at")
            .first()
        )
        if earlier is not None:
            return earlier.figures["current"], earlier.figures["previous"]
    scope = Scope.year(programme_ids_of(report), report.year, as_of=today, **reading_of(report.funder))
    current = {**compute(scope), "computed_at": timezone.now().isoformat()}
    return current, compute(scope.previous_year())


def _progress(report: Report, percent: int, **fields) -> None:
    Report.objects.filter(pk=report.pk).update(progress=percent, **fields)


def report_build(report_id: int) -> Report:
    """Compute, render and store one report; the file is referenced only once complete."""
    report = Report.objects.select_related("programme", "funder").get(pk=report_id)
    _progress(report, 10, status=Report.Status.RUNNING, error="")
    current, previous = figures_for(report)
    _progress(report, 50)
    with translation.override(report.language):
        content = report_files.render(report, current, previous)
    _progress(report, 80)
    checksum = hashlib.sha256(content).hexdigest()
    name = default_storage.save(
        report_upload_to(report, f"{report.download_name.rsplit('.', 1)[0]}-{uuid.uuid4().hex[:12]}.{report.format}"),
        ContentFile(content),
    )
    try:
        with transaction.atomic():
            updated = (
                Report.objects.filter(pk=report.pk)
                .exclude(status=Report.Status.READY)
                .update(
                    status=Report.Status.READY,
                    progress=100,
                    file=name,
                    checksum=checksum,
                    figures={"current": current, "previous": previous},
                    data_date=datetime.datetime.fromisoformat(current["computed_at"]),
                    finished_at=timezone.now(),
                    error="",
                )
            )
    except Exception:
        default_storage.delete(name)
        raise
    if not updated:  # built twice (a retry raced a slow first try): keep the first file only
        default_storage.delete(name)
    report.refresh_from_db()
    return report


def report_fail(*, report_id: int, error: str, final: bool) -> None:
    """Record a failed try; the page shows the error once no retry is left."""
    fields = {"error": error[:2000]}
    if final:
        fields.update(status=Report.Status.FAILED, finished_at=timezone.now(), progress=0)
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.READY).update(**fields)


def last_year_reports_request_for_system() -> list[Report]:
    """The yearly schedule: last year's PDF for every programme active then and every funder."""
    year = timezone.localdate().year - 1
    ready = Report.objects.filter(year=year, status=Report.Status.READY)
    programmes = (
        Programme.objects.filter(start_date__year__lte=year)
        .exclude(end_date__year__lt=year)
        .exclude(pk__in=ready.filter(funder=None, programme__isnull=False).values("programme"))
    )
    reports = [report_request_for_system(programme=programme, year=year) for programme in programmes]
    funders = (
        Organisation.objects.filter(kind=Organisation.Kind.FUNDER, funding_lines__year=year)
        .distinct()
        .exclude(pk__in=ready.filter(programme=None, funder__isnull=False).values("funder"))
    )
    reports += [report_request_for_system(funder=funder, year=year) for funder in funders]
    return reports
