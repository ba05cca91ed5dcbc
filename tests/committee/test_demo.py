"""The demo holds the 24 November 2022 selection committee and an open call to score."""

import datetime

from django.utils import timezone

from programmes.committee import selectors
from programmes.committee.models import Meeting, Vote


def test_the_demo_holds_the_2022_committee_with_three_laureates(demo):
    meeting = Meeting.objects.get(starts_at__date=datetime.date(2022, 11, 24))
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    results = selectors.meeting_results(meeting)
    assert len(results) == 4 and all(r.quorum_reached for r in results)
    laureates = {r.item.application.programme.slug for r in results if r.decision.outcome == "laureate"}
    assert laureates == {"atelier-de-quartier", "mille-aiguilles", "en-route-vers-emploi"}
    rejected = [r for r in results if r.decision.outcome == "rejected"]
    assert len(rejected) == 1 and rejected[0].decision.reason
    recused = {(d.member.email, r.item.application.programme_id is None) for r in results for d in r.recused}
    assert recused == {("comite.3f@passerelles.demo", False), ("comite.travail@passerelles.demo", True)}


def test_the_demo_s_approved_meeting_has_its_minutes(demo):
    """Built as approving them builds them: the demo's download button gives the PDF."""
    meeting = Meeting.objects.get(status=Meeting.Status.MINUTES_APPROVED)
    assert meeting.minutes.name.endswith(".pdf") and meeting.minutes_built_at


def test_the_demo_gives_a_committee_member_an_open_call_to_score(demo):
    meeting = Meeting.objects.get(status=Meeting.Status.PLANNED)
    assert meeting.call.is_open and meeting.starts_at > timezone.now()
    member = meeting.members.get(email="comite@passerelles.demo")
    assert [m.pk for m in selectors.meetings_for_member_panel(member)] == [meeting.pk]
    assert meeting.items.count() == 2 and not Vote.objects.filter(item__meeting=meeting).exists()
