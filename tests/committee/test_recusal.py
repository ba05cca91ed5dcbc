"""No one judges an application their own organisation takes part in."""

import pytest
from django.urls import reverse

from partners.models import Membership
from programmes.committee import selectors, services
from programmes.committee.models import ConflictDeclaration, Score, Vote
from tests.committee.fixtures import SubmittedApplicationFactory, declare_none
from tests.factories import member

R = Membership.Role


def review_post(item, vote="for"):
    criteria = list(item.meeting.call.criteria.all())
    data = {f"criterion_{c.pk}": "3" for c in criteria}
    data.update({"vote": vote, "comment": "Projet solide."})
    return reverse("committee:item_review", args=[item.pk]), data


def test_member_of_a_partner_organisation_is_recused_automatically_when_declaring(client, item, partner_member):
    client.force_login(partner_member)
    response = client.post(reverse("committee:item_declare", args=[item.pk]), {"has_conflict": "no"})
    assert response.status_code == 302
    declaration = ConflictDeclaration.objects.get(item=item, member=partner_member)
    assert declaration.kind == ConflictDeclaration.Kind.AUTOMATIC


def test_putting_an_application_on_the_agenda_records_the_recusal_of_linked_members(
    programme_admin, meeting, call, landlord, members
):
    staff_on_committee = member(R.COMMITTEE_MEMBER, landlord, email="marc@habitat-loiret.fr")
    services.meeting_save(
        actor=programme_admin, meeting=meeting, members=[*members, staff_on_committee], version=meeting.version
    )
    application = SubmittedApplicationFactory(call=call, lead_landlord=landlord)
    item = services.agenda_item_add(actor=programme_admin, meeting=meeting, application=application)
    recused = selectors.meeting_results(meeting)[0].recused
    assert [d.member for d in recused] == [staff_on_committee]
    assert recused[0].kind == ConflictDeclaration.Kind.AUTOMATIC
    assert selectors.is_recused(staff_on_committee, item)
    assert not selectors.is_recused(members[0], item)


def test_a_recused_member_cannot_score_or_vote(client, item, partner_member):
    ConflictDeclaration.objects.create(item=item, member=partner_member, kind=ConflictDeclaration.Kind.AUTOMATIC)
    client.force_login(partner_member)
    url, data = review_post(item)
    assert client.post(url, data).status_code == 403
    assert not Score.objects.filter(member=partner_member).exists()
    assert not Vote.objects.filter(member=partner_member).exists()


def test_a_member_whose_organisation_applies_is_refused_even_after_declaring_no_conflict(client, item, partner_member):
    """The organisation link wins over a wrong declaration (made before the link existed)."""
    declare_none(item, partner_member)
    client.force_login(partner_member)
    url, data = review_post(item)
    assert client.post(url, data).status_code == 403


def test_a_member_who_declares_a_conflict_is_recused_and_sees_no_score(client, item, members):
    voter, declarer = members[0], members[1]
    declare_none(item, voter)
    services.review_save(actor=voter, item=item, scores={c.pk: 4 for c in item.meeting.call.criteria.all()}, vote="for")
    client.force_login(declarer)
    client.post(reverse("committee:item_declare", args=[item.pk]), {"has_conflict": "yes", "comment": "Ex-salarié"})
    assert ConflictDeclaration.objects.get(member=declarer).kind == ConflictDeclaration.Kind.DECLARED
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="recused"' in page.content.decode()
    assert 'data-testid="reviews"' not in page.content.decode()
    url, data = review_post(item)
    assert client.post(url, data).status_code == 403


def test_a_member_must_declare_before_scoring(client, item, members):
    client.force_login(members[0])
    page = client.get(item.get_absolute_url()).content.decode()
    assert reverse("committee:item_declare", args=[item.pk]) in page
    assert item.application.summary not in page  # the application stays closed until the declaration
    url, data = review_post(item)
    assert client.post(url, data).status_code == 403


@pytest.mark.parametrize("has_conflict", ["yes", "no"])
def test_a_declaration_is_made_once(client, item, members, has_conflict):
    client.force_login(members[0])
    url = reverse("committee:item_declare", args=[item.pk])
    client.post(url, {"has_conflict": has_conflict})
    client.post(url, {"has_conflict": "no" if has_conflict == "yes" else "yes"})
    assert ConflictDeclaration.objects.get(member=members[0]).kind == (
        ConflictDeclaration.Kind.DECLARED if has_conflict == "yes" else ConflictDeclaration.Kind.NONE
    )


def test_a_recused_member_cannot_read_the_application_but_a_sitting_member_can(client, item, partner_member, members):
    url = reverse("committee:application_detail", args=[item.application.pk])
    client.force_login(partner_member)
    assert client.get(url).status_code == 404
    assert item.application.title not in client.get(reverse("committee:application_list")).content.decode()
    client.force_login(members[0])
    assert client.get(url).status_code == 200


def test_a_member_who_declares_a_conflict_no_longer_reads_the_application(client, item, members):
    ConflictDeclaration.objects.create(item=item, member=members[1], kind=ConflictDeclaration.Kind.DECLARED)
    client.force_login(members[1])
    assert client.get(reverse("committee:application_detail", args=[item.application.pk])).status_code == 404
