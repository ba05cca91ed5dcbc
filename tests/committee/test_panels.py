"""Dashboard panels: applicants find open calls and their applications, the admin the meetings to run."""

from django.urls import reverse
from django.utils.html import escape

from programmes.committee import services
from tests.committee.fixtures import ApplicationFactory


def test_landlord_staff_see_their_own_applications(client, call, application, landlord_staff, other_landlord):
    ApplicationFactory(call=call, lead_landlord=other_landlord, title="Dossier d'un autre bailleur")
    client.force_login(landlord_staff)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Ateliers couture" in page
    assert escape("Dossier d'un autre bailleur") not in page


def test_the_admin_sees_the_meetings_under_way_with_their_decisions(client, item, programme_admin, members):
    client.force_login(programme_admin)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Comité de novembre" in page and "0 sur 1 décidés" in page
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    services.decision_record(actor=programme_admin, item=item, outcome="deferred")
    assert "1 sur 1 décidés" in client.get(reverse("dashboard")).content.decode()


def test_a_coordinator_sees_the_decision_in_the_panel_only_once_the_meeting_is_closed(
    client, item, programme_admin, coordinator
):
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    services.decision_record(actor=programme_admin, item=item, outcome="deferred")
    client.force_login(coordinator)
    assert "Ajourné" not in client.get(reverse("dashboard")).content.decode()
    services.meeting_close(actor=programme_admin, meeting=item.meeting)
    assert "Ajourné pour complément d’information" in client.get(reverse("dashboard")).content.decode()
