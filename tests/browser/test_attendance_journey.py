"""The coordinator's day: open today's session, mark who came, save, see the rate; then a pathway step."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tenants.models import Registration
from tests.factories import ActivityFactory, EnrolmentFactory, SessionFactory, TenantFactory, programme_run_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = [("Samira", "Benali"), ("Maria", "Lopes"), ("Aïssata", "Traoré")]


@pytest.fixture
def todays_session(association, landlord):
    programme = programme_run_by(association, landlord, name="Mille Aiguilles", slug="mille-aiguilles")
    session = SessionFactory(
        activity=ActivityFactory(programme=programme, title="Atelier couture"),
        date=datetime.date.today(),
        place="Maison de quartier de La Chaussée",
    )
    enrolments = []
    for first, last in NAMES:
        enrolment = EnrolmentFactory(
            programme=programme, tenant=TenantFactory(landlord=landlord, first_name=first, last_name=last)
        )
        Registration.objects.create(session=session, tenant=enrolment.tenant)
        enrolments.append(enrolment)
    return session, enrolments


def row(page, name):
    return page.get_by_test_id("attendance-row").filter(has_text=name)


def test_coordinator_marks_todays_attendance_and_sees_the_rate(page, log_in, coordinator, todays_session):
    session, _ = todays_session
    log_in(coordinator.email)
    page.get_by_role("link", name="Séances").first.click()
    page.get_by_role("link", name=session.date.strftime("%d/%m/%Y")).first.click()
    expect(page.get_by_test_id("session-title")).to_have_text("Atelier couture")
    page.get_by_role("link", name="Feuille de présence").click()

    row(page, "Samira Benali").get_by_text("Présent·e").click()
    row(page, "Maria Lopes").get_by_text("Absent·e").click()
    row(page, "Aïssata Traoré").get_by_text("Présent·e").click()
    row(page, "Aïssata Traoré").get_by_label("Heures").fill("2,5")
    page.get_by_role("button", name="Enregistrer les présences").click()

    expect(page.get_by_role("alert").filter(has_text="Présences enregistrées.")).to_be_visible()
    expect(page.get_by_test_id("attendance-rate")).to_have_text("67 %")
    marks = dict(Registration.objects.filter(session=session).values_list("tenant__last_name", "hours"))
    assert marks == {"Benali": 3, "Lopes": 0, "Traoré": 2.5}


def test_a_bad_row_is_pointed_out_on_a_phone_and_nothing_is_saved(page, log_in, coordinator, todays_session):
    session, _ = todays_session
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(coordinator.email)
    page.goto(f"/tenants/sessions/{session.pk}/attendance/")
    page.get_by_role("button", name="Tous les non pointés : présents").click()
    row(page, "Maria Lopes").get_by_label("Heures").fill("9")
    page.get_by_role("button", name="Enregistrer les présences").click()
    summary = page.get_by_role("alert").filter(has_text="Rien n’a été enregistré")
    expect(summary).to_contain_text("Ligne 2 (Maria Lopes) : 3 h au plus : la durée de la séance.")
    summary.get_by_role("link").click()
    expect(row(page, "Maria Lopes").get_by_label("Heures")).to_be_focused()
    assert not Registration.objects.exclude(attendance="").exists()


def test_coordinator_records_a_pathway_step_and_sees_it_on_the_timeline(page, log_in, coordinator, todays_session):
    _, enrolments = todays_session
    log_in(coordinator.email)
    page.get_by_role("link", name="Participants").first.click()
    page.get_by_role("link", name="Samira Benali").click()
    page.get_by_role("link", name="Nouvelle étape").click()
    page.get_by_label("Type").select_option(label="Formation")
    page.get_by_label("Intitulé").fill("CAP métiers de la mode")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert").filter(has_text="Étape ajoutée au parcours.")).to_be_visible()
    expect(page.get_by_test_id("timeline")).to_contain_text("Formation : CAP métiers de la mode")
    assert enrolments[0].steps.get().title == "CAP métiers de la mode"


def test_coordinator_schedules_a_session_from_the_programme_page(page, log_in, coordinator, todays_session):
    session, _ = todays_session
    log_in(coordinator.email)
    page.get_by_role("link", name="Programmes").first.click()
    page.get_by_role("link", name="Mille Aiguilles").click()
    page.get_by_role("link", name="Atelier couture", exact=True).click()
    page.get_by_role("link", name="Nouvelle séance").click()
    page.get_by_label("Date").fill((session.date + datetime.timedelta(days=7)).isoformat())
    page.get_by_label("Heure de début").fill("09:30")
    page.get_by_label("Heure de fin").fill("09:00")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La séance doit finir après son début.")).to_be_visible()
    page.get_by_label("Heure de fin").fill("12:30")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert").filter(has_text="Séance programmée.")).to_be_visible()
    expect(page.get_by_test_id("session-title")).to_have_text("Atelier couture")


def test_coordinator_prints_the_sheet_adds_a_walk_in_and_uploads_the_signed_scan(
    page, log_in, coordinator, todays_session, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    session, enrolments = todays_session
    log_in(coordinator.email)
    page.goto(f"/tenants/sessions/{session.pk}/attendance/")
    with page.expect_download() as download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = ''; "
            "document.body.appendChild(a); a.click(); }",
            f"/tenants/sessions/{session.pk}/sign-in-sheet.pdf",
        )
    assert download.value.path().read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name="Ajouter une personne venue sans inscription").click()
    late = EnrolmentFactory(
        programme=session.activity.programme, tenant=TenantFactory(first_name="Elif", last_name="Kaya")
    )
    page.reload()
    page.get_by_label("Un participant du programme").select_option(label="Elif Kaya")
    page.get_by_role("button", name="Ajouter comme présent").click()
    expect(row(page, "Elif Kaya")).to_contain_text("venu·e sans inscription")
    assert session.registrations.get(tenant=late.tenant).walk_in

    scan = tmp_path / "feuille-signee.pdf"
    scan.write_bytes(b"%PDF-1.7\n% scan\n")
    page.get_by_label("Scan de la feuille signée (PDF, JPEG ou PNG)").set_input_files(scan)
    page.get_by_role("button", name="Déposer le scan").click()
    expect(page.get_by_role("alert").filter(has_text="Feuille signée conservée avec la séance.")).to_be_visible()
    expect(page.get_by_role("link", name="feuille-signee.pdf")).to_be_visible()


def test_landlord_staff_follow_their_tenants_pathway_read_only(page, log_in, landlord_staff, todays_session):
    log_in(landlord_staff.email)
    page.get_by_role("link", name="Participants").first.click()
    page.get_by_role("link", name="Maria Lopes").click()
    expect(page.get_by_test_id("participant-name")).to_have_text("Maria Lopes")
    expect(page.get_by_text("Lecture seule")).to_be_visible()
    expect(page.get_by_role("link", name="Nouvelle étape")).to_have_count(0)


def test_everyone_not_marked_becomes_present_in_one_click(page, log_in, coordinator, todays_session):
    """The button's script is a static file (the Content-Security-Policy allows no inline one)."""
    session, _ = todays_session
    log_in(coordinator.email)
    page.goto(reverse("tenants:attendance_sheet", args=[session.pk]))
    row(page, "Maria Lopes").get_by_text("Absent·e").click()
    page.get_by_role("button", name="Tous les non pointés : présents").click()
    expect(row(page, "Samira Benali").get_by_label("Présent·e")).to_be_checked()
    expect(row(page, "Maria Lopes").get_by_label("Absent·e")).to_be_checked()
