"""Decisions, closing the meeting, the minutes and the export of scores and votes."""

import csv
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from partners.models import Notification
from programmes.committee import services
from programmes.committee.models import ConflictDeclaration, Decision, Meeting
from tests.committee.fixtures import SubmittedApplicationFactory, declare_none, put_on_agenda
from tests.factories import member


def vote_all(item, members, choice="for", marks=(8, 4)):
    heavy, light = item.meeting.call.criteria.order_by("position")
    for user in members:
        declare_none(item, user)
        services.review_save(actor=user, item=item, scores={heavy.pk: marks[0], light.pk: marks[1]}, vote=choice)


@pytest.fixture
def open_meeting(item, members, programme_admin):
    vote_all(item, members)
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    return item.meeting


def test_rejecting_without_a_reason_is_refused_with_a_clear_message(client, open_meeting, item, programme_admin):
    client.force_login(programme_admin)
    response = client.post(reverse("committee:item_decide", args=[item.pk]), {"outcome": "rejected", "reason": " "})
    assert response.status_code == 200
    form = response.context["decision_form"]
    assert form.errors["reason"] == ["Indiquez pourquoi ce dossier n’est pas retenu."]
    assert "Indiquez pourquoi ce dossier n’est pas retenu." in response.content.decode()
    assert not Decision.objects.exists()


def test_the_service_refuses_a_rejection_without_reason_too(open_meeting, item, programme_admin):
    with pytest.raises(ValidationError):
        services.decision_record(actor=programme_admin, item=item, outcome=Decision.Outcome.REJECTED, reason="")


def test_a_laureate_gets_an_amount_and_a_deferral_none(client, open_meeting, item, programme_admin):
    client.force_login(programme_admin)
    url = reverse("committee:item_decide", args=[item.pk])
    client.post(url, {"outcome": "laureate", "amount_granted": "45000", "reason": "Projet exemplaire"})
    assert Decision.objects.get().amount_granted == Decimal("45000")
    client.post(url, {"outcome": "deferred", "amount_granted": "45000", "reason": "Budget à préciser", "version": 0})
    decision = Decision.objects.get()
    assert (decision.outcome, decision.amount_granted) == (Decision.Outcome.DEFERRED, None)


def test_without_quorum_an_application_can_only_be_deferred(item, members, programme_admin):
    vote_all(item, members[:1])
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    with pytest.raises(ValidationError, match="quorum"):
        services.decision_record(actor=programme_admin, item=item, outcome="laureate", amount_granted=Decimal(1))
    services.decision_record(actor=programme_admin, item=item, outcome="deferred", reason="Quorum non atteint")
    assert Decision.objects.get().outcome == Decision.Outcome.DEFERRED


def test_closing_needs_a_decision_on_every_application(open_meeting, programme_admin):
    with pytest.raises(ValidationError, match="Ateliers couture"):
        services.meeting_close(actor=programme_admin, meeting=open_meeting)
    open_meeting.refresh_from_db()
    assert open_meeting.status == Meeting.Status.OPEN


def test_closing_tells_every_applicant_at_once_and_freezes_the_votes(
    client,
    open_meeting,
    item,
    members,
    programme_admin,
    landlord_staff,
    coordinator,
    other_landlord_staff,
    django_capture_on_commit_callbacks,
):
    services.decision_record(actor=programme_admin, item=item, outcome="laureate", amount_granted=Decimal(30000))
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_close(actor=programme_admin, meeting=open_meeting)
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    assert told == {landlord_staff.email, coordinator.email}
    assert len(mail.outbox) == 1 and set(mail.outbox[0].to) == told
    client.force_login(members[0])
    heavy, light = item.meeting.call.criteria.order_by("position")
    response = client.post(
        reverse("committee:item_review", args=[item.pk]),
        {f"criterion_{heavy.pk}": "1", f"criterion_{light.pk}": "1", "vote": "against"},
    )
    assert response.status_code == 403
    assert item.votes.get(member=members[0]).choice == "for"
    with pytest.raises(PermissionDenied):
        services.review_save(actor=members[0], item=item, scores={}, vote="against")


