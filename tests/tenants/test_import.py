"""Importing tenants from a landlord's spreadsheet: French Excel CSV, XLSX, bad rows, twice."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from partners.models import Membership
from tenants.models import Tenant
from tenants.services.imports import ImportFileError, tenants_import, tenants_import_for_system
from tests.factories import NeighbourhoodFactory, TenantFactory, member

pytestmark = pytest.mark.django_db

EXAMPLE = Path(settings.BASE_DIR) / "docs/locataires-exemple.csv"
HEADER = "reference_bail;NOM;Prénom;Date de naissance;sexe;telephone;quartier;Ménage;RQTH;Freins"
GOOD_ROWS = [
    "VH-1;Lefèvre;Jérôme;03/11/1979;M;06 98 76 54 32;La Chaussée;Personne seule;non;mobilité",
    "VH-2;Benali;Yasmina;14/02/1987;F;;la chaussee;parent isolé;oui;Garde d'enfants, langue",
]


def csv_bytes(rows, encoding="utf-8-sig"):
    return "\r\n".join([HEADER, *rows]).encode(encoding)


def run(landlord, content, name="locataires.csv", commit=True):
    return tenants_import_for_system(landlord=landlord, file_name=name, content=content, commit=commit)


def test_a_french_excel_csv_in_windows_1252_imports_with_its_accents(landlord, neighbourhood):
    report = run(landlord, csv_bytes(GOOD_ROWS, encoding="cp1252"))
    assert report.is_valid and report.saved and report.created == 2
    jerome = Tenant.objects.get(lease_reference="VH-1")
    assert (jerome.last_name, jerome.first_name, jerome.birth_date) == ("Lefèvre", "Jérôme", datetime.date(1979, 11, 3))
    assert jerome.neighbourhood == neighbourhood and jerome.household == Tenant.Household.ALONE
    assert jerome.disability_recognised is False and jerome.barriers == ["mobility"]
    yasmina = Tenant.objects.get(lease_reference="VH-2")
    assert yasmina.sex == "F" and yasmina.disability_recognised is True
    assert yasmina.barriers == ["child_care", "language"]


def test_a_utf8_csv_with_byte_order_mark_imports(landlord, neighbourhood):
    report = run(landlord, csv_bytes(GOOD_ROWS, encoding="utf-8-sig"))
    assert report.created == 2
    assert Tenant.objects.filter(landlord=landlord, last_name="Lefèvre").exists()


def test_an_xlsx_workbook_imports_with_real_date_cells(landlord, neighbourhood):
    book = Workbook()
    sheet = book.active
    sheet.append(["Référence bail", "Nom", "Prénom", "Date naissance", "Code postal", "Quartier"])
    sheet.append(["VH-9", "Diop", "Fatou", datetime.datetime(1979, 2, 27), 45200, "La Chaussée"])
    sheet.append(["VH-10", "Moreau", "Julien", "03/11/1994", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = run(landlord, buffer.getvalue(), name="export.xlsx")
    assert report.created == 2
    fatou = Tenant.objects.get(lease_reference="VH-9")
    assert fatou.birth_date == datetime.date(1979, 2, 27) and fatou.postcode == "45200"
    assert Tenant.objects.get(lease_reference="VH-10").birth_date == datetime.date(1994, 11, 3)


def test_a_file_with_bad_rows_saves_nothing_and_lists_every_error(landlord, neighbourhood):
    NeighbourhoodFactory(name="Borny")  # exists, but not one of this landlord's
    rows = [
        GOOD_ROWS[0],
        ";Sans;Bail;01/01/1980;F;;;;;",
        "VH-3;Martin;Léa;31/02/1990;X;;Borny;;peut-être;",
        "VH-4;Petit;Marie;1990-13-01;F;;;;;",
        GOOD_ROWS[0],
    ]
    report = run(landlord, csv_bytes(rows))
    assert not report.saved
    assert Tenant.objects.count() == 0
    found = {(e.line, e.column) for e in report.errors}
    assert found == {
        (3, "reference_bail"),
        (4, "Date de naissance"),
        (4, "sexe"),
        (4, "quartier"),
        (4, "RQTH"),
        (5, "Date de naissance"),
        (6, ""),
    }
    messages = {(e.line, e.column): e.message for e in report.errors}
    assert "JJ/MM/AAAA" in messages[(4, "Date de naissance")]
    assert "Borny" in messages[(4, "quartier")] and "La Chaussée" in messages[(4, "quartier")]
    assert "ligne 2" in messages[(6, "")]


def test_missing_required_columns_are_named(landlord):
    report = run(landlord, b"nom;prenom\r\nDupont;Jean")
    assert not report.is_valid
    assert "reference_bail" in report.errors[0].message and "date_naissance" in report.errors[0].message


def test_importing_the_same_file_twice_updates_and_never_duplicates(landlord, neighbourhood):
    run(landlord, csv_bytes(GOOD_ROWS))
    changed = [GOOD_ROWS[0].replace("06 98 76 54 32", "07 11 22 33 44"), GOOD_ROWS[1].upper()]
    report = run(landlord, csv_bytes(changed))
    assert (report.created, report.updated) == (0, 2)
    assert Tenant.objects.count() == 2
    assert Tenant.objects.get(lease_reference="VH-1").phone == "07 11 22 33 44"
    again = run(landlord, csv_bytes(changed))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_an_empty_cell_keeps_what_the_portal_holds(landlord, neighbourhood):
    TenantFactory(
        landlord=landlord,
        lease_reference="VH-2",
        last_name="Benali",
        first_name="Yasmina",
        birth_date=datetime.date(1987, 2, 14),
        phone="06 00 00 00 01",
    )
    run(landlord, csv_bytes(GOOD_ROWS))
    assert Tenant.objects.get(lease_reference="VH-2").phone == "06 00 00 00 01"


def test_the_shipped_example_file_imports(landlord):
    hood = NeighbourhoodFactory(name="La Chaussée")
    hood.landlords.add(landlord)
    report = run(landlord, EXAMPLE.read_bytes(), name=EXAMPLE.name)
    assert report.errors == [] and report.created == 3


def test_the_command_imports_and_reports(landlord, neighbourhood, tmp_path, capsys):
    path = tmp_path / "locataires.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS, encoding="cp1252"))
    call_command("import_tenants", str(path), landlord=landlord.slug)
    assert "2 nouveau(x)" in capsys.readouterr().out
    assert Tenant.objects.count() == 2


def test_the_command_run_as_a_person_checks_their_access(
    landlord, neighbourhood, landlord_staff, other_landlord_staff, tmp_path
):
    path = tmp_path / "locataires.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    with pytest.raises(CommandError, match="ne peut pas importer les locataires de Habitat du Loiret"):
        call_command("import_tenants", str(path), landlord=landlord.slug, as_user=other_landlord_staff.email)
    assert Tenant.objects.count() == 0
    call_command("import_tenants", str(path), landlord=landlord.slug, as_user=landlord_staff.email)
    assert set(Tenant.objects.values_list("created_by", flat=True)) == {landlord_staff.pk}


def test_no_actor_is_no_way_round_the_access_check(landlord, neighbourhood):
    """Only the system entry point imports without a person; the portal's always checks."""
    with pytest.raises(PermissionDenied):
        tenants_import(actor=None, landlord=landlord, file_name="l.csv", content=csv_bytes(GOOD_ROWS), commit=True)
    assert Tenant.objects.count() == 0


