"""Asking for a report, building it (Celery, eager here), downloading it through the access rules."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from outcomes.models import Report
from outcomes.services.reports import report_request, report_request_for_system
from outcomes.tasks import build_last_year_reports
from partners.models import Membership
from tests.factories import EnrolmentFactory, FunderFactory, LandlordFactory, member, programme_run_by

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def programme_funder(dataset, funder_org):
    """Bruno works for the funder of the dataset's programme."""
    return member(Membership.Role.FUNDER, funder_org, email="bruno@dreets-test.fr")


@pytest.fixture
def other_funder(db):
    other = FunderFactory(name="Autre Financeur")
    programme = programme_run_by(FunderFactory(kind="association"), LandlordFactory(), slug="autre-programme")
    programme.funding_lines.create(funder=other, year=2024, amount=1000)
    return member(Membership.Role.FUNDER, other, email="zoe@autre-financeur.fr")


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a report through the page; the task runs (eagerly) once the request commits."""

    def _ask(user, scope, year=2024, format="pdf", language="fr"):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("outcomes:report_list"), {"scope": scope, "year": year, "format": format, "language": language}
            )
        assert response.status_code == 302, response.content.decode()[:2000]
        return Report.objects.latest("pk")

    return _ask


def download(client, report):
    response = client.get(reverse("outcomes:report_download", args=[report.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_funder_gets_the_pdf_of_a_programme_they_fund(client, dataset, programme_funder, ask):
    programme = dataset["programme"]
    report = ask(programme_funder, f"p{programme.pk}")
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.funder.slug == "dreets-test"  # their reading of exits
    assert report.requested_by == programme_funder and report.data_date and len(report.checksum) == 64
    pdf = download(client, report)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Couture Test" in text and "2024" in text
    assert "Participants" in text and "Méthode" in text
    assert "14 000 €" in text.replace("\u202f", " ").replace("\xa0", " ")  # budget granted
    for person in dataset["people"].values():
        assert person.last_name not in text  # no personal data


def test_the_report_page_shows_progress_then_the_download(client, dataset, programme_funder, ask):
    report = ask(programme_funder, f"p{dataset['programme'].pk}")
    page = client.get(reverse("outcomes:report_detail", args=[report.pk])).content.decode()
    assert reverse("outcomes:report_download", args=[report.pk]) in page
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING, progress=50)
    status = client.get(reverse("outcomes:report_status", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in status and "50 %" in status


def test_csv_and_xlsx_hold_the_same_indicators_with_small_counts_hidden(client, dataset, programme_funder, ask):
    programme = dataset["programme"]
    rows = list(
        csv.reader(
            io.StringIO(download(client, ask(programme_funder, f"p{programme.pk}", format="csv")).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[0] == ["Code", "Indicateur", "Valeur"]
    values = {code: value for code, _label, value in rows[1:]}
    assert values["participants_total"] == "7"
    assert values["women"] == "< 5"
    assert values["budget_total"] == "14000"
    workbook = load_workbook(
        io.BytesIO(download(client, ask(programme_funder, f"p{programme.pk}", format="xlsx", language="en")))
    )
    sheet = workbook.active
    assert sheet.title == "Indicators"
    assert sheet["A1"].value.startswith(f"Indicators 2024 — {programme.name} — figures as of ")
    assert [cell.value for cell in sheet[2]] == ["Code", "Indicator", "Value"]
    by_code = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert by_code["participants_total"] == ("Participants", 7)
    assert by_code["women"] == ("Women", "< 5")
    assert set(by_code) == set(values)
    budget = next(row[2] for row in sheet.iter_rows(min_row=3) if row[0].value == "budget_total")
    assert budget.value == 14000 and "€" in budget.number_format


def test_a_funder_cannot_open_another_funders_report_by_page_or_by_file(
    client, dataset, programme_funder, other_funder, ask
):
    report = ask(programme_funder, f"p{dataset['programme'].pk}")
    client.force_login(other_funder)
    for name in ("report_detail", "report_status", "report_download"):
        assert client.get(reverse(f"outcomes:{name}", args=[report.pk])).status_code == 404, name
    assert str(report) not in client.get(reverse("outcomes:report_list")).content.decode()
    # The stored file has no public address either.
    assert client.get(f"/media/{report.file.name}").status_code == 404
    client.force_login(programme_funder)
    assert client.get(reverse("outcomes:report_download", args=[report.pk])).status_code == 200


def test_a_funder_cannot_ask_for_a_programme_they_do_not_fund(client, dataset, other_funder):
    client.force_login(other_funder)
    response = client.post(
        reverse("outcomes:report_list"),
        {"scope": f"p{dataset['programme'].pk}", "year": 2024, "format": "pdf", "language": "fr"},
    )
    assert response.status_code == 200 and response.context["form"].errors["scope"]
    assert not Report.objects.exists()


def test_asking_for_a_report_checks_the_person_and_only_the_schedule_goes_without(
    dataset, funder_org, programme_funder, other_funder, django_capture_on_commit_callbacks
):
    programme = dataset["programme"]
    for actor, target in [
        (None, {"programme": programme}),  # no person is no way round the check
        (other_funder, {"programme": programme}),
        (other_funder, {"funder": funder_org}),
    ]:
        with pytest.raises(PermissionDenied):
            report_request(actor=actor, year=2024, **target)
    assert not Report.objects.exists()

    with django_capture_on_commit_callbacks(execute=False) as queued:
        asked = report_request(actor=programme_funder, funder=funder_org, year=2024)
        scheduled = report_request_for_system(programme=programme, year=2024)
    assert (asked.requested_by, scheduled.requested_by) == (programme_funder, None)
    assert len(queued) == 2  # each build is queued once the transaction commits


def test_the_coordinator_gets_their_programmes_report_and_landlord_staff_none(
    client, dataset, coordinator, landlord_staff, ask
):
    report = ask(coordinator, f"p{dataset['programme'].pk}", format="csv")
    assert report.funder is None  # the default reading
    assert client.get(reverse("outcomes:report_download", args=[report.pk])).status_code == 200
    client.force_login(landlord_staff)
    assert client.get(reverse("outcomes:report_list")).status_code == 403
    assert client.get(reverse("outcomes:report_download", args=[report.pk])).status_code == 404


def test_a_funder_report_covers_every_programme_they_fund(client, dataset, programme_funder, funder_org, ask):
    second = programme_run_by(FunderFactory(kind="association"), LandlordFactory(), name="Deuxième", slug="deux")
    second.funding_lines.create(funder=funder_org, year=2024, amount=6000)
    EnrolmentFactory(programme=second, entered_on=datetime.date(2024, 3, 1))
    report = ask(programme_funder, f"f{funder_org.pk}", format="csv")
    values = dict(line.split(";", 2)[::2] for line in download(client, report).decode("utf-8-sig").splitlines()[1:])
    assert values["participants_total"] == "8"
    assert values["budget_total"] == "20000"


def test_a_failing_build_leaves_no_downloadable_file_and_says_so(
    client, dataset, programme_funder, monkeypatch, media, ask
):
    def broken(*args, **kwargs):
        raise ValueError("font missing")

    monkeypatch.setattr("outcomes.services.report_files.render", broken)
    report = ask(programme_funder, f"p{dataset['programme'].pk}")
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and not report.file and "ValueError" in report.error
    assert client.get(reverse("outcomes:report_download", args=[report.pk])).status_code == 404
    assert "ValueError" in client.get(reverse("outcomes:report_detail", args=[report.pk])).content.decode()


def test_a_storage_failing_mid_write_never_exposes_the_partial_file(
    client, dataset, programme_funder, monkeypatch, ask
):
    real_save = default_storage.save

    def half_write(name, content, *args, **kwargs):
        real_save(name, io.BytesIO(content.read()[:100]))
        raise OSError("disk full")

    monkeypatch.setattr("outcomes.services.reports.default_storage.save", half_write)
    report = ask(programme_funder, f"p{dataset['programme'].pk}")
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and not report.file and not report.checksum
    assert client.get(reverse("outcomes:report_download", args=[report.pk])).status_code == 404


def test_a_closed_year_gives_the_same_figures_when_asked_again(client, dataset, coordinator, ask):
    first = ask(coordinator, f"p{dataset['programme'].pk}", format="csv")
    EnrolmentFactory(programme=dataset["programme"], entered_on=datetime.date(2024, 6, 1))  # recorded late
    second = ask(coordinator, f"p{dataset['programme'].pk}", format="csv")
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.figures == first.figures
    assert second.checksum == first.checksum
    assert second.data_date == first.data_date


def test_build_report_command_runs_the_same_code(dataset, tmp_path):
    output = tmp_path / "rapport.csv"
    call_command(
        "build_report",
        "--programme",
        dataset["programme"].slug,
        "--year",
        "2024",
        "--format",
        "csv",
        "--output",
        str(output),
    )
    assert "participants_total;Participants;7" in output.read_text(encoding="utf-8-sig")
    report = Report.objects.get()
    assert report.status == Report.Status.READY and report.requested_by is None


def test_build_report_command_for_a_funder(dataset, funder_org, tmp_path):
    output = tmp_path / "rapport.pdf"
    call_command("build_report", "--funder", funder_org.slug, "--year", "2024", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")


def test_build_report_command_explains_bad_input(dataset):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="inconnu|unknown|No programme"):
        call_command("build_report", "--programme", "nope", "--year", "2024", "--output", "/tmp/x.pdf")


def test_the_yearly_schedule_builds_each_programme_and_funder_once(
    dataset, funder_org, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("outcomes.services.reports.timezone.localdate", lambda *args: datetime.date(2025, 1, 15))
    with django_capture_on_commit_callbacks(execute=True):
        assert build_last_year_reports() == 3  # the programme, its two funders
    built = Report.objects.filter(year=2024, status=Report.Status.READY)
    assert built.filter(programme=dataset["programme"], funder=None).count() == 1
    assert built.filter(programme=None, funder=funder_org).count() == 1
    count = Report.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        build_last_year_reports()
    assert Report.objects.count() == count


@pytest.mark.parametrize("rows", [5, 50])
def test_the_report_list_query_count_is_flat(client, dataset, programme_funder, rows, django_assert_max_num_queries):
    Report.objects.bulk_create(
        Report(programme=dataset["programme"], year=2024, requested_by=programme_funder) for _ in range(rows)
    )
    client.force_login(programme_funder)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("outcomes:report_list")).status_code == 200
