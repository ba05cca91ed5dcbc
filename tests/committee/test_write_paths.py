"""Removing an attachment, taking an application off the agenda, and the recusal that voids a
member's review: who may, who may not, and what is left afterwards."""

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import ERROR, get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.committee import services
from programmes.committee.models import (
    AgendaItem,
    ApplicationPartner,
    Attachment,
    ConflictDeclaration,
    Meeting,
    Score,
    Vote,
)
from programmes.models import ProgrammePartner
from tests.committee.fixtures import ApplicationFactory, declare_none


@pytest.fixture
def draft_with_attachment(client, call, landlord, landlord_staff):
    draft = ApplicationFactory(call=call, lead_landlord=landlord, title="Couture solidaire")
    client.force_login(landlord_staff)
    client.post(
        reverse("committee:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("budget.pdf", b"%PDF-1.7 budget")},
    )
    client.logout()
    return Attachment.objects.get(application=draft)


def test_the_applicant_removes_an_attachment_of_their_draft_and_its_file_goes(
    client, draft_with_attachment, landlord_staff, django_capture_on_commit_callbacks
):
    attachment = draft_with_attachment
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    client.force_login(landlord_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("committee:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert response.url == reverse("committee:application_edit", args=[attachment.application_id])
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_an_attachment_cannot_be_removed_by_another_landlord_nor_by_a_get(
    client, draft_with_attachment, landlord_staff, other_landlord_staff
):
    url = reverse("committee:attachment_delete", args=[draft_with_attachment.pk])
    client.force_login(other_landlord_staff)
    assert client.post(url).status_code == 404
    client.force_login(landlord_staff)
    assert client.get(url).status_code == 405
    assert Attachment.objects.filter(pk=draft_with_attachment.pk).exists()


def test_an_attachment_of_a_submitted_application_stays(client, draft_with_attachment, landlord_staff):
    client.force_login(landlord_staff)
    client.post(reverse("committee:application_submit", args=[draft_with_attachment.application_id]))
    response = client.post(reverse("committee:attachment_delete", args=[draft_with_attachment.pk]))
    assert response.status_code == 403
    assert draft_with_attachment.file.storage.exists(draft_with_attachment.file.name)
    assert Attachment.objects.filter(pk=draft_with_attachment.pk).exists()


def test_the_admin_takes_an_application_nobody_reviewed_off_the_agenda(client, item, programme_admin):
    client.force_login(programme_admin)
    response = client.post(reverse("committee:agenda_remove", args=[item.pk]))
    assert response.status_code == 302 and response.url == item.meeting.get_absolute_url()
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    # Off the agenda, the application may be revised or withdrawn again.
    assert item.application.agenda_items.count() == 0


def test_a_member_cannot_take_an_application_off_the_agenda(client, item, members):
    client.force_login(members[0])
    assert client.post(reverse("committee:agenda_remove", args=[item.pk])).status_code == 403
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_an_application_already_reviewed_stays_on_the_agenda(client, item, members, programme_admin):
    declare_none(item, members[0])
    Vote.objects.create(item=item, member=members[0], choice=Vote.Choice.FOR)
    client.force_login(programme_admin)
    response = client.post(reverse("committee:agenda_remove", args=[item.pk]))
    assert response.status_code == 302
    assert [m.level for m in get_messages(response.wsgi_request)] == [ERROR]
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_nothing_leaves_the_agenda_of_a_closed_meeting(client, item, programme_admin):
    Meeting.objects.filter(pk=item.meeting_id).update(status=Meeting.Status.CLOSED, closed_at=item.meeting.starts_at)
    client.force_login(programme_admin)
    client.post(reverse("committee:agenda_remove", args=[item.pk]))
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def review(item, user, vote=Vote.Choice.FOR):
    criteria = item.meeting.call.criteria.all()
    services.review_save(actor=user, item=item, scores={c.pk: 3 for c in criteria}, vote=vote)


def test_a_member_whose_organisation_joins_an_application_loses_the_review_they_gave_it(item, members, programme_admin):
    """They declared no conflict and voted; then their organisation becomes a partner of the
    application: the next refresh recuses them and their scores and vote no longer count."""
    joining, other = members[0], members[1]
    declare_none(item, joining, other)
    review(item, joining)
    review(item, other, vote=Vote.Choice.AGAINST)
    joining_vote = Vote.objects.get(item=item, member=joining)
    ApplicationPartner.objects.create(
        application=item.application,
        organisation=joining.memberships.get().organisation,
        role=ProgrammePartner.Role.TRAINER,
    )
    services.meeting_save(actor=programme_admin, meeting=item.meeting, members=members, version=item.meeting.version)

    declaration = ConflictDeclaration.objects.get(item=item, member=joining)
    assert declaration.kind == ConflictDeclaration.Kind.AUTOMATIC
    assert not Score.objects.filter(item=item, member=joining).exists()
    assert not Vote.objects.filter(item=item, member=joining).exists()
    # The member with no link keeps their review.
    assert ConflictDeclaration.objects.get(item=item, member=other).kind == ConflictDeclaration.Kind.NONE
    assert Vote.objects.get(item=item, member=other).choice == Vote.Choice.AGAINST
    assert Score.objects.filter(item=item, member=other).count() == item.meeting.call.criteria.count()
    # The voided vote and the overruled declaration stay in the audit trail, with who caused it.
    assert LogEntry.objects.get_for_object(declaration).filter(actor=programme_admin).exists()
    voided = LogEntry.objects.filter(content_type__model="vote", action=LogEntry.Action.DELETE)
    assert voided.count() == 1 and voided.get().object_repr == str(joining_vote)


def test_a_member_cannot_save_the_meeting_to_void_a_review(item, members):
    declare_none(item, members[0])
    review(item, members[0])
    ApplicationPartner.objects.create(
        application=item.application,
        organisation=members[0].memberships.get().organisation,
        role=ProgrammePartner.Role.TRAINER,
    )
    with pytest.raises(PermissionDenied):
        services.meeting_save(actor=members[0], meeting=item.meeting, members=members)
    assert Vote.objects.filter(item=item, member=members[0]).exists()
    assert ConflictDeclaration.objects.get(item=item, member=members[0]).kind == ConflictDeclaration.Kind.NONE