def test_applicants_see_their_decision_after_closing_but_never_members_scores(
    client, open_meeting, item, members, programme_admin, landlord_staff
):
    services.decision_record(
        actor=programme_admin, item=item, outcome="laureate", amount_granted=Decimal(30000), reason="Partenariat solide"
    )
    client.force_login(landlord_staff)
    page = client.get(item.application.get_absolute_url()).content.decode()
    assert "Partenariat solide" not in page  # not before the meeting closes
    services.meeting_close(actor=programme_admin, meeting=open_meeting)
    page = client.get(item.application.get_absolute_url()).content.decode()
    assert "Partenariat solide" in page and "Lauréat" in page
    for user in members:
        assert user.first_name not in page
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(open_meeting.get_absolute_url()).status_code == 404


def test_the_minutes_pdf_holds_the_decisions_and_the_recusals(
    client, call, open_meeting, item, members, association, programme_admin, django_capture_on_commit_callbacks
):
    recused = member("committee_member", association, first_name="Claire", last_name="Partenaire")
    services.meeting_save(
        actor=programme_admin, meeting=open_meeting, members=[*members, recused], version=open_meeting.version
    )
    refused = SubmittedApplicationFactory(call=call, title="Jardins solidaires")
    refused_item = put_on_agenda(open_meeting, refused)
    vote_all(refused_item, members, choice="against", marks=(3, 1))
    services.decision_record(
        actor=programme_admin, item=item, outcome="laureate", amount_granted=Decimal(30000), reason="Partenariat solide"
    )
    services.decision_record(
        actor=programme_admin, item=refused_item, outcome="rejected", reason="Aucun employeur identifié"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_close(actor=programme_admin, meeting=open_meeting)  # queues the minutes task
    open_meeting.refresh_from_db()
    assert open_meeting.minutes.name.endswith(".pdf")
    client.force_login(programme_admin)
    response = client.get(reverse("committee:meeting_minutes", args=[open_meeting.pk]))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)
    text = " ".join(text.split())
    assert "Ateliers couture" in text and "Lauréat" in text and "30 000 €" in text
    assert "Jardins solidaires" in text and "Non retenu" in text and "Aucun employeur identifié" in text
    assert "Claire Partenaire" in text and "Récusé" in text
    assert ConflictDeclaration.objects.get(member=recused, item=item).kind == ConflictDeclaration.Kind.AUTOMATIC