def test_the_command_fails_and_prints_each_bad_row_on_stderr(landlord, neighbourhood, tmp_path):
    path = tmp_path / "locataires.csv"
    path.write_bytes(csv_bytes([GOOD_ROWS[0], "VH-3;Martin;Léa;31/02/1990;F;;;;;"]))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="rien n'a été enregistré"):
        call_command("import_tenants", str(path), landlord=landlord.slug, stderr=stderr)
    assert "ligne 3, colonne « Date de naissance »" in stderr.getvalue()
    assert Tenant.objects.count() == 0


def test_the_command_exits_non_zero_on_a_bad_file(landlord, tmp_path, capfd):
    from django.core.management import execute_from_command_line

    path = tmp_path / "locataires.csv"
    path.write_bytes(csv_bytes(["VH-3;Martin;Léa;31/02/1990;F;;;;;"]))
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_tenants", "--landlord", landlord.slug, str(path)])
    assert exit_.value.code != 0
    assert "ligne 2" in capfd.readouterr().err


def upload(content, name="locataires.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_browser_import_previews_then_saves_on_confirmation(client, landlord_staff, landlord, neighbourhood):
    client.force_login(landlord_staff)
    data = {"landlord": landlord.pk, "file": upload(csv_bytes(GOOD_ROWS))}
    response = client.post(reverse("tenants:tenant_import"), data)
    assert response.status_code == 200 and 'data-testid="import-ready"' in response.text
    assert Tenant.objects.count() == 0
    response = client.post(reverse("tenants:tenant_import_confirm"))
    assert response.status_code == 302
    assert Tenant.objects.filter(landlord=landlord, created_by=landlord_staff).count() == 2
    # The checked file is not kept once imported.
    assert client.post(reverse("tenants:tenant_import_confirm")).status_code == 302
    assert Tenant.objects.count() == 2


def test_a_record_saved_between_the_preview_and_the_confirmation_is_not_overwritten(
    client, landlord_staff, landlord, neighbourhood
):
    from tenants.services.people import tenant_update

    run(landlord, csv_bytes(GOOD_ROWS))
    client.force_login(landlord_staff)
    changed = [GOOD_ROWS[0].replace("06 98 76 54 32", "07 11 22 33 44"), GOOD_ROWS[1]]
    preview = client.post(
        reverse("tenants:tenant_import"), {"landlord": landlord.pk, "file": upload(csv_bytes(changed))}
    )
    assert 'data-testid="import-ready"' in preview.text
    tenant = Tenant.objects.get(lease_reference="VH-1")
    colleague = member(Membership.Role.LANDLORD_STAFF, landlord, email="marc@habitat-loiret.fr")
    tenant_update(actor=colleague, tenant=tenant, data={"phone": "06 55 55 55 55"}, version=tenant.version)
    response = client.post(reverse("tenants:tenant_import_confirm"))
    assert response.status_code == 400
    assert f"Jérôme Lefèvre : {colleague} a enregistré ceci le" in response.text
    assert Tenant.objects.get(lease_reference="VH-1").phone == "06 55 55 55 55"


def test_a_person_recorded_between_the_preview_and_the_confirmation_is_not_overwritten(
    landlord_staff, landlord, neighbourhood
):
    arguments = {"actor": landlord_staff, "landlord": landlord, "file_name": "l.csv", "content": csv_bytes(GOOD_ROWS)}
    preview = tenants_import(**arguments, commit=False)
    assert (preview.created, preview.versions) == (2, {})
    run(landlord, csv_bytes([GOOD_ROWS[0].replace("06 98 76 54 32", "")]))  # someone else's import
    with pytest.raises(ImportFileError, match="Jérôme Lefèvre"):
        tenants_import(**arguments, commit=True, versions=preview.versions)
    assert Tenant.objects.get().phone == ""


def test_the_browser_preview_lists_errors_and_offers_no_confirmation(client, landlord_staff, landlord):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:tenant_import"),
        {"landlord": landlord.pk, "file": upload(csv_bytes(["VH-3;Martin;Léa;31/02/1990;F;;;;;"]))},
    )
    assert response.status_code == 400
    assert "JJ/MM/AAAA" in response.text and reverse("tenants:tenant_import_confirm") not in response.text
    assert client.post(reverse("tenants:tenant_import_confirm")).status_code == 302
    assert Tenant.objects.count() == 0


def test_staff_cannot_import_into_another_landlord(client, landlord_staff, other_landlord):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:tenant_import"), {"landlord": other_landlord.pk, "file": upload(csv_bytes(GOOD_ROWS))}
    )
    assert response.status_code == 400  # not a choice offered to them
    assert Tenant.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused_clearly(client, landlord_staff, landlord):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:tenant_import"),
        {"landlord": landlord.pk, "file": upload(b"PK\x03\x04 broken", name="export.xlsx")},
    )
    assert response.status_code == 400 and "pas un classeur XLSX lisible" in response.text
