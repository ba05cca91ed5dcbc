"""A coordinator records a participant's exit, then the follow-up six months later."""

import datetime

import pytest

from outcomes.models import Exit, FollowUp
from tests.factories import PASSWORD, EnrolmentFactory, TenantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_records_an_exit_and_its_follow_up(page, log_in, coordinator, programme):
    tenant = TenantFactory(last_name="Benali", first_name="Samira", landlord=programme.landlord_links.get().landlord)
    EnrolmentFactory(tenant=tenant, programme=programme, entered_on=datetime.date(2025, 1, 6))
    log_in(coordinator.email, PASSWORD)
    page.get_by_role("link", name="Sorties").first.click()
    page.get_by_label("Nom").fill("Benali")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Enregistrer la sortie").click()
    page.get_by_label("Date de sortie").fill("2024-12-01")
    page.get_by_label("Situation à la sortie").select_option(label="CDD ou intérim de 6 mois ou plus")
    page.get_by_role("button", name="Enregistrer").click()
    assert "ne peut pas précéder la date d'entrée (06/01/2025)" in page.content().replace("&#x27;", "'")
    assert "Indiquez la durée du contrat" in page.content()
    page.get_by_label("Date de sortie").fill("2025-06-30")
    page.get_by_label("Durée du contrat (mois)").fill("8")
    page.get_by_role("button", name="Enregistrer").click()
    assert "Sortie enregistrée." in page.content()
    page.get_by_role("link", name="Enregistrer le suivi").click()
    page.get_by_label("Date du suivi").fill("2026-01-05")
    page.get_by_label("Résultat").select_option(label="En emploi")
    page.get_by_label("Oui").check()
    page.get_by_role("button", name="Enregistrer").click()
    assert "Suivi enregistré." in page.content()
    exit = Exit.objects.get(enrolment__tenant=tenant)
    assert (exit.situation, exit.contract_months) == (Exit.Situation.CDD_LONG, 8)
    follow_up = FollowUp.objects.get(exit=exit)
    assert (follow_up.result, follow_up.improved) == (FollowUp.Result.EMPLOYED, True)
