"""A funder logs in, asks for a yearly report, waits for it on the page, downloads the PDF."""

import pytest
from pypdf import PdfReader

from partners.demo import DEMO_PASSWORD
from tests.outcomes.worker import celery_worker  # noqa: F401 — a fixture

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_funder_asks_for_a_report_waits_and_downloads_the_pdf(
    demo,
    celery_worker,  # noqa: F811
    page,
    log_in,
    tmp_path,
):
    log_in("financeur@passerelles.demo", DEMO_PASSWORD)
    panel = page.get_by_test_id("funder-panel")
    assert "Participants" in panel.inner_text()
    panel.get_by_role("link", name="Demander un bilan").click()
    page.get_by_label("Bilan de").select_option(label="Mille Aiguilles (Montargis)")
    page.get_by_label("Année").select_option("2024")
    page.get_by_label("Format").select_option("pdf")
    page.get_by_role("button", name="Construire le bilan").click()
    status = page.get_by_test_id("report-status")
    status.get_by_text("Le bilan est prêt.").wait_for(timeout=90_000)  # htmx polls until the worker is done
    page.screenshot(path=tmp_path / "report.png", full_page=True)
    with page.expect_download() as download_info:
        status.get_by_role("link", name="Télécharger").click()
    download = download_info.value
    assert download.suggested_filename == "passerelles-mille-aiguilles-2024-fr.pdf"
    pdf = PdfReader(download.path())
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Mille Aiguilles (Montargis)" in text and "Bilan de résultats 2024" in text
    assert "Chiffres clés" in text


def test_the_funder_does_not_see_a_programme_they_do_not_fund(demo, page, log_in):
    log_in("financeur.departement@passerelles.demo", DEMO_PASSWORD)
    page.goto("/outcomes/reports/")
    options = page.get_by_label("Bilan de").inner_text()
    assert "Action mutualisée" in options
    assert "Mille Aiguilles" not in options
