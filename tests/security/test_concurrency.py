"""Many people (or one double-clicking) saving the same thing at once: one save is accepted, the
others are refused with the stale-save message, on PostgreSQL with real concurrent transactions.
And a download (a GET) writes nothing."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.committee import services
from programmes.committee.models import Decision, Review, Score, Vote
from tests.committee.fixtures import declare_none

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 20
STALE = "a enregistré ceci le"  # the one stale-save message of partners/locking.py


def post_all_at_once(user, url, data) -> list:
    """PARALLEL clients of `user` post `data` to `url` at the same instant; their responses."""
    clients = []
    for _ in range(PARALLEL):
        client = Client()
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(PARALLEL)
    responses = [None] * PARALLEL

    def post(index):
        try:
            start.wait()
            responses[index] = clients[index].post(url, data)
        finally:
            connection.close()  # each thread had its own database connection

    threads = [threading.Thread(target=post, args=(index,)) for index in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses


def one_accepted_the_others_told(responses):
    accepted = [r for r in responses if r.status_code == 302]
    refused = [r for r in responses if r.status_code == 200 and STALE in r.content.decode()]
    assert (len(accepted), len(refused)) == (1, PARALLEL - 1), sorted(r.status_code for r in responses)


@pytest.fixture
def criteria(item):
    return list(item.meeting.call.criteria.order_by("position"))


def review_data(criteria, vote, version=0):
    return {f"criterion_{criteria[0].pk}": "8", f"criterion_{criteria[1].pk}": "4", "vote": vote, "version": version}


def test_twenty_parallel_saves_of_a_members_vote_accept_one(item, members, criteria):
    declare_none(item, members[0])
    url = reverse("committee:item_review", args=[item.pk])
    one_accepted_the_others_told(post_all_at_once(members[0], url, review_data(criteria, "for")))
    assert Vote.objects.filter(item=item, member=members[0]).count() == 1
    assert Review.objects.get(item=item, member=members[0]).version == 1


def test_twenty_parallel_saves_of_a_members_scores_accept_one(item, members, criteria):
    declare_none(item, members[0])
    services.review_save(actor=members[0], item=item, scores={criteria[0].pk: 1, criteria[1].pk: 1})
    url = reverse("committee:item_review", args=[item.pk])
    one_accepted_the_others_told(post_all_at_once(members[0], url, review_data(criteria, "", version=1)))
    assert sorted(Score.objects.filter(item=item, member=members[0]).values_list("value", flat=True)) == [4, 8]
    assert Review.objects.get(item=item, member=members[0]).version == 2


@pytest.fixture
def open_meeting(item, members, criteria, programme_admin):
    for user in members:
        declare_none(item, user)
        services.review_save(actor=user, item=item, scores={criteria[0].pk: 8, criteria[1].pk: 4}, vote="for")
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    return item.meeting


@pytest.mark.parametrize("first", [True, False], ids=["first decision", "amendment"])
def test_twenty_parallel_saves_of_a_decision_accept_one(open_meeting, item, programme_admin, first):
    version = ""  # the page of an application without a decision carries no version
    if not first:
        services.decision_record(actor=programme_admin, item=item, outcome="deferred", reason="À préciser")
        version = Decision.objects.get().version
    data = {"outcome": "laureate", "amount_granted": "30000", "reason": "", "version": version}
    url = reverse("committee:item_decide", args=[item.pk])
    one_accepted_the_others_told(post_all_at_once(programme_admin, url, data))
    decision = Decision.objects.get()
    assert (decision.outcome, decision.amount_granted) == ("laureate", Decimal(30000))


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_downloading_the_minutes_writes_nothing(open_meeting, item, members, programme_admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(members[0])
    url = reverse("committee:meeting_minutes", args=[open_meeting.pk])
    services.decision_record(actor=programme_admin, item=item, outcome="deferred", reason="À préciser")
    services.meeting_close(actor=programme_admin, meeting=open_meeting)  # committed: builds the minutes
    client.get(reverse("dashboard"))  # the session's first request is done
    for _ in range(2):  # with the minutes there, and after
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            body = b"".join(response.streaming_content)
        assert response.status_code == 200 and body.startswith(b"%PDF")
        assert writes(queries.captured_queries) == []


def test_minutes_not_built_yet_are_said_to_be_coming_and_nothing_is_written(
    open_meeting, item, members, programme_admin
):
    services.decision_record(actor=programme_admin, item=item, outcome="deferred", reason="À préciser")
    # Closed, its minutes task not run yet (a worker's queue is long).
    type(open_meeting).objects.filter(pk=open_meeting.pk).update(status="closed", closed_at=timezone.now())
    client = Client()
    client.force_login(members[0])
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("committee:meeting_minutes", args=[open_meeting.pk]))
    assert response.status_code == 302
    assert writes(queries.captured_queries) == []
    assert not type(open_meeting).objects.get(pk=open_meeting.pk).minutes
