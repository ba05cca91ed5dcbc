"""The committee journey in a real browser: a member declares, scores and votes; the admin
opens the meeting, records the decisions, closes it and downloads the minutes."""

import io

import pytest
from pypdf import PdfReader

from programmes.committee import services
from programmes.committee.models import Decision, Meeting, Vote
from tests.committee.fixtures import declare_none

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_scores_and_votes_then_admin_decides_closes_and_downloads_the_minutes(
    page, log_in, log_out, item, members, programme_admin, landlord_staff, tmp_path
):
    anne, bruno = members[0], members[1]
    heavy, light = item.meeting.call.criteria.order_by("position")
    declare_none(item, bruno)  # a colleague has already voted: with Anne, the quorum of 2 is reached
    services.review_save(actor=bruno, item=item, scores={heavy.pk: 7, light.pk: 3}, vote="for")

    log_in(anne.email)
    panel = page.get_by_test_id("committee-panel")
    panel.get_by_role("link", name="Comité de novembre").click()
    page.get_by_role("link", name="Ateliers couture").click()
    page.get_by_label("Non, je n’ai aucun conflit d’intérêts").check()
    page.get_by_role("button", name="Confirmer ma déclaration").click()
    page.get_by_label("Pertinence (/10, ×2)").select_option("8")
    page.get_by_label("Partenariat (/5, ×1)").select_option("Sans objet")
    page.get_by_label("Commentaire").fill("Partenariat employeur solide.")
    page.get_by_label("Pour", exact=True).check()
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("alert").filter(has_text="Votre vote est enregistré.").is_visible()
    assert page.get_by_test_id("blind").is_visible()  # others' votes stay hidden while the meeting runs
    assert Vote.objects.get(member=anne).choice == "for"
    log_out()

    log_in(programme_admin.email)
    page.goto(item.meeting.get_absolute_url())
    page.get_by_role("button", name="Ouvrir la séance").click()
    assert page.get_by_test_id("meeting-status").inner_text() == "Ouverte"
    page.get_by_role("link", name="Décider").click()
    page.get_by_label("Non retenu").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert page.get_by_text("Indiquez pourquoi ce dossier n’est pas retenu.").first.is_visible()
    page.get_by_label("Lauréat").check()
    page.get_by_label("Montant accordé (€)").fill("30000")
    page.get_by_label("Motif").fill("Projet solide, employeur engagé.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert "Lauréat" in page.get_by_test_id("results").inner_text()
    page.get_by_role("button", name="Clore la séance et informer les porteurs").click()
    assert page.get_by_test_id("meeting-status").inner_text() == "Close"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le procès-verbal (PDF)").click()
    path = tmp_path / "pv.pdf"
    download_info.value.save_as(path)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())
    assert "Ateliers couture" in text and "Lauréat" in text and "30 000 €" in text
    assert "Projet solide, employeur engagé." in text
    assert Meeting.objects.get().status == Meeting.Status.CLOSED
    assert Decision.objects.get().outcome == Decision.Outcome.LAUREATE
    assert landlord_staff.notifications.filter(message__contains="Lauréat").exists()
