"""A coordinator follows a participant: barriers at entry and later, Premières Heures hours."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.factories import (
    EnrolmentFactory,
    OrganisationFactory,
    TenantFactory,
    WorkContractFactory,
    barrier_assessment,
    programme_run_by,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enrolment(association, landlord):
    programme = programme_run_by(association, landlord, name="Conciergerie solidaire", slug="conciergerie")
    return EnrolmentFactory(
        programme=programme,
        entered_on=datetime.date.today() - datetime.timedelta(days=60),
        tenant=TenantFactory(landlord=landlord, first_name="Moussa", last_name="Camara"),
    )


def test_coordinator_assesses_barriers_again_and_sees_the_distance_travelled(page, log_in, coordinator, enrolment):
    barrier_assessment(enrolment, "entry", enrolment.entered_on, mobility=4, housing=3)
    log_in(coordinator.email)
    page.goto(enrolment.get_absolute_url())
    page.get_by_role("link", name="Évaluer les freins").click()
    expect(page.get_by_label("Mobilité")).to_have_value("4")  # starts from the latest levels
    page.get_by_label("Mobilité").select_option(label="1 — léger")
    page.get_by_label("Logement").select_option(label="2 — modéré")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert").filter(has_text="Évaluation des freins enregistrée.")).to_be_visible()
    expect(page.get_by_test_id("distance-travelled")).to_have_text("+4")
    expect(page.get_by_test_id("barrier-table")).to_contain_text("Mobilité")


def test_coordinator_enters_a_weeks_hours_and_is_warned_over_16(page, log_in, coordinator, enrolment):
    monday = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
    WorkContractFactory(
        enrolment=enrolment, employer=OrganisationFactory(name="Aurore"), starts_on=monday - datetime.timedelta(weeks=4)
    )
    log_in(coordinator.email)
    page.get_by_role("link", name="Participants").first.click()
    page.get_by_role("link", name="Heures Premières Heures").click()
    page.get_by_role("link", name="Saisir les heures d'une semaine").click()
    page.get_by_label("Moussa Camara").fill("17,5")
    page.get_by_role("button", name="Enregistrer les heures de la semaine").click()
    expect(page.get_by_role("alert").filter(has_text="Heures de la semaine enregistrées.")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="plus de 16 h")).to_be_visible()
    expect(page.get_by_label("Moussa Camara")).to_have_value("17,50")
