"""List pages and results cost the same number of queries for 5 rows as for 50."""

import pytest
from django.urls import reverse

from programmes.committee.models import ApplicationPartner, ConflictDeclaration, Decision, Score, Vote
from programmes.models import ProgrammePartner
from tests.committee.fixtures import (
    CallFactory,
    CriterionFactory,
    MeetingFactory,
    SubmittedApplicationFactory,
    put_on_agenda,
    seat,
)
from tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.parametrize("rows", [5, 50])


@pytest.fixture
def full_meeting(meeting, call, members, landlord, association, programme_admin, rows):
    """`rows` applications on the agenda, each scored, voted on and decided by every member."""
    hood = NeighbourhoodFactory()
    criteria = list(call.criteria.all())
    for n in range(rows):
        application = SubmittedApplicationFactory(
            call=call, lead_landlord=landlord, neighbourhoods=[hood], title=f"Dossier {n}"
        )
        ApplicationPartner.objects.create(
            application=application, organisation=association, role=ProgrammePartner.Role.COORDINATOR
        )
        item = put_on_agenda(meeting, application)
        for user in members:
            ConflictDeclaration.objects.create(item=item, member=user, kind="none")
            Score.objects.bulk_create(Score(item=item, member=user, criterion=c, value=3) for c in criteria)
            Vote.objects.create(item=item, member=user, choice="for")
        Decision.objects.create(item=item, outcome="deferred", decided_by=programme_admin)
    return meeting


def test_meeting_results_page(client, full_meeting, programme_admin, django_assert_max_num_queries, rows):
    client.force_login(programme_admin)
    with django_assert_max_num_queries(18):
        response = client.get(full_meeting.get_absolute_url())
    assert len(response.context["results"]) == rows


def test_member_agenda_page(client, full_meeting, members, django_assert_max_num_queries, rows):
    client.force_login(members[0])
    with django_assert_max_num_queries(8):
        response = client.get(full_meeting.get_absolute_url())
    assert len(response.context["agenda"]) == rows


def test_application_list_for_an_applicant(client, full_meeting, landlord_staff, django_assert_max_num_queries, rows):
    client.force_login(landlord_staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("committee:application_list") + "?per_page=100")
    assert len(response.context["table"].page.object_list) == rows


def test_call_list(client, programme_admin, django_assert_max_num_queries, rows):
    for _ in range(rows):
        CriterionFactory(call=CallFactory())
    client.force_login(programme_admin)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("committee:call_list") + "?per_page=100")
    assert len(response.context["table"].page.object_list) == rows


def test_meeting_list_and_member_dashboard(client, call, members, django_assert_max_num_queries, rows):
    for _ in range(rows):
        seat(MeetingFactory(call=call), members[0])
    client.force_login(members[0])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("committee:meeting_list") + "?per_page=100")
    assert len(response.context["table"].page.object_list) == rows
    with django_assert_max_num_queries(10):
        response = client.get(reverse("dashboard"))
    assert response.content.decode().count("Comité de sélection") >= rows
