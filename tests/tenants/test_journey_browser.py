"""The landlord staff → coordinator journey, clicked through in Chromium."""

import pytest

from tenants.models import Enrolment, Referral, Tenant
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_record_consent_and_refer_then_the_coordinator_accepts_and_enrols(
    page, log_in, log_out, landlord_staff, coordinator, programme, neighbourhood, tmp_path
):
    log_in(landlord_staff.email, PASSWORD)
    page.get_by_role("link", name="Locataires").first.click()
    page.get_by_role("link", name="Nouveau locataire").click()
    page.get_by_label("Nom").first.fill("Benali")
    page.get_by_label("Prénom").fill("Yasmina")
    page.get_by_label("Date de naissance").fill("1987-02-14")
    page.get_by_label("Référence du bail").fill("VH-45-0999")
    page.get_by_label("Quartier").select_option(label=str(neighbourhood))
    page.get_by_label("Garde d'enfants").check()
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_test_id("tenant-name").inner_text() == "Yasmina Benali"

    page.get_by_label("La personne a reçu la notice d'information").check()
    page.get_by_role("button", name="Enregistrer le consentement").click()
    assert "Consentement enregistré" in page.get_by_test_id("consent-card").inner_text()

    page.get_by_label("Programme").select_option(label=programme.name)
    page.get_by_label("Motif").fill("Souhaite reprendre un emploi dans la couture.")
    page.get_by_role("button", name="Envoyer l'orientation").click()
    assert page.get_by_test_id("referral-status").inner_text() == "Envoyée"
    log_out()

    log_in(coordinator.email, PASSWORD)
    panel = page.get_by_test_id("coordinator-referral-panel")
    panel.get_by_role("link", name="Yasmina Benali").click()
    page.get_by_role("button", name="Accepter").click()
    assert page.get_by_test_id("referral-status").inner_text() == "Acceptée"
    page.get_by_role("button", name="Faire entrer dans le programme").click()
    assert page.get_by_test_id("referral-status").inner_text() == "Entré·e en parcours"
    history = page.get_by_test_id("referral-history").inner_text()
    assert "Envoyée" in history and "Acceptée" in history and "Entré·e en parcours" in history
    page.screenshot(path=tmp_path / "referral.png", full_page=True)

    tenant = Tenant.objects.get(lease_reference="VH-45-0999")
    assert Referral.objects.get(tenant=tenant).status == Referral.Status.ENROLLED
    assert Enrolment.objects.get(tenant=tenant, programme=programme).entry_single_parent is False


def test_staff_import_a_spreadsheet_after_checking_it(page, log_in, landlord_staff, neighbourhood, tmp_path):
    bad = tmp_path / "locataires.csv"
    bad.write_bytes(
        "reference_bail;nom;prenom;date_naissance;quartier\r\n"
        "VH-1;Diop;Fatou;31/02/1979;La Chaussée\r\nVH-2;Moreau;Julien;03/11/1994;\r\n".encode("cp1252")
    )
    log_in(landlord_staff.email, PASSWORD)
    page.goto("/tenants/import/")
    page.get_by_label("Tableur").set_input_files(bad)
    page.get_by_role("button", name="Vérifier le fichier").click()
    errors = page.get_by_test_id("import-errors").inner_text()
    assert "2" in errors and "date_naissance" in errors
    assert Tenant.objects.count() == 0

    bad.write_bytes(bad.read_bytes().replace(b"31/02/1979", b"27/02/1979"))
    page.get_by_label("Tableur").set_input_files(bad)
    page.get_by_role("button", name="Vérifier le fichier").click()
    assert "2 nouveaux" in page.get_by_test_id("import-ready").inner_text()
    page.get_by_role("button", name="Confirmer l'import").click()
    assert "Import terminé" in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("tenant-table").get_by_role("link", name="Diop").is_visible()
    assert Tenant.objects.filter(landlord__memberships__user=landlord_staff).count() == 2


def test_the_coordinator_declines_with_a_reason(page, log_in, log_out, coordinator, landlord_staff, referral):
    log_in(coordinator.email, PASSWORD)
    page.goto(referral.get_absolute_url())
    page.get_by_text("Refuser", exact=True).click()
    page.get_by_label("Motif du refus").select_option(label="Programme complet")
    page.get_by_label("Commentaire").last.fill("Session complète, à reproposer en septembre.")
    page.get_by_role("button", name="Refuser l'orientation").click()
    assert page.get_by_test_id("referral-status").inner_text() == "Refusée"
    assert "Programme complet" in page.content()
    log_out()
    log_in(landlord_staff.email, PASSWORD)
    assert page.get_by_test_id("unread-count").inner_text() == "1"


def test_staff_record_that_the_person_withdraws_consent(page, log_in, landlord_staff, coordinator, referral):
    log_in(landlord_staff.email, PASSWORD)
    page.goto(referral.tenant.get_absolute_url())
    page.get_by_text("La personne retire son consentement").click()
    page.get_by_role("button", name="Enregistrer le retrait").click()
    assert "Pas de consentement" in page.get_by_test_id("consent-card").inner_text()
    assert "Retirée" in page.get_by_test_id("tenant-referrals").inner_text()
    assert page.get_by_role("button", name="Envoyer l'orientation").count() == 0
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN


def test_staff_find_a_tenant_with_the_filters_and_export_the_list(page, log_in, landlord_staff, referral, landlord):
    from tests.factories import TenantFactory

    TenantFactory(landlord=landlord, last_name="Zoubiri", first_name="Nora")
    log_in(landlord_staff.email, PASSWORD)
    page.get_by_role("link", name="Locataires").first.click()
    page.get_by_label("Consentement").select_option(label="Pas de consentement")
    page.get_by_role("button", name="Filtrer").click()
    table = page.get_by_test_id("tenant-table")
    assert table.get_by_role("link", name="Zoubiri").is_visible()
    assert table.get_by_role("link", name="Benhamou").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (CSV)").click()
    exported = download.value.path().read_bytes().decode("utf-8-sig")
    assert "Zoubiri" in exported and "Benhamou" not in exported


def test_staff_edit_a_record_and_a_stale_copy_is_refused(page, log_in, landlord_staff, tenant):
    log_in(landlord_staff.email, PASSWORD)
    page.goto(tenant.get_absolute_url())
    page.get_by_role("link", name="Modifier la fiche").click()
    # A colleague saves the same record meanwhile.
    Tenant.objects.filter(pk=tenant.pk).update(phone="06 00 00 00 00", version=tenant.version + 1)
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Enregistrer").click()
    assert "Quelqu’un d’autre a enregistré ceci pendant que vous le modifiiez" in page.content()
    page.goto(tenant.get_absolute_url())
    page.get_by_role("link", name="Modifier la fiche").click()
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Enregistrer").click()
    assert "La fiche de Aïcha Benhamou est enregistrée" in page.locator(".alert-success").inner_text()
    tenant.refresh_from_db()
    assert tenant.phone == "06 12 34 56 78"
