"""Programme and session pages: who sees them, what they show at a glance, who schedules."""

import datetime

import pytest
from django.urls import reverse

from partners.models import Membership
from programmes.models import Activity, FundingLine, Programme, Session
from tests.factories import (
    ActivityFactory,
    EnrolmentFactory,
    FunderFactory,
    ReferralFactory,
    RegistrationFactory,
    SessionFactory,
    member,
    programme_run_by,
)

pytestmark = pytest.mark.django_db
R = Membership.Role


@pytest.fixture
def programme(association, landlord):
    return programme_run_by(
        association,
        landlord,
        name="Mille Aiguilles test",
        slug="mille-aiguilles-test",
        target_participants=8,
        target_period=Programme.TargetPeriod.PER_YEAR,
    )


@pytest.fixture
def funder_user(programme):
    dreets = FunderFactory(name="DREETS test")
    FundingLine.objects.create(programme=programme, funder=dreets, year=2024, amount=25000)
    return member(R.FUNDER, dreets)


def page_of(programme):
    return reverse("programmes:programme_detail", kwargs={"slug": programme.slug})


def test_the_programme_page_shows_who_takes_part_and_the_figures_at_a_glance(client, coordinator, programme):
    this_year = datetime.date.today().replace(month=1, day=1)
    ReferralFactory.create_batch(2, programme=programme)
    EnrolmentFactory.create_batch(3, programme=programme, entered_on=this_year)
    EnrolmentFactory(programme=programme, entered_on=datetime.date(2020, 5, 1), status="exited")
    client.force_login(coordinator)
    page = client.get(page_of(programme)).content.decode()
    assert "Habitat du Loiret" in page and "Chef de file" in page
    assert "Mille Sourires Test" in page and "Coordination" in page
    assert '<div class="display-6" data-testid="referrals-waiting">2</div>' in page
    assert '<div class="display-6" data-testid="participants-active">3</div>' in page
    assert '<div class="display-6" data-testid="target-reached">38 %</div>' in page  # 3 of 8 this year


def test_funders_see_the_programme_they_fund_with_small_counts_hidden(client, programme, funder_user):
    EnrolmentFactory.create_batch(2, programme=programme)
    client.force_login(funder_user)
    page = client.get(page_of(programme)).content.decode()
    assert '<div class="display-6" data-testid="participants-active">&lt; 5</div>' in page
    assert reverse("programmes:activity_create", kwargs={"slug": programme.slug}) not in page


