import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils.translation import gettext as _

from .services import reports

logger = logging.getLogger(__name__)

# Failures worth another try: the database or the storage was briefly unreachable.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(bind=True, max_retries=2, acks_late=True)
def build_report(self, report_id: int) -> None:
    try:
        reports.report_build(report_id)
    except Exception as exc:
        retry = isinstance(exc, TRANSIENT) and self.request.retries < self.max_retries
        logger.exception("report %s failed (retry: %s)", report_id, retry)
        try:
            reports.report_fail(report_id=report_id, error=_error_text(exc), final=not retry)
        except DatabaseError:
            logger.exception("could not record the failure of report %s", report_id)
        if retry:
            raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc


def _error_text(exc: Exception) -> str:
    return _(
        "The report could not be built (%(error)s). Ask for it again; if it fails again, tell the portal's team."
    ) % {"error": exc.__class__.__name__}


@shared_task
def build_last_year_reports() -> int:
    """Beat, 15 January: last year's PDF for every programme and every funder."""
    return len(reports.last_year_reports_request_for_system())
