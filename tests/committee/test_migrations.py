"""A database of the layout before the committee had its own app keeps every committee row, and
its audit trail and permissions, once migrated to the committee app."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from programmes.committee.models import (
    AgendaItem,
    Application,
    ApplicationPartner,
    Call,
    CoFinancingLine,
    ConflictDeclaration,
    Criterion,
    Decision,
    Meeting,
    MeetingMember,
    Score,
    Vote,
)

BEFORE = ("programmes", "0006_session_attendance_lock_to_tenants")


def _build_old_layout(apps):
    """One call's worth of committee rows, written through the models as they were before the move."""
    get = apps.get_model
    Organisation, Neighbourhood, User = (
        get("partners", "Organisation"),
        get("partners", "Neighbourhood"),
        get("partners", "User"),
    )
    landlord = Organisation.objects.create(name="Seqens", slug="seqens", kind="landlord")
    association = Organisation.objects.create(name="Mille Sourires", slug="mille-sourires", kind="association")
    funder = Organisation.objects.create(name="DREETS", slug="dreets", kind="funder")
    hood = Neighbourhood.objects.create(name="Les Merisiers", slug="merisiers", city="Trappes")
    admin = User.objects.create(email="admin@passerelles.test")
    anne, bruno = (User.objects.create(email=f"{name}@comite.test") for name in ("anne", "bruno"))

    call = get("programmes", "Call").objects.create(
        title="Emploi des locataires",
        opens_on=datetime.date(2025, 1, 6),
        deadline=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
        budget_envelope=Decimal("300000"),
    )
    call.funders.set([funder])
    criterion = get("programmes", "Criterion").objects.create(call=call, name="Pertinence", max_score=10)
    application = get("programmes", "Application").objects.create(
        call=call,
        title="Ateliers couture",
        lead_landlord=landlord,
        status="submitted",
        submitted_at=datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC),
        total_budget=Decimal("80000"),
        created_by=admin,
    )
    application.co_landlords.set([landlord])
    application.neighbourhoods.set([hood])
    get("programmes", "ApplicationPartner").objects.create(
        application=application, organisation=association, role="coordinator"
    )
    get("programmes", "CoFinancingLine").objects.create(
        application=application, funder=funder, year=2025, amount=Decimal("20000"), status="requested"
    )
    meeting = get("programmes", "Meeting").objects.create(
        call=call, title="Comité de mars", starts_at=datetime.datetime(2025, 3, 20, 9, tzinfo=datetime.UTC), quorum=2
    )
    for user in (anne, bruno):
        get("programmes", "MeetingMember").objects.create(meeting=meeting, user=user, organisation=funder)
    item = get("programmes", "AgendaItem").objects.create(meeting=meeting, application=application, position=1)
    get("programmes", "ConflictDeclaration").objects.create(item=item, member=anne, kind="none")
    get("programmes", "ConflictDeclaration").objects.create(item=item, member=bruno, kind="declared")
    get("programmes", "Score").objects.create(item=item, member=anne, criterion=criterion, value=8)
    get("programmes", "Vote").objects.create(item=item, member=anne, choice="for")
    get("programmes", "Decision").objects.create(
        item=item, outcome="laureate", amount_granted=Decimal("60000"), decided_by=admin
    )

    # What the audit trail and the permissions held for the application before the move.
    ContentType = get("contenttypes", "ContentType")
    application_type, _ = ContentType.objects.get_or_create(app_label="programmes", model="application")
    get("auth", "Permission").objects.get_or_create(
        content_type=application_type, codename="view_application", defaults={"name": "Can view application"}
    )
    get("auditlog", "LogEntry").objects.create(
        content_type=application_type,
        object_pk=str(application.pk),
        object_id=application.pk,
        object_repr=application.title,
        action=0,
        changes={"title": [None, application.title]},
    )
    return {"call": call.pk, "application": application.pk, "meeting": meeting.pk, "item": item.pk}


@pytest.mark.django_db(transaction=True)
def test_migrating_the_old_layout_keeps_every_committee_row():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([BEFORE])
        executor.loader.build_graph()
        before = [BEFORE, *(node for node in latest if node[0] not in ("programmes", "committee"))]
        old = _build_old_layout(executor.loader.project_state(before).apps)

        executor = MigrationExecutor(connection)
        executor.migrate(latest)

        call = Call.objects.get(pk=old["call"])
        assert [org.slug for org in call.funders.all()] == ["dreets"]
        assert list(Criterion.objects.filter(call=call).values_list("name", flat=True)) == ["Pertinence"]
        application = Application.objects.get(pk=old["application"])
        assert (application.call, application.title, application.status) == (call, "Ateliers couture", "submitted")
        assert [org.slug for org in application.co_landlords.all()] == ["seqens"]
        assert [hood.slug for hood in application.neighbourhoods.all()] == ["merisiers"]
        assert list(ApplicationPartner.objects.filter(application=application).values_list("role", flat=True)) == [
            "coordinator"
        ]
        assert CoFinancingLine.objects.get(application=application).amount == Decimal("20000")
        meeting = Meeting.objects.get(pk=old["meeting"])
        assert sorted(MeetingMember.objects.filter(meeting=meeting).values_list("user__email", flat=True)) == [
            "anne@comite.test",
            "bruno@comite.test",
        ]
        item = AgendaItem.objects.get(pk=old["item"])
        assert (item.meeting, item.application) == (meeting, application)
        assert dict(ConflictDeclaration.objects.filter(item=item).values_list("member__email", "kind")) == {
            "anne@comite.test": "none",
            "bruno@comite.test": "declared",
        }
        assert Score.objects.get(item=item).value == 8
        assert Vote.objects.get(item=item).choice == "for"
        assert (item.decision.outcome, item.decision.amount_granted) == ("laureate", Decimal("60000"))

        # The audit trail and the permissions follow the model to its new app.
        assert list(LogEntry.objects.get_for_object(application).values_list("object_repr", flat=True)) == [
            "Ateliers couture"
        ]
        assert Permission.objects.get(codename="view_application").content_type.app_label == "committee"
        # New rows go on after the moved ones (the id sequences came along with the tables).
        assert (
            Call.objects.create(title="Suite", opens_on=call.opens_on, deadline=call.deadline, budget_envelope=0).pk
            > call.pk
        )
        assert Decision.objects.count() == 1
    finally:
        # Whatever happens, the database is left at the latest layout for the tests that follow.
        MigrationExecutor(connection).migrate(latest)
