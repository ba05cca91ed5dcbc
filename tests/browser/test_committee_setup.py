"""From a call to a meeting's agenda in a real browser: the admin opens a call with its grid,
a landlord writes and submits an application with an attachment, the admin plans the meeting."""

import pytest

from programmes.committee.models import Application, Call, Meeting
from tests.factories import NeighbourhoodFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_opens_a_call_landlord_applies_admin_puts_it_on_the_agenda(
    page, log_in, log_out, programme_admin, landlord_staff, funder, members, tmp_path
):
    NeighbourhoodFactory(name="La Chaussée", city="Montargis")
    dreets = funder.memberships.get().organisation

    log_in(programme_admin.email)
    page.goto("/programmes/calls/")
    page.get_by_role("link", name="Nouvel appel à projets").click()
    page.get_by_label("Intitulé").fill("Emploi des locataires 2027")
    page.get_by_label(dreets.name).check()
    page.get_by_label("Ouverture le").fill("2026-01-01")
    page.get_by_label("Date limite de dépôt").fill("2099-03-31T23:59")
    page.get_by_label("Enveloppe budgétaire (€)").fill("250000")
    page.locator('[name="criteria-0-name"]').fill("Pertinence pour les locataires")
    page.locator('[name="criteria-0-max_score"]').fill("10")
    page.locator('[name="criteria-0-weight"]').fill("2")
    page.locator('[name="criteria-1-name"]').fill("Partenariat")
    page.locator('[name="criteria-1-max_score"]').fill("5")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("heading", name="Emploi des locataires 2027").is_visible()
    assert Call.objects.get().criteria.count() == 2
    log_out()

    log_in(landlord_staff.email)
    page.get_by_test_id("applicant-panel").get_by_role("link", name="Appels à projets").click()
    page.get_by_role("link", name="Emploi des locataires 2027").click()
    page.get_by_role("link", name="Déposer un dossier").click()
    page.get_by_label("Titre").fill("Rallye de l'emploi de La Chaussée")
    page.get_by_role("button", name="Créer le brouillon").click()
    page.get_by_label("Résumé").fill("Un rallye de l'emploi au pied des immeubles.")
    page.get_by_label("Objectifs").fill("30 locataires rencontrent 15 employeurs.")
    page.get_by_label("Actions").fill("Porte-à-porte, rallye, suivi à trois mois.")
    page.get_by_label("Durée (mois)").fill("12")
    page.get_by_label("Objectif de participants").fill("30")
    page.get_by_label("Budget total (€)").fill("42000")
    page.get_by_label("Quartiers").select_option(label="La Chaussée (Montargis)")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    assert page.get_by_role("alert").filter(has_text="Dossier enregistré.").is_visible()
    budget = tmp_path / "budget.pdf"
    budget.write_bytes(b"%PDF-1.4\n% budget previsionnel\n")
    page.get_by_label("Pièce jointe").set_input_files(budget)
    page.get_by_role("button", name="Téléverser").click()
    assert page.get_by_role("link", name="budget.pdf").is_visible()
    page.get_by_role("link", name="Retour au dossier").click()
    page.get_by_role("button", name="Déposer").click()
    assert page.get_by_test_id("application-status").inner_text() == "Déposé"
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED and application.attachments.count() == 1
    log_out()

    log_in(programme_admin.email)
    page.goto(application.call.get_absolute_url())
    page.get_by_role("link", name="Nouvelle séance").click()
    page.get_by_label("Intitulé").fill("Comité de printemps")
    page.get_by_label("Date et heure").fill("2099-04-15T09:30")
    page.get_by_label("Quorum").fill("2")
    for user in members:
        page.get_by_label(str(user)).check()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_label("Dossier").select_option(label=str(application))
    page.get_by_label("Audition de").fill("09:30")
    page.get_by_label("Audition jusqu’à").fill("10:00")
    page.get_by_role("button", name="Inscrire à l’ordre du jour").click()
    assert "Rallye de l'emploi de La Chaussée" in page.get_by_test_id("results").inner_text()
    meeting = Meeting.objects.get()
    assert meeting.members.count() == 3 and meeting.items.get().application == application
