"""Seating members, refreshing recusals and reading the audit trail cost the same number of
queries for 2 members or applications as for 8."""

import pytest
from auditlog.models import LogEntry

from partners.models import Membership
from programmes.committee import services
from programmes.committee.models import ApplicationPartner, ConflictDeclaration, Decision, Vote
from programmes.models import ProgrammePartner
from tests.committee.fixtures import MeetingFactory, SubmittedApplicationFactory, put_on_agenda, seat
from tests.factories import OrganisationFactory, member

R = Membership.Role

pytestmark = pytest.mark.parametrize("rows", [2, 8])


def committee_members(count, prefix):
    return [
        member(R.COMMITTEE_MEMBER, OrganisationFactory(), email=f"{prefix}{n}@comite.fr", first_name=f"{prefix}{n}")
        for n in range(count)
    ]


@pytest.fixture
def agenda(meeting, call, landlord, association, rows):
    """`rows` applications on the agenda, each with `association` as coordinating partner."""
    items = []
    for n in range(rows):
        application = SubmittedApplicationFactory(call=call, lead_landlord=landlord, title=f"Dossier {n}")
        ApplicationPartner.objects.create(
            application=application, organisation=association, role=ProgrammePartner.Role.COORDINATOR
        )
        items.append(put_on_agenda(meeting, application))
    return items


def test_seating_members_records_every_recusal_in_a_fixed_number_of_queries(
    meeting, agenda, association, programme_admin, members, rows, django_assert_max_num_queries
):
    """`rows` new members, one of whom works for the partner of all `rows` applications."""
    newcomers = [*committee_members(rows - 1, "nouveau"), member(R.COMMITTEE_MEMBER, association, email="p@ms.fr")]
    # Measured 25-26 whatever the number of members (the version check is one UPDATE).
    with django_assert_max_num_queries(26):
        services.meeting_save(
            actor=programme_admin, meeting=meeting, members=[*members, *newcomers], version=meeting.version
        )
    assert meeting.memberships.count() == len(members) + rows
    recusals = ConflictDeclaration.objects.filter(item__meeting=meeting, kind=ConflictDeclaration.Kind.AUTOMATIC)
    assert sorted(recusals.values_list("member__email", flat=True)) == ["p@ms.fr"] * rows


def test_refreshing_recusals_reads_the_agenda_and_members_in_a_fixed_number_of_queries(
    meeting, agenda, association, programme_admin, rows, django_assert_max_num_queries
):
    for user in committee_members(rows, "siege"):
        seat(meeting, user)
    partner = seat(meeting, member(R.COMMITTEE_MEMBER, association, email="p@ms.fr"))
    with django_assert_max_num_queries(8):
        assert services.recusals_refresh(actor=programme_admin, meeting=meeting) == rows
    with django_assert_max_num_queries(6):
        assert services.recusals_refresh(actor=programme_admin, meeting=meeting) == 0  # nothing new: reads only
    recusals = ConflictDeclaration.objects.filter(member=partner, kind="automatic")
    assert recusals.count() == rows
    # Written in bulk, yet each recusal is in the audit trail, made by the person who caused it.
    trail = LogEntry.objects.filter(content_type__model="conflictdeclaration", action=LogEntry.Action.CREATE)
    assert sorted(trail.values_list("object_id", "actor")) == sorted(
        (pk, programme_admin.pk) for pk in recusals.values_list("pk", flat=True)
    )


def test_the_item_page_reads_every_members_trail_in_a_fixed_number_of_queries(
    client, meeting, agenda, programme_admin, rows, django_assert_max_num_queries
):
    item = agenda[0]
    criteria = list(meeting.call.criteria.all())
    for user in committee_members(rows, "votant"):
        seat(meeting, user)
        ConflictDeclaration.objects.create(item=item, member=user, kind="none")
        services.review_save(actor=user, item=item, scores={c.pk: 3 for c in criteria}, vote=Vote.Choice.FOR)
    client.force_login(programme_admin)
    with django_assert_max_num_queries(24):
        response = client.get(item.get_absolute_url())
    assert len([entry for entry in response.context["history"] if entry.content_type.model == "vote"]) == rows


def test_the_application_page_reads_every_decisions_trail_in_a_fixed_number_of_queries(
    client, call, application, programme_admin, rows, django_assert_max_num_queries
):
    """An application deferred from meeting to meeting: one decision per meeting."""
    for _ in range(rows):
        item = put_on_agenda(MeetingFactory(call=call), application)
        Decision.objects.create(item=item, outcome=Decision.Outcome.DEFERRED, decided_by=programme_admin)
    client.force_login(programme_admin)
    with django_assert_max_num_queries(17):
        response = client.get(application.get_absolute_url())
    assert len([entry for entry in response.context["history"] if entry.content_type.model == "decision"]) == rows
