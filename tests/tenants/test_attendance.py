"""The attendance sheet: one submit for all rows, atomic, never silently overwritten, fast."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from partners.models import Membership
from programmes.models import Activity, FundingLine
from tenants.models import AttendanceSheet, Registration, SignInSheet
from tests.factories import (
    ActivityFactory,
    EnrolmentFactory,
    FunderFactory,
    RegistrationFactory,
    SessionFactory,
    TenantFactory,
    member,
    programme_run_by,
)

pytestmark = pytest.mark.django_db
R = Membership.Role
A = Registration.Attendance


@pytest.fixture
def programme(association, landlord):
    return programme_run_by(association, landlord, name="Mille Aiguilles test", slug="mille-aiguilles-test")


@pytest.fixture
def session(programme):
    activity = ActivityFactory(programme=programme, title="Atelier couture")
    return SessionFactory(
        activity=activity,
        date=datetime.date(2024, 3, 5),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        capacity=None,
    )


def register(session, count, landlord=None):
    registrations = []
    for _ in range(count):
        enrolment = EnrolmentFactory(
            programme=session.activity.programme, tenant=TenantFactory(**({"landlord": landlord} if landlord else {}))
        )
        registrations.append(RegistrationFactory(session=session, tenant=enrolment.tenant))
    return registrations


def sheet_data(registrations, marks, version=0):
    """The POST of the sheet: marks is a list of (attendance, hours as typed)."""
    data = {"rows-TOTAL_FORMS": len(registrations), "rows-INITIAL_FORMS": len(registrations), "version": version}
    for index, (registration, (mark, hours)) in enumerate(zip(registrations, marks, strict=True)):
        data[f"rows-{index}-registration"] = registration.pk
        data[f"rows-{index}-attendance"] = mark
        data[f"rows-{index}-hours"] = hours
    return data


def sheet_url(session):
    return reverse("tenants:attendance_sheet", kwargs={"pk": session.pk})


@pytest.mark.parametrize("rows", [5, 50])
def test_saving_the_sheet_uses_the_same_number_of_queries_for_5_and_50_people(
    client, coordinator, session, rows, django_assert_max_num_queries
):
    registrations = register(session, rows)
    client.force_login(coordinator)
    marks = [(A.PRESENT, "") if i % 3 else (A.ABSENT, "") for i in range(rows)]
    with django_assert_max_num_queries(14):
        response = client.post(sheet_url(session), sheet_data(registrations, marks))
    assert response.status_code == 302
    assert Registration.objects.filter(session=session, attendance=A.PRESENT).count() == sum(
        1 for mark, _ in marks if mark == A.PRESENT
    )


@pytest.mark.parametrize("rows", [5, 50])
def test_opening_the_sheet_is_flat_too(client, coordinator, session, rows, django_assert_max_num_queries):
    register(session, rows)
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(sheet_url(session))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="attendance-row"') == rows


def test_a_saved_sheet_shows_the_rate_of_present_among_registered(client, coordinator, session):
    registrations = register(session, 4)
    client.force_login(coordinator)
    marks = [(A.PRESENT, ""), (A.PRESENT, "2,5"), (A.ABSENT, ""), (A.EXCUSED, "")]
    response = client.post(sheet_url(session), sheet_data(registrations, marks), follow=True)
    page = response.content.decode()
    assert "Présences enregistrées." in page
    assert '<strong data-testid="attendance-rate">50 %</strong>' in page
    hours = dict(Registration.objects.filter(session=session).values_list("pk", "hours"))
    assert [hours[r.pk] for r in registrations] == [Decimal("3.00"), Decimal("2.50"), 0, 0]
    sheet = AttendanceSheet.objects.get(session=session)
    assert (sheet.version, sheet.saved_by) == (1, coordinator)
    detail = client.get(reverse("programmes:session_detail", kwargs={"pk": session.pk})).content.decode()
    assert f"dernière fois le {timezone.localtime(sheet.saved_at):%d/%m/%Y %H:%M} par {coordinator}." in detail


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ((A.PRESENT, "-1"), "Les heures ne peuvent pas être négatives."),
        ((A.PRESENT, "3,5"), "3 h au plus : la durée de la séance."),
        ((A.ABSENT, "2"), "Seules les personnes présentes ont des heures."),
        (("", ""), "Indiquez si cette personne est présente, absente ou excusée."),
        ((A.PRESENT, "beaucoup"), "Saisissez un nombre."),
    ],
)
def test_a_bad_row_saves_nothing_and_names_the_row(client, coordinator, session, bad_row, message):
    registrations = register(session, 3)
    client.force_login(coordinator)
    marks = [(A.PRESENT, ""), bad_row, (A.ABSENT, "")]
    response = client.post(sheet_url(session), sheet_data(registrations, marks))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rien n’a été enregistré" in page
    assert f"Ligne 2 ({registrations[1].tenant})" in page
    assert message in page
    assert not Registration.objects.filter(session=session).exclude(attendance="").exists()
    assert not AttendanceSheet.objects.filter(session=session, version__gt=0).exists()


def test_a_second_coordinator_saving_a_stale_sheet_is_told_and_overwrites_nothing(client, coordinator, session):
    registrations = register(session, 2)
    colleague = member(
        R.COORDINATOR, coordinator.memberships.get().organisation, first_name="Karim", last_name="Belkacem"
    )
    client.force_login(colleague)
    first = client.post(sheet_url(session), sheet_data(registrations, [(A.PRESENT, ""), (A.PRESENT, "")]))
    assert first.status_code == 302

    client.force_login(coordinator)  # loaded the sheet at version 0, before the colleague saved
    stale = client.post(sheet_url(session), sheet_data(registrations, [(A.ABSENT, ""), (A.PRESENT, "")], version=0))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Karim Belkacem a enregistré ceci le" in page
    assert "modifié entre-temps" in page
    assert 'name="version" value="1"' in page  # saving again is a deliberate choice
    assert Registration.objects.get(pk=registrations[0].pk).attendance == A.PRESENT

    again = client.post(sheet_url(session), sheet_data(registrations, [(A.ABSENT, ""), (A.PRESENT, "")], version=1))
    assert again.status_code == 302
    assert Registration.objects.get(pk=registrations[0].pk).attendance == A.ABSENT


def test_the_attendance_save_is_in_the_audit_trail(client, coordinator, session):
    from auditlog.models import LogEntry

    registrations = register(session, 2)
    client.force_login(coordinator)
    client.post(sheet_url(session), sheet_data(registrations, [(A.PRESENT, ""), (A.ABSENT, "")]))
    entries = LogEntry.objects.filter(
        object_id__in=[r.pk for r in registrations], actor=coordinator, content_type__model="registration"
    )
    assert entries.count() == 2
    assert entries.get(object_id=registrations[0].pk).changes["attendance"] == ["", "present"]


# Who may record attendance -------------------------------------------------------------------------


def test_only_those_who_run_the_programme_record_attendance(
    client, session, coordinator, landlord_staff, other_landlord_staff, committee_member, programme_admin
):
    url = sheet_url(session)
    funder = member(R.FUNDER, FunderFactory())
    FundingLine.objects.create(
        programme=session.activity.programme, funder=funder.memberships.get().organisation, year=2024, amount=1000
    )
    other_coordinator = member(R.COORDINATOR)
    expected = {
        coordinator: 200,
        programme_admin: 200,
        landlord_staff: 403,
        funder: 403,  # they see the programme, not who came
        other_landlord_staff: 404,
        committee_member: 404,
        other_coordinator: 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user
        if status != 200:
            assert client.post(url, {}).status_code == status, user
        assert client.get(reverse("tenants:sign_in_sheet_pdf", kwargs={"pk": session.pk})).status_code == status


# Registering people and walk-ins --------------------------------------------------------------------


def test_register_participants_within_the_capacity(client, coordinator, session):
    session.capacity = 2
    session.save()
    enrolments = EnrolmentFactory.create_batch(3, programme=session.activity.programme)
    client.force_login(coordinator)
    url = reverse("tenants:session_register", kwargs={"pk": session.pk})
    response = client.post(url, {"enrolments": [e.pk for e in enrolments]})
    assert "Il ne reste que 2 place(s)" in response.content.decode()
    assert not session.registrations.exists()
    assert client.post(url, {"enrolments": [e.pk for e in enrolments[:2]]}).status_code == 302
    assert session.registrations.count() == 2


def test_coordinators_cannot_register_people_outside_the_programme(client, coordinator, session, landlord):
    stranger = EnrolmentFactory(tenant=TenantFactory(landlord=landlord))  # same landlord, another programme
    EnrolmentFactory(programme=session.activity.programme)
    client.force_login(coordinator)
    response = client.post(
        reverse("tenants:session_register", kwargs={"pk": session.pk}), {"enrolments": [stranger.pk]}
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not session.registrations.exists()


def test_at_an_event_a_walk_in_without_a_record_is_counted_by_name_but_not_in_the_rate(
    client, coordinator, programme, landlord
):
    event = SessionFactory(
        activity=ActivityFactory(programme=programme, kind=Activity.Kind.COLLECTIVE_EVENT, title="RDV de l'emploi")
    )
    registrations = register(event, 2)
    client.force_login(coordinator)
    url = reverse("tenants:walk_in_add", kwargs={"pk": event.pk})
    response = client.post(url, {"name": "Fatou K.", "landlord": landlord.pk, "known_to_institutions": "false"})
    assert response.status_code == 302
    walk_in = event.registrations.get(walk_in=True)
    assert (walk_in.tenant, walk_in.walk_in_name, walk_in.walk_in_landlord, walk_in.attendance) == (
        None,
        "Fatou K.",
        landlord,
        A.PRESENT,
    )
    assert walk_in.known_to_institutions is False
    client.post(sheet_url(event), sheet_data(registrations, [(A.PRESENT, ""), (A.ABSENT, "")]))
    page = client.get(reverse("programmes:session_detail", kwargs={"pk": event.pk})).content.decode()
    assert '<div class="fs-2" data-testid="session-attendance-rate">50 %</div>' in page


def test_a_workshop_takes_walk_ins_only_among_participants(client, coordinator, session):
    participant = EnrolmentFactory(programme=session.activity.programme)
    client.force_login(coordinator)
    url = reverse("tenants:walk_in_add", kwargs={"pk": session.pk})
    response = client.post(url, {"name": "Quelqu'un"})
    assert "Seuls les participants du programme" in response.content.decode()
    assert client.post(url, {"enrolment": participant.pk}).status_code == 302
    assert session.registrations.get().walk_in


# The sign-in sheet: printed, signed, scanned back ---------------------------------------------------


def test_the_sign_in_sheet_pdf_names_the_session_its_date_and_the_registered_people(client, coordinator, session):
    registrations = register(session, 3)
    client.force_login(coordinator)
    response = client.get(reverse("tenants:sign_in_sheet_pdf", kwargs={"pk": session.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Feuille d’émargement" in text
    assert "Atelier couture" in text
    assert "mardi 5 mars 2024" in text
    assert "Mille Aiguilles test" in text
    for registration in registrations:
        assert registration.tenant.last_name in text


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 2000
    return tmp_path


def upload(client, session, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("tenants:sign_in_sheet_upload", kwargs={"pk": session.pk}),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_the_signed_scan_is_kept_with_the_session_and_served_to_those_who_run_it(
    client, coordinator, landlord_staff, session, media
):
    client.force_login(coordinator)
    assert upload(client, session, "feuille signée.pdf", b"%PDF-1.7\n" + b"x" * 100).status_code == 302
    sheet = SignInSheet.objects.get(session=session)
    assert (sheet.original_name, sheet.content_type, sheet.uploaded_by) == (
        "feuille signée.pdf",
        "application/pdf",
        coordinator,
    )
    assert sheet.file.storage.exists(sheet.file.name)
    url = reverse("tenants:sign_in_sheet_download", kwargs={"pk": sheet.pk})
    assert b"".join(client.get(url).streaming_content).startswith(b"%PDF-1.7")
    client.force_login(landlord_staff)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("feuille.pdf", b"MZ\x90\x00 not a scan", "Déposez un scan PDF, JPEG ou PNG"),
        ("feuille.pdf", b"%PDF-" + b"x" * 3000, "Le fichier est trop volumineux"),
    ],
)
def test_a_wrong_or_too_large_file_is_refused_with_a_reason(
    client, coordinator, session, media, name, content, message
):
    client.force_login(coordinator)
    response = upload(client, session, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SignInSheet.objects.exists()
    assert not any(media.rglob("*.*"))


def test_a_walk_in_who_enrols_later_is_attached_to_their_pathway(client, coordinator, landlord_staff, programme):
    event = SessionFactory(
        activity=ActivityFactory(programme=programme, kind=Activity.Kind.JOB_RALLY, title="Rallye de l'emploi")
    )
    walk_in = Registration.objects.create(
        session=event, walk_in=True, walk_in_name="Fatou K.", attendance=A.PRESENT, hours=3
    )
    enrolled = EnrolmentFactory(programme=programme)
    url = reverse("tenants:walk_in_link", kwargs={"pk": walk_in.pk})
    client.force_login(landlord_staff)
    assert client.post(url, {"enrolment": enrolled.pk}).status_code == 403
    client.force_login(coordinator)
    assert client.post(url, {"enrolment": enrolled.pk}).status_code == 302
    walk_in.refresh_from_db()
    assert (walk_in.tenant_id, walk_in.walk_in_name, walk_in.walk_in) == (enrolled.tenant_id, "", True)
    page = client.get(reverse("tenants:enrolment_detail", kwargs={"pk": enrolled.pk})).content.decode()
    assert "Rallye de l&#x27;emploi" in page
    assert client.get(url).status_code == 404  # attached rows are no longer walk-ins by name


def test_attendance_and_walk_ins_wait_for_the_day_of_the_session(client, coordinator, session):
    registrations = register(session, 1)
    session.date = datetime.date.today() + datetime.timedelta(days=3)
    session.save()
    client.force_login(coordinator)
    response = client.post(sheet_url(session), sheet_data(registrations, [(A.PRESENT, "")]))
    assert response.status_code == 400
    assert "Cette séance n&#x27;a pas encore eu lieu" in response.content.decode()
    assert not Registration.objects.exclude(attendance="").exists()
    participant = EnrolmentFactory(programme=session.activity.programme)
    response = client.post(reverse("tenants:walk_in_add", kwargs={"pk": session.pk}), {"enrolment": participant.pk})
    assert "Cette séance n&#x27;a pas encore eu lieu" in response.content.decode()


def test_the_coordinator_removes_a_registration_until_attendance_is_taken(client, coordinator, session, landlord_staff):
    kept, removed = register(session, 2)
    remove = reverse("tenants:registration_remove", kwargs={"pk": removed.pk})
    client.force_login(landlord_staff)
    assert client.post(remove).status_code == 403
    client.force_login(coordinator)
    assert client.get(remove).status_code == 405  # a link followed by accident removes nobody
    response = client.post(remove, follow=True)
    assert f"{removed.person_name} n&#x27;est plus inscrit·e." in response.content.decode()
    assert list(session.registrations.all()) == [kept]
    kept.attendance, kept.hours = A.PRESENT, Decimal(3)
    kept.save()
    refused = client.post(reverse("tenants:registration_remove", kwargs={"pk": kept.pk}), follow=True)
    assert f"La présence de {kept.person_name} est déjà pointée" in refused.content.decode()
    assert session.registrations.filter(pk=kept.pk).exists()


def test_a_sessions_rows_signed_sheet_and_walk_ins_do_not_exist_for_another_association(
    client, coordinator, other_coordinator, session, media
):
    registered = register(session, 1)[0]
    walk_in = Registration.objects.create(session=session, walk_in=True, walk_in_name="Fatou K.", attendance=A.PRESENT)
    client.force_login(coordinator)
    upload(client, session, "feuille.pdf", b"%PDF-1.7\n" + b"x" * 100)
    sheet = SignInSheet.objects.get(session=session)
    client.force_login(other_coordinator)
    assert client.post(reverse("tenants:registration_remove", kwargs={"pk": registered.pk})).status_code == 404
    assert client.get(reverse("tenants:sign_in_sheet_download", kwargs={"pk": sheet.pk})).status_code == 404
    assert client.get(reverse("tenants:walk_in_link", kwargs={"pk": walk_in.pk})).status_code == 404
    assert session.registrations.count() == 2
    client.force_login(coordinator)
    assert client.get(reverse("tenants:walk_in_link", kwargs={"pk": walk_in.pk})).status_code == 200
