"""A participant's pathway: recorded by those who run the programme, read by the tenant's landlord."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from partners.models import Membership
from programmes.models import FundingLine, ProgrammePartner
from tenants.models import BarrierAssessment, PathwayStep, WeeklyHours, WorkContract
from tests.factories import (
    EnrolmentFactory,
    FunderFactory,
    OrganisationFactory,
    PathwayStepFactory,
    RegistrationFactory,
    SessionFactory,
    TenantFactory,
    WorkContractFactory,
    barrier_assessment,
    member,
    programme_run_by,
)

pytestmark = pytest.mark.django_db
R = Membership.Role
B = BarrierAssessment.Stage


@pytest.fixture
def programme(association, landlord):
    return programme_run_by(association, landlord, name="En route test", slug="en-route-test")


@pytest.fixture
def enrolment(programme, landlord):
    return EnrolmentFactory(
        programme=programme,
        tenant=TenantFactory(landlord=landlord, first_name="Yasmine", last_name="Haddad"),
        entered_on=datetime.date(2024, 2, 1),
    )


def detail(enrolment):
    return reverse("tenants:enrolment_detail", kwargs={"pk": enrolment.pk})


def test_who_sees_a_pathway_and_who_may_change_it(
    client, enrolment, coordinator, landlord_staff, other_landlord_staff, committee_member, programme_admin
):
    funder = member(R.FUNDER, FunderFactory())
    FundingLine.objects.create(
        programme=enrolment.programme, funder=funder.memberships.get().organisation, year=2024, amount=1000
    )
    add_step = reverse("tenants:step_create", kwargs={"pk": enrolment.pk})
    cases = {  # user: (pathway page, recording a step)
        coordinator: (200, 200),
        programme_admin: (200, 200),
        landlord_staff: (200, 403),  # their own tenant: read only
        other_landlord_staff: (404, 404),
        funder: (404, 404),
        committee_member: (404, 404),
        member(R.COORDINATOR): (404, 404),
    }
    for user, (page, step) in cases.items():
        client.force_login(user)
        assert client.get(detail(enrolment)).status_code == page, user
        assert client.get(add_step).status_code == step, user


def test_landlord_staff_read_the_pathway_without_any_editing_button(client, enrolment, landlord_staff):
    client.force_login(landlord_staff)
    page = client.get(detail(enrolment)).content.decode()
    assert "Lecture seule" in page
    assert reverse("tenants:step_create", kwargs={"pk": enrolment.pk}) not in page


def test_reading_a_pathway_is_logged(client, enrolment, coordinator):
    client.force_login(coordinator)
    client.get(detail(enrolment))
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=coordinator, object_id=enrolment.tenant_id
    ).exists()


def test_participant_list_funders_and_committee_are_refused(client, funder, committee_member):
    for user in (funder, committee_member):
        client.force_login(user)
        assert client.get(reverse("tenants:enrolment_list")).status_code == 403


def test_participant_list_shows_each_their_own(client, enrolment, coordinator, landlord_staff, other_landlord_staff):
    elsewhere = EnrolmentFactory(tenant=TenantFactory(last_name="Ailleurs"))
    for user, sees in ((coordinator, True), (landlord_staff, True), (other_landlord_staff, False)):
        client.force_login(user)
        page = client.get(reverse("tenants:enrolment_list")).content.decode()
        assert ("Haddad" in page) is sees
        assert elsewhere.tenant.last_name not in page


@pytest.mark.parametrize("rows", [5, 50])
def test_participant_list_query_count_is_flat(client, coordinator, programme, rows, django_assert_max_num_queries):
    session = SessionFactory(activity__programme=programme)
    for enrolment in EnrolmentFactory.create_batch(rows, programme=programme):
        RegistrationFactory(session=session, tenant=enrolment.tenant, attendance="present", hours=3)
        PathwayStepFactory(enrolment=enrolment)
        barrier_assessment(enrolment, B.ENTRY, enrolment.entered_on, mobility=3)
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("tenants:enrolment_list"), {"sort": "distance_travelled"})
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        csv = client.get(reverse("tenants:enrolment_list"), {"export": "csv"})
    assert csv.content.decode("utf-8-sig").count("\n") == rows + 1


def test_participant_list_search_and_csv(client, coordinator, enrolment, programme):
    EnrolmentFactory(programme=programme, tenant=TenantFactory(last_name="Schmitt", first_name="Laura"))
    client.force_login(coordinator)
    response = client.get(reverse("tenants:enrolment_list"), {"q": "yasm", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Participant;Programme;Bailleur")
    assert len(lines) == 2 and "Yasmine Haddad" in lines[1]


def test_distance_travelled_compares_the_barriers_scored_at_entry(client, coordinator, enrolment):
    barrier_assessment(enrolment, B.ENTRY, datetime.date(2024, 2, 1), mobility=4, child_care=3)
    client.force_login(coordinator)
    page = client.get(detail(enrolment)).content.decode()
    assert '<div class="fs-3" data-testid="distance-travelled">—</div>' in page
    # A barrier found later (language) does not count against the distance travelled on those named at entry.
    barrier_assessment(enrolment, B.FOLLOW_UP, datetime.date(2024, 6, 1), mobility=1, child_care=2, language=2)
    page = client.get(detail(enrolment)).content.decode()
    assert '<div class="fs-3" data-testid="distance-travelled">+4</div>' in page


def test_recording_a_follow_up_assessment_must_score_again_the_entry_barriers(client, coordinator, enrolment):
    barrier_assessment(enrolment, B.ENTRY, datetime.date(2024, 2, 1), mobility=4)
    client.force_login(coordinator)
    url = reverse("tenants:assessment_create", kwargs={"pk": enrolment.pk})
    response = client.post(url, {"stage": B.FOLLOW_UP, "assessed_on": "2024-05-02", "child_care": "2"})
    assert "Noté à l&#x27;entrée : notez-le à nouveau." in response.content.decode()
    assert enrolment.barrier_assessments.count() == 1
    assert client.post(url, {"stage": B.FOLLOW_UP, "assessed_on": "2024-05-02", "mobility": "1"}).status_code == 302
    assert enrolment.barrier_assessments.count() == 2


def test_a_finished_step_asks_for_its_end_date(client, coordinator, enrolment):
    client.force_login(coordinator)
    url = reverse("tenants:step_create", kwargs={"pk": enrolment.pk})
    data = {"kind": PathwayStep.Kind.EXAM, "title": "Examen ADVF", "started_on": "2024-06-10", "result": "passed"}
    response = client.post(url, data)
    assert "Une étape avec ce résultat est terminée : indiquez sa date de fin." in response.content.decode()
    assert client.post(url, {**data, "ended_on": "2024-06-12"}).status_code == 302
    step = enrolment.steps.get()
    assert (step.result, step.recorded_by) == (PathwayStep.Result.PASSED, coordinator)


def test_the_tutor_comes_from_a_landlord_of_the_programme(
    client, coordinator, enrolment, landlord_staff, other_landlord_staff
):
    client.force_login(coordinator)
    url = reverse("tenants:team_update", kwargs={"pk": enrolment.pk})
    assert client.post(url, {"tutor": other_landlord_staff.pk, "sponsor": coordinator.pk}).status_code == 200
    assert client.post(url, {"tutor": landlord_staff.pk, "sponsor": coordinator.pk}).status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.tutor, enrolment.sponsor) == (landlord_staff, coordinator)


def test_premieres_heures_warns_over_16_hours_a_week_and_12_months(client, coordinator, enrolment):
    contract = WorkContractFactory(
        enrolment=enrolment,
        employer=OrganisationFactory(),
        starts_on=datetime.date(2024, 1, 8),
        ends_on=datetime.date(2025, 3, 1),
    )
    client.force_login(coordinator)
    url = reverse("tenants:weekly_hours_record", kwargs={"pk": contract.pk})
    response = client.post(url, {"week_start": "2024-03-13", "hours": "17,5"}, follow=True)
    page = response.content.decode()
    assert "17,50 h la semaine du 11/03/2024 : plus de 16 h." in page
    assert "Le contrat dépasse 12 mois (après le 07/01/2025)." in page
    assert WeeklyHours.objects.get().week_start == datetime.date(2024, 3, 11)  # filed under its Monday
    again = client.post(url, {"week_start": "2024-03-11", "hours": "4"})
    assert "Des heures sont déjà saisies pour la semaine du 11/03/2024." in again.content.decode()


def test_a_contracts_hours_are_recorded_by_those_who_run_the_programme_and_hidden_from_outsiders(
    client, coordinator, enrolment, landlord_staff, other_landlord_staff
):
    contract = WorkContractFactory(enrolment=enrolment, starts_on=datetime.date(2024, 1, 8))
    url = reverse("tenants:weekly_hours_record", kwargs={"pk": contract.pk})
    week = {"week_start": "2024-03-11", "hours": "10"}
    for refused, status in ((landlord_staff, 403), (other_landlord_staff, 404), (member(R.COORDINATOR), 404)):
        client.force_login(refused)
        assert client.post(url, week).status_code == status, refused
    assert not WeeklyHours.objects.exists()
    client.force_login(coordinator)
    assert client.post(url, week).status_code == 302
    assert WeeklyHours.objects.get().hours == 10


@pytest.mark.parametrize("rows", [5, 50])
def test_work_hours_list_is_flat(client, coordinator, programme, rows, django_assert_max_num_queries):
    for enrolment in EnrolmentFactory.create_batch(rows, programme=programme):
        contract = WorkContractFactory(enrolment=enrolment)
        WeeklyHours.objects.create(contract=contract, week_start=datetime.date(2024, 3, 4), hours=18)
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("tenants:work_hours_list"), {"over_limit": "true"})
    assert response.content.decode().count("text-bg-warning") >= min(rows, 25)


def test_the_coordinator_edits_a_step_and_the_pathway_shows_it(
    client, coordinator, enrolment, landlord_staff, other_landlord_staff
):
    step = PathwayStepFactory(
        enrolment=enrolment, kind=PathwayStep.Kind.TRAINING, title="Formation ADVF", result="in_progress"
    )
    url = reverse("tenants:step_update", kwargs={"pk": step.pk})
    data = {
        "kind": PathwayStep.Kind.TRAINING,
        "title": "Formation ADVF (titre professionnel)",
        "started_on": "2024-02-05",
        "result": "completed",
        "ended_on": "2024-06-28",
        "notes": "Titre obtenu.",
    }
    for refused, status in ((landlord_staff, 403), (other_landlord_staff, 404), (member(R.COORDINATOR), 404)):
        client.force_login(refused)
        assert client.post(url, data).status_code == status, refused
    client.force_login(coordinator)
    assert client.post(url, data).status_code == 302
    page = client.get(detail(enrolment)).content.decode()
    assert "Formation ADVF (titre professionnel)" in page and "Titre obtenu." in page
    step.refresh_from_db()
    assert (step.result, step.ended_on) == (PathwayStep.Result.COMPLETED, datetime.date(2024, 6, 28))


def test_a_step_edited_to_end_before_it_starts_is_refused_and_left_as_it_was(client, coordinator, enrolment):
    step = PathwayStepFactory(enrolment=enrolment, title="Stage", started_on=datetime.date(2024, 3, 1))
    client.force_login(coordinator)
    response = client.post(
        reverse("tenants:step_update", kwargs={"pk": step.pk}),
        {"kind": step.kind, "title": "Stage prolongé", "started_on": "2024-03-01", "ended_on": "2024-02-01"},
    )
    assert "L&#x27;étape ne peut pas finir avant de commencer." in response.content.decode()
    step.refresh_from_db()
    assert (step.title, step.ended_on) == ("Stage", None)


def test_the_coordinator_writes_a_note_that_tops_the_timeline(client, coordinator, enrolment, landlord_staff):
    url = reverse("tenants:note_create", kwargs={"pk": enrolment.pk})
    note = {"written_on": "2024-04-02", "text": "A trouvé une solution de garde pour le mercredi."}
    client.force_login(landlord_staff)
    assert client.post(url, note).status_code == 403
    client.force_login(coordinator)
    assert "Ce champ est obligatoire." in client.post(url, {**note, "text": "   "}).content.decode()
    assert not enrolment.notes.exists()
    assert client.post(url, note).status_code == 302
    written = enrolment.notes.get()
    assert (written.author, written.written_on) == (coordinator, datetime.date(2024, 4, 2))
    timeline = client.get(detail(enrolment)).content.decode().split('data-testid="timeline"')[1]
    assert timeline.index("A trouvé une solution de garde") < timeline.index("</ol>")
    client.force_login(landlord_staff)  # the tenant's landlord reads the pathway, not the association's notes
    page = client.get(detail(enrolment))
    assert page.status_code == 200 and "A trouvé une solution de garde" not in page.content.decode()


def test_the_coordinator_records_a_work_contract_with_an_employer_of_the_programme(
    client, coordinator, enrolment, landlord_staff
):
    employer = OrganisationFactory(name="Aurore Test")
    ProgrammePartner.objects.create(
        programme=enrolment.programme, organisation=employer, role=ProgrammePartner.Role.EMPLOYER
    )
    outsider = OrganisationFactory(name="Employeur Ailleurs")
    url = reverse("tenants:contract_create", kwargs={"pk": enrolment.pk})
    contract = {"employer": employer.pk, "starts_on": "2024-03-04", "ends_on": "2024-12-20"}
    client.force_login(landlord_staff)
    assert client.post(url, contract).status_code == 403
    client.force_login(coordinator)
    assert client.post(url, {**contract, "employer": outsider.pk}).status_code == 200  # not offered
    backwards = client.post(url, {**contract, "ends_on": "2024-01-31"})
    assert "Le contrat ne peut pas finir avant de commencer." in backwards.content.decode()
    assert not WorkContract.objects.exists()
    assert client.post(url, contract).status_code == 302
    saved = WorkContract.objects.get()
    assert (saved.employer, saved.enrolment, saved.recorded_by) == (employer, enrolment, coordinator)
    page = client.get(detail(enrolment)).content.decode()
    assert "Aurore Test" in page and "04/03/2024 → 20/12/2024" in page