def test_programme_page_access(
    client, programme, coordinator, landlord_staff, other_landlord_staff, committee_member, programme_admin, funder_user
):
    expected = {
        coordinator: 200,
        landlord_staff: 200,
        funder_user: 200,
        programme_admin: 200,
        other_landlord_staff: 404,
        committee_member: 404,
        member(R.COORDINATOR): 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(page_of(programme)).status_code == status, user


def test_only_those_who_run_it_schedule_activities_and_sessions(
    client, programme, coordinator, landlord_staff, other_landlord_staff
):
    new_activity = reverse("programmes:activity_create", kwargs={"slug": programme.slug})
    client.force_login(landlord_staff)
    assert client.post(new_activity, {"kind": "workshop", "title": "Atelier"}).status_code == 403
    client.force_login(other_landlord_staff)
    assert client.post(new_activity, {"kind": "workshop", "title": "Atelier"}).status_code == 404
    client.force_login(coordinator)
    assert client.post(new_activity, {"kind": "workshop", "title": "Atelier couture"}).status_code == 302
    activity = Activity.objects.get(programme=programme)
    again = client.post(new_activity, {"kind": "workshop", "title": "atelier couture"})
    assert "Ce programme a déjà une activité de ce titre." in again.content.decode()

    new_session = reverse("programmes:session_create", kwargs={"pk": activity.pk})
    data = {"date": "2024-03-05", "start_time": "14:00", "end_time": "12:00", "place": "Salle", "capacity": "10"}
    assert "La séance doit finir après son début." in client.post(new_session, data).content.decode()
    assert client.post(new_session, {**data, "end_time": "17:00"}).status_code == 302
    session = Session.objects.get(activity=activity)
    client.force_login(landlord_staff)
    assert client.get(reverse("programmes:session_detail", kwargs={"pk": session.pk})).status_code == 200
    assert client.post(reverse("programmes:session_update", kwargs={"pk": session.pk}), data).status_code == 403


@pytest.mark.parametrize("rows", [5, 50])
def test_programme_list_query_count_is_flat(
    client, programme_admin, landlord, association, rows, django_assert_max_num_queries
):
    for index in range(rows):
        extra = programme_run_by(association, landlord, name=f"Programme {index}", slug=f"p-{index}")
        EnrolmentFactory(programme=extra)
        RegistrationFactory(
            session=SessionFactory(activity=ActivityFactory(programme=extra)), attendance="present", hours=3
        )
    client.force_login(programme_admin)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("programmes:programme_list"), {"sort": "-attendance_rate"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_session_list_query_count_is_flat(client, coordinator, programme, rows, django_assert_max_num_queries):
    activity = ActivityFactory(programme=programme)
    for offset in range(rows):
        session = SessionFactory(activity=activity, date=datetime.date.today() + datetime.timedelta(days=offset))
        RegistrationFactory(session=session)
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("programmes:session_list"))
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        csv = client.get(reverse("programmes:session_list"), {"export": "csv", "when": "all"})
    assert csv.content.decode("utf-8-sig").count("\n") == rows + 1


def test_session_list_shows_upcoming_sessions_first_and_only_visible_ones(client, coordinator, programme):
    activity = ActivityFactory(programme=programme, title="Atelier couture")
    today = datetime.date.today()
    SessionFactory(activity=activity, date=today + datetime.timedelta(days=7), place="Salle B")
    SessionFactory(activity=activity, date=today, place="Salle A")
    SessionFactory(activity=activity, date=today - datetime.timedelta(days=7), place="Salle passée")
    SessionFactory(place="Ailleurs", date=today)
    client.force_login(coordinator)
    page = client.get(reverse("programmes:session_list")).content.decode()
    assert page.index("Salle A") < page.index("Salle B")
    assert "Salle passée" not in page and "Ailleurs" not in page
    assert "Salle passée" in client.get(reverse("programmes:session_list"), {"when": "past"}).content.decode()


def test_the_coordinator_dashboard_leads_to_todays_attendance_sheet(client, coordinator, programme):
    today = datetime.date.today()
    session = SessionFactory(activity=ActivityFactory(programme=programme, title="Atelier couture"), date=today)
    SessionFactory(activity=ActivityFactory(title="Atelier d'ailleurs"), date=today)
    client.force_login(coordinator)
    panel = client.get(reverse("dashboard")).content.decode().split('data-testid="coordinator-sessions-panel"')[1]
    assert "Atelier couture" in panel and "Atelier d&#x27;ailleurs" not in panel
    assert reverse("tenants:attendance_sheet", kwargs={"pk": session.pk}) in panel


def test_funders_see_small_counts_hidden_in_the_programme_list_and_its_export(
    client, programme, funder_user, coordinator
):
    EnrolmentFactory.create_batch(2, programme=programme)
    client.force_login(funder_user)
    assert '<td class="text-end">&lt; 5</td>' in client.get(reverse("programmes:programme_list")).content.decode()
    export = client.get(reverse("programmes:programme_list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert ";< 5;" in export
    client.force_login(coordinator)
    assert '<td class="text-end">2</td>' in client.get(reverse("programmes:programme_list")).content.decode()


def test_funders_see_small_session_counts_hidden_too(client, programme, funder_user):
    session = SessionFactory(activity=ActivityFactory(programme=programme), date=datetime.date.today())
    RegistrationFactory.create_batch(2, session=session)
    client.force_login(funder_user)
    page = client.get(reverse("programmes:session_list")).content.decode()
    assert '<td class="text-end">&lt; 5</td>' in page and '<td class="text-end">2</td>' not in page


def test_funders_cannot_work_a_hidden_count_back_from_the_attendance_rate(client, programme, funder_user, coordinator):
    activity = ActivityFactory(programme=programme)
    session = SessionFactory(activity=activity, date=datetime.date(2024, 3, 5))
    RegistrationFactory.create_batch(2, session=session, attendance="present", hours=3)
    RegistrationFactory(session=session, attendance="absent")
    pages = [
        reverse("programmes:session_detail", args=[session.pk]),
        reverse("programmes:activity_detail", args=[activity.pk]),
        reverse("programmes:session_list") + "?when=all",
        reverse("programmes:session_list") + "?when=all&export=csv",
        page_of(programme),
        reverse("programmes:programme_list") + "?export=csv",
    ]
    client.force_login(funder_user)
    for url in pages:
        page = client.get(url).content.decode("utf-8-sig")
        assert "67 %" not in page and "66.7" not in page, url  # 2 present of 3 registered, both shown as "< 5"
        assert "masqué (petits effectifs)" in page, url
    client.force_login(coordinator)
    assert "67 %" in client.get(pages[0]).content.decode()


def test_the_coordinator_renames_an_activity_but_not_to_the_title_of_another(
    client, programme, coordinator, landlord_staff, other_landlord_staff
):
    activity = ActivityFactory(programme=programme, kind="workshop", title="Atelier couture")
    ActivityFactory(programme=programme, kind="workshop", title="Atelier CV")
    url = reverse("programmes:activity_update", kwargs={"pk": activity.pk})
    data = {"kind": "training", "title": "Formation couture", "description": "Six mois, titre professionnel."}
    for refused, status in ((landlord_staff, 403), (other_landlord_staff, 404), (member(R.COORDINATOR), 404)):
        client.force_login(refused)
        assert client.post(url, data).status_code == status, refused
    client.force_login(coordinator)
    taken = client.post(url, {**data, "title": "atelier cv"})
    assert "Ce programme a déjà une activité de ce titre." in taken.content.decode()
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.kind, activity.title) == ("training", "Formation couture")
    page = client.get(reverse("programmes:activity_detail", kwargs={"pk": activity.pk})).content.decode()
    assert "Formation couture" in page and "Six mois, titre professionnel." in page


def test_the_coordinator_moves_a_session_and_a_time_running_backwards_is_refused(
    client, programme, coordinator, other_landlord_staff
):
    session = SessionFactory(
        activity=ActivityFactory(programme=programme), date=datetime.date(2024, 3, 5), place="Salle des fêtes"
    )
    url = reverse("programmes:session_update", kwargs={"pk": session.pk})
    moved = {"date": "2024-03-12", "start_time": "09:30", "end_time": "12:00", "place": "Maison de quartier"}
    client.force_login(other_landlord_staff)
    assert client.post(url, moved).status_code == 404
    client.force_login(coordinator)
    backwards = client.post(url, {**moved, "end_time": "08:00"})
    assert "La séance doit finir après son début." in backwards.content.decode()
    session.refresh_from_db()
    assert (session.date, session.place) == (datetime.date(2024, 3, 5), "Salle des fêtes")
    assert client.post(url, {**moved, "capacity": "12"}).status_code == 302
    session.refresh_from_db()
    assert (session.date, session.start_time, session.place, session.capacity) == (
        datetime.date(2024, 3, 12),
        datetime.time(9, 30),
        "Maison de quartier",
        12,
    )
    assert "Maison de quartier" in client.get(session.get_absolute_url()).content.decode()
