"""Premières Heures: a week's hours of every contract of a programme, in one atomic submit."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Membership
from tenants.models import WeeklyHours
from tenants.services.pathways import weekly_hours_record
from tests.factories import EnrolmentFactory, OrganisationFactory, WorkContractFactory, member, programme_run_by

pytestmark = pytest.mark.django_db
R = Membership.Role
MONDAY = datetime.date(2024, 3, 11)


@pytest.fixture
def programme(association, landlord):
    return programme_run_by(association, landlord, name="Conciergerie test", slug="conciergerie-test")


def contracts(programme, count):
    employer = OrganisationFactory(name="Aurore test")
    return [
        WorkContractFactory(
            enrolment=EnrolmentFactory(programme=programme), employer=employer, starts_on=datetime.date(2024, 1, 8)
        )
        for _ in range(count)
    ]


def url(programme, day=MONDAY):
    return f"{reverse('tenants:work_hours_week')}?programme={programme.pk}&week={day.isoformat()}"


def week_data(rows):
    """rows: (contract, hours typed, version of the week's row when loaded, "" if it had none)."""
    data = {"weeks-TOTAL_FORMS": len(rows), "weeks-INITIAL_FORMS": len(rows)}
    for index, (contract, hours, version) in enumerate(rows):
        data.update(
            {f"weeks-{index}-contract": contract.pk, f"weeks-{index}-hours": hours, f"weeks-{index}-version": version}
        )
    return data


@pytest.mark.parametrize("rows", [5, 50])
def test_a_weeks_hours_save_in_a_fixed_number_of_queries(
    client, coordinator, programme, rows, django_assert_max_num_queries
):
    every = contracts(programme, rows)
    client.force_login(coordinator)
    with django_assert_max_num_queries(18):
        response = client.post(
            url(programme, MONDAY + datetime.timedelta(days=3)), week_data([(c, "12,5", "") for c in every])
        )
    assert response.status_code == 302
    assert set(WeeklyHours.objects.values_list("week_start", "hours")) == {(MONDAY, Decimal("12.5"))}
    assert WeeklyHours.objects.count() == rows


def test_over_16_hours_is_saved_and_warned(client, coordinator, programme):
    first, second = contracts(programme, 2)
    client.force_login(coordinator)
    response = client.post(url(programme), week_data([(first, "17", ""), (second, "", "")]), follow=True)
    assert f"17 h la semaine du {MONDAY:%d/%m/%Y} : plus de 16 h." in response.content.decode()
    assert list(WeeklyHours.objects.values_list("contract", "hours")) == [(first.pk, 17)]


def test_a_bad_row_or_a_row_changed_meanwhile_saves_nothing(client, coordinator, programme):
    first, second = contracts(programme, 2)
    client.force_login(coordinator)
    response = client.post(url(programme), week_data([(first, "8", ""), (second, "200", "")]))
    assert response.status_code == 400
    assert f"{second.enrolment.tenant} : entre 0 et 168 heures par semaine." in response.content.decode()
    assert not WeeklyHours.objects.exists()

    colleague = member(R.COORDINATOR, coordinator.memberships.get().organisation, first_name="Karim", last_name="Diop")
    weekly_hours_record(contract=second, actor=colleague, week_start=MONDAY, hours=Decimal(6))  # meanwhile
    response = client.post(url(programme), week_data([(first, "8", ""), (second, "10", "")]))
    assert response.status_code == 400
    saved_at = timezone.localtime(WeeklyHours.objects.get().saved_at)
    assert (
        f"{second.enrolment.tenant} : Karim Diop a enregistré ceci le {saved_at:%d/%m/%Y} à {saved_at:%H:%M}"
        in response.content.decode()
    )
    assert list(WeeklyHours.objects.values_list("contract", "hours")) == [(second.pk, 6)]


def test_two_people_correcting_the_same_week_the_second_is_refused(client, coordinator, programme):
    (contract,) = contracts(programme, 1)
    client.force_login(coordinator)
    assert client.post(url(programme), week_data([(contract, "6", "")])).status_code == 302
    version = WeeklyHours.objects.get().version
    assert f'name="weeks-0-version" value="{version}"' in client.get(url(programme)).content.decode()
    assert client.post(url(programme), week_data([(contract, "7", version)])).status_code == 302
    response = client.post(url(programme), week_data([(contract, "9", version)]))  # from the same, now stale, page
    assert response.status_code == 400 and "a enregistré ceci le" in response.content.decode()
    assert WeeklyHours.objects.get().hours == 7


def test_only_programmes_one_runs_are_offered(client, coordinator, landlord_staff, programme):
    (contract,) = contracts(programme, 1)
    client.force_login(landlord_staff)
    response = client.post(url(programme), week_data([(contract, "8", "")]))
    assert response.status_code == 200  # the programme is not one of theirs: the grid is not shown
    assert not WeeklyHours.objects.exists()
    client.force_login(coordinator)
    assert str(contract.enrolment.tenant) in client.get(url(programme)).content.decode()
