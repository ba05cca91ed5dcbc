"""Every state change of an application, a meeting, a vote and a decision shows on its page: who, when, what."""

from auditlog.context import set_actor
from django.urls import reverse

from programmes.committee import services
from tests.committee.fixtures import declare_none


def history_of(response):
    page = response.content.decode()
    return page[page.index('data-testid="history"') :]


def test_a_changed_vote_shows_who_changed_it_from_what_to_what(client, item, members):
    anne = members[0]
    heavy, light = item.meeting.call.criteria.order_by("position")
    declare_none(item, anne)
    with set_actor(anne):
        services.review_save(actor=anne, item=item, scores={heavy.pk: 6, light.pk: 3}, vote="for")
        services.review_save(actor=anne, item=item, scores={heavy.pk: 6, light.pk: 3}, vote="against")
    client.force_login(anne)
    history = history_of(client.get(item.get_absolute_url()))
    assert "Anne Comité" in history and "Pour → Contre" in history


def test_the_admin_sees_the_trail_of_decisions_and_meeting_steps(client, item, members, programme_admin):
    heavy, light = item.meeting.call.criteria.order_by("position")
    for user in members:
        declare_none(item, user)
        services.review_save(actor=user, item=item, scores={heavy.pk: 6, light.pk: 3}, vote="for")
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    with set_actor(programme_admin):
        services.decision_record(actor=programme_admin, item=item, outcome="deferred", reason="Budget flou")
        services.decision_record(actor=programme_admin, item=item, outcome="laureate", amount_granted=1000, version=0)
    client.force_login(programme_admin)
    history = history_of(client.get(item.get_absolute_url()))
    assert "Ajourné pour complément d’information → Lauréat" in history
    meeting_history = history_of(client.get(item.meeting.get_absolute_url()))
    assert "Prévue → <strong>Ouverte</strong>" in meeting_history


def test_applicants_see_who_edited_their_draft(client, application, landlord_staff, coordinator):
    with set_actor(coordinator):
        application.summary = "Nouveau résumé"
        application.save()
    client.force_login(landlord_staff)
    history = history_of(client.get(reverse("committee:application_detail", args=[application.pk])))
    assert str(coordinator) in history and "Nouveau résumé" in history
