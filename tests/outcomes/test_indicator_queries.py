"""The indicator queries do not grow with the number of people, sessions or exits."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outcomes.indicators import Scope, compute
from outcomes.models import Exit, FollowUp
from programmes.models import Activity
from tenants.models import BarrierAssessment, BarrierScore, Enrolment, Registration, Tenant
from tests.factories import ActivityFactory, LandlordFactory, SessionFactory, UserFactory, programme_run_by

pytestmark = pytest.mark.django_db


def populate(programme, people: int) -> None:
    """`people` participants with exits, follow-ups, attendance and assessments, in bulk."""
    rng = random.Random(people)
    landlord = programme.landlord_links.get().landlord
    user = UserFactory()
    tenants = Tenant.objects.bulk_create(
        Tenant(landlord=landlord, lease_reference=f"Q-{i}", last_name=f"Nom{i}", first_name="Test",
               birth_date=datetime.date(1980, 1, 1), sex=rng.choice("FM"), known_to_institutions=rng.random() > 0.2)
        for i in range(people)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(tenant=tenant, programme=programme, entered_on=datetime.date(2024, 1 + i % 6, 1),
                  status=Enrolment.Status.EXITED if i % 2 else Enrolment.Status.ACTIVE,
                  entry_age=18 + i % 50, entry_sex=tenant.sex, entry_situation=Tenant.Situation.UNEMPLOYED)
        for i, tenant in enumerate(tenants)
    )
    exits = Exit.objects.bulk_create(
        Exit(enrolment=enrolment, entered_on=enrolment.entered_on, exit_date=datetime.date(2024, 9, 1),
             situation=rng.choice([Exit.Situation.CDI, Exit.Situation.JOB_SEARCH, Exit.Situation.SUBSIDISED]),
             recorded_by=user)
        for enrolment in enrolments if enrolment.status == Enrolment.Status.EXITED
    )
    FollowUp.objects.bulk_create(
        FollowUp(exit=exit, contacted_on=datetime.date(2025, 3, 1), result=FollowUp.Result.EMPLOYED, recorded_by=user)
        for exit in exits[::2]
    )
    workshop = ActivityFactory(programme=programme, kind=Activity.Kind.WORKSHOP)
    event = ActivityFactory(programme=programme, kind=Activity.Kind.COLLECTIVE_EVENT)
    sessions = [SessionFactory(activity=workshop, date=datetime.date(2024, 3, 5)),
                SessionFactory(activity=event, date=datetime.date(2024, 4, 5))]
    Registration.objects.bulk_create(
        Registration(session=session, tenant=tenant, attendance="present" if rng.random() > 0.1 else "absent",
                     hours=0)
        for session in sessions for tenant in tenants
    )
    assessments = BarrierAssessment.objects.bulk_create(
        BarrierAssessment(enrolment=enrolment, assessed_on=day, stage=stage)
        for enrolment in enrolments
        for day, stage in [(enrolment.entered_on, "entry"), (datetime.date(2024, 8, 1), "follow_up")]
    )
    BarrierScore.objects.bulk_create(
        BarrierScore(assessment=assessment, barrier=barrier, level=rng.randint(0, 4))
        for assessment in assessments for barrier in ("mobility", "child_care")
    )


def count_queries(association, people):
    programme = programme_run_by(association, LandlordFactory(), slug=f"volume-{people}")
    programme.funding_lines.create(funder=LandlordFactory(), year=2024, amount=Decimal(1000))
    populate(programme, people)
    scope = Scope.year([programme.pk], 2024, as_of=datetime.date(2025, 6, 1))
    with CaptureQueriesContext(connection) as queries:
        figures = compute(scope)
    assert figures["values"]["participants_total"] == people
    return len(queries)


def test_indicator_queries_are_the_same_for_50_and_500_participants(association):
    assert count_queries(association, 50) == count_queries(association, 500)


@pytest.mark.parametrize("people", [5, 50])
def test_indicator_queries_stay_within_one_per_family(association, people, django_assert_max_num_queries):
    programme = programme_run_by(association, LandlordFactory(), slug=f"small-{people}")
    populate(programme, people)
    with django_assert_max_num_queries(12):
        compute(Scope.year([programme.pk], 2024, as_of=datetime.date(2025, 6, 1)))
