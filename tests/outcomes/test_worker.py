"""A real worker on Redis builds a PDF end to end; a failing build leaves nothing to download."""

import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from outcomes.models import Report
from outcomes.services.reports import report_request
from partners.models import Membership
from tests.factories import member
from tests.outcomes.worker import celery_worker, wait_until_finished  # noqa: F401 — a fixture

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_worker_builds_the_pdf(celery_worker, dataset, funder_org):  # noqa: F811
    funder = member(Membership.Role.FUNDER, funder_org, email="bruno@dreets-test.fr")
    report = report_request(actor=funder, programme=dataset["programme"], funder=funder_org, year=2024)
    report = wait_until_finished(report)
    assert report.status == Report.Status.READY, report.error
    with default_storage.open(report.file.name, "rb") as stored:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)
    assert "Couture Test" in text and "2024" in text
    assert "Participants" in text and "72,7 %" in text  # attendance rate, a key figure


def test_a_failing_task_on_the_worker_leaves_no_file(celery_worker, dataset, coordinator, monkeypatch):  # noqa: F811
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint crashed")

    monkeypatch.setattr("outcomes.services.report_files.render", broken)
    report = wait_until_finished(report_request(actor=coordinator, programme=dataset["programme"], year=2024))
    assert report.status == Report.Status.FAILED and "RuntimeError" in report.error
    assert not report.file and not report.checksum
