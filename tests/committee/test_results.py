"""Results: weighted mean with "not applicable", quorum, blind votes, who has not voted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes.committee import selectors, services
from programmes.committee.models import Decision, Meeting
from tests.committee.fixtures import declare_none


def grid(item):
    heavy, light = item.meeting.call.criteria.order_by("position")
    return heavy, light


def score(item, user, heavy_value, light_value, vote=""):
    heavy, light = grid(item)
    services.review_save(actor=user, item=item, scores={heavy.pk: heavy_value, light.pk: light_value}, vote=vote)


def result_of(item):
    return next(r for r in selectors.meeting_results(item.meeting) if r.item.pk == item.pk)


def test_not_applicable_is_left_out_of_the_mean_not_counted_as_zero(item, members):
    """Pertinence /10 weight 2: 8 and 6 → 7. Partenariat /5 weight 1: N/A and 4 → 4 (not 2).
    (2 × 7/10 + 1 × 4/5) / 3 = 73.3 / 100; counting N/A as 0 would give 60."""
    first, second = members[0], members[1]
    declare_none(item, first, second)
    score(item, first, 8, None)
    score(item, second, 6, 4)
    result = result_of(item)
    heavy, light = grid(item)
    assert result.criterion_means[heavy.pk] == 7
    assert result.criterion_means[light.pk] == 4
    assert result.score == Decimal("73.3")


def test_a_criterion_nobody_scored_leaves_the_weighted_score_to_the_others(item, members):
    declare_none(item, members[0])
    score(item, members[0], 5, None)
    assert result_of(item).score == Decimal("50.0")


def test_weighted_score_is_empty_before_any_score(item):
    assert result_of(item).score is None


def test_quorum_is_reached_once_enough_members_voted(item, members):
    declare_none(item, *members)
    score(item, members[0], 8, 4, vote="for")
    assert not result_of(item).quorum_reached  # quorum 2, one vote
    score(item, members[1], 6, 3, vote="abstain")
    result = result_of(item)
    assert result.quorum_reached
    assert (result.votes_for, result.votes_against, result.abstentions) == (1, 0, 1)


def test_a_member_cannot_vote_before_scoring_every_criterion(item, members):
    declare_none(item, members[0])
    heavy, _light = grid(item)
    with pytest.raises(ValidationError, match="Notez chaque critère"):
        services.review_save(actor=members[0], item=item, scores={heavy.pk: 5}, vote="for")


def test_a_score_above_the_criterion_maximum_is_refused_with_a_message(client, item, members):
    declare_none(item, members[0])
    heavy, light = grid(item)
    client.force_login(members[0])
    response = client.post(
        reverse("committee:item_review", args=[item.pk]),
        {f"criterion_{heavy.pk}": "11", f"criterion_{light.pk}": "3", "vote": "for"},
    )
    assert response.status_code == 200
    assert not item.votes.exists()


def test_votes_and_scores_are_hidden_from_a_member_until_they_voted_and_the_meeting_closed(
    client, item, members, programme_admin
):
    first, second, third = members
    declare_none(item, first, second, third)
    score(item, second, 9, 5, vote="against")
    client.force_login(first)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="reviews"' not in page
    score(item, first, 7, 3, vote="for")
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="reviews"' not in page  # voted, but the meeting is still under way
    assert 'data-testid="blind"' in page
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    services.decision_record(actor=programme_admin, item=item, outcome=Decision.Outcome.DEFERRED)
    services.meeting_close(actor=programme_admin, meeting=item.meeting)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="reviews"' in page
    assert "Bruno" in page  # the second member's row
    client.force_login(third)  # never voted: still blind after closing
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="reviews"' not in page


def test_the_admin_sees_who_has_not_voted_yet(client, item, members, partner_member, programme_admin):
    declare_none(item, members[0])
    score(item, members[0], 7, 3, vote="for")
    services.recusals_refresh(actor=programme_admin, meeting=item.meeting)
    client.force_login(programme_admin)
    page = client.get(item.meeting.get_absolute_url())
    pending = page.context["results"][0].pending
    assert {m.user for m in pending} == {members[1], members[2]}  # the recused partner is not awaited
    assert "Bruno Comité" in page.content.decode()


def test_members_see_their_own_meetings_only(client, item, members, call):
    from tests.committee.fixtures import MeetingFactory
    from tests.factories import member

    outsider = member("committee_member", email="autre@comite.fr")
    other_meeting = MeetingFactory(call=call)
    client.force_login(outsider)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(item.meeting.get_absolute_url()).status_code == 404
    assert client.get(item.application.get_absolute_url()).status_code == 404
    client.force_login(members[0])
    assert client.get(item.meeting.get_absolute_url()).status_code == 200
    assert client.get(other_meeting.get_absolute_url()).status_code == 404
    assert client.get(item.application.get_absolute_url()).status_code == 200
    listed = client.get(reverse("committee:meeting_list")).context["table"].data.data
    assert list(listed) == [item.meeting]


def test_a_member_cannot_manage_the_meeting(client, item, members):
    client.force_login(members[0])
    assert client.post(reverse("committee:meeting_transition", args=[item.meeting.pk, "open"])).status_code == 403
    assert client.get(reverse("committee:meeting_export", args=[item.meeting.pk, "csv"])).status_code == 403
    item.meeting.refresh_from_db()
    assert item.meeting.status == Meeting.Status.PLANNED