def test_members_download_the_minutes_once_closed_and_outsiders_do_not(
    client, open_meeting, item, members, programme_admin, landlord_staff, django_capture_on_commit_callbacks
):
    client.force_login(members[0])
    assert client.get(reverse("committee:meeting_minutes", args=[open_meeting.pk])).status_code == 404
    services.decision_record(actor=programme_admin, item=item, outcome="deferred")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_close(actor=programme_admin, meeting=open_meeting)  # queues the minutes task
    response = client.get(reverse("committee:meeting_minutes", args=[open_meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(landlord_staff)
    assert client.get(reverse("committee:meeting_minutes", args=[open_meeting.pk])).status_code == 404


def test_approving_the_minutes_records_who_and_when(client, open_meeting, item, programme_admin):
    services.decision_record(actor=programme_admin, item=item, outcome="deferred")
    services.meeting_close(actor=programme_admin, meeting=open_meeting)
    client.force_login(programme_admin)
    client.post(reverse("committee:meeting_transition", args=[open_meeting.pk, "approve"]))
    open_meeting.refresh_from_db()
    assert open_meeting.status == Meeting.Status.MINUTES_APPROVED
    steps = list(open_meeting.transitions.values_list("to_status", "by"))
    assert steps == [
        ("open", programme_admin.pk),
        ("closed", programme_admin.pk),
        ("minutes_approved", programme_admin.pk),
    ]
    page = client.get(open_meeting.get_absolute_url()).content.decode()
    assert "Procès-verbal approuvé" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_admin_exports_every_score_and_vote(client, open_meeting, item, members, programme_admin, fmt):
    client.force_login(programme_admin)
    response = client.get(reverse("committee:meeting_export", args=[open_meeting.pk, fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    else:
        rows = [
            [("" if v is None else str(v)) for v in row]
            for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
        ]
    assert rows[0][:4] == ["Dossier", "Membre", "Structure", "Déclaration"]
    assert len(rows) == 1 + len(members)
    assert {row[1] for row in rows[1:]} == {str(user) for user in members}
    assert all(row[4:8] == ["8", "4", "Pour", ""] for row in rows[1:])


def test_a_decision_amended_from_a_stale_page_is_refused(client, open_meeting, item, programme_admin):
    client.force_login(programme_admin)
    url = reverse("committee:item_decide", args=[item.pk])
    client.post(url, {"outcome": "deferred", "reason": "Budget à préciser", "version": ""})  # no decision yet
    client.post(url, {"outcome": "laureate", "amount_granted": "30000", "version": "0"})
    response = client.post(url, {"outcome": "rejected", "reason": "Hors périmètre", "version": "0"})
    assert f"{programme_admin} a enregistré ceci le" in response.content.decode()
    assert Decision.objects.get().outcome == Decision.Outcome.LAUREATE


def test_two_admins_recording_the_first_decision_the_second_is_refused(client, open_meeting, item, programme_admin):
    client.force_login(programme_admin)
    url = reverse("committee:item_decide", args=[item.pk])
    client.post(url, {"outcome": "deferred", "reason": "Budget à préciser", "version": ""})
    response = client.post(url, {"outcome": "rejected", "reason": "Hors périmètre", "version": ""})  # same page
    assert "a enregistré ceci le" in response.content.decode()
    assert Decision.objects.get().outcome == Decision.Outcome.DEFERRED


def test_a_meeting_saved_from_a_stale_page_is_refused(client, meeting, members, programme_admin):
    client.force_login(programme_admin)
    url = reverse("committee:meeting_edit", args=[meeting.pk])
    data = {
        "title": "Comité de décembre",
        "starts_at": "2099-12-01T09:30",
        "place": "Lille",
        "quorum": "2",
        "members": [user.pk for user in members],
        "version": "0",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Comité de janvier"})
    assert f"{programme_admin} a enregistré ceci le" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Comité de décembre"


def test_only_programme_admins_manage_calls_meetings_and_decisions(
    client, item, members, landlord_staff, coordinator, funder
):
    for user in (members[0], landlord_staff, coordinator, funder):
        client.force_login(user)
        assert client.get(reverse("committee:call_create")).status_code == 403
        assert client.get(reverse("committee:call_edit", args=[item.meeting.call.pk])).status_code == 403
        assert client.get(reverse("committee:meeting_create")).status_code == 403
    client.force_login(members[0])
    response = client.post(reverse("committee:item_decide", args=[item.pk]), {"outcome": "laureate"})
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_the_amounts_granted_stay_within_the_calls_envelope(client, open_meeting, item, call, programme_admin):
    call.budget_envelope = Decimal("50000")
    call.save()
    client.force_login(programme_admin)
    response = client.post(
        reverse("committee:item_decide", args=[item.pk]),
        {"outcome": "laureate", "amount_granted": "60000", "version": ""},
    )
    page = response.content.decode().replace("\xa0", " ").replace("\u202f", " ")
    assert "au plus 50 000 € restent" in page
    assert not Decision.objects.exists()
    services.decision_record(actor=programme_admin, item=item, outcome="laureate", amount_granted=Decimal(50000))
    assert Decision.objects.get().amount_granted == 50000


def test_audition_slots_of_a_meeting_do_not_overlap(meeting, call, application, programme_admin):
    import datetime

    services.agenda_item_add(
        actor=programme_admin,
        meeting=meeting,
        application=application,
        audition_start=datetime.time(9, 30),
        audition_end=datetime.time(10, 0),
    )
    other = SubmittedApplicationFactory(call=call, title="Jardins solidaires")
    with pytest.raises(ValidationError, match="chevauche"):
        services.agenda_item_add(
            actor=programme_admin,
            meeting=meeting,
            application=other,
            audition_start=datetime.time(9, 45),
            audition_end=datetime.time(10, 15),
        )
    services.agenda_item_add(
        actor=programme_admin,
        meeting=meeting,
        application=other,
        audition_start=datetime.time(10, 0),
        audition_end=datetime.time(10, 30),
    )
    assert meeting.items.count() == 2


@pytest.mark.parametrize(
    ("status", "applicant_sees_it"),
    [(Meeting.Status.OPEN, False), (Meeting.Status.CLOSED, True)],
)
def test_the_applicant_reads_a_decision_once_the_meeting_has_ended_the_admin_at_once(
    client, item, landlord_staff, programme_admin, status, applicant_sees_it
):
    Decision.objects.create(item=item, outcome=Decision.Outcome.DEFERRED, decided_by=programme_admin)
    Meeting.objects.filter(pk=item.meeting_id).update(
        status=status, closed_at=item.meeting.starts_at if status == Meeting.Status.CLOSED else None
    )
    client.force_login(landlord_staff)
    assert len(client.get(item.application.get_absolute_url()).context["decisions"]) == int(applicant_sees_it)
    client.force_login(programme_admin)
    assert len(client.get(item.application.get_absolute_url()).context["decisions"]) == 1
