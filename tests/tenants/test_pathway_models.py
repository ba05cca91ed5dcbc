"""The database itself refuses pathway, barrier, work-hours and attendance data that makes no sense."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tenants.models import BarrierAssessment, BarrierScore, PathwayStep, Registration, WeeklyHours
from tests.factories import (
    EnrolmentFactory,
    PathwayStepFactory,
    RegistrationFactory,
    SessionFactory,
    WeeklyHoursFactory,
    WorkContractFactory,
    barrier_assessment,
)

pytestmark = pytest.mark.django_db

B = BarrierAssessment.Stage


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_finished_step_needs_an_end_date_after_its_start():
    refused(lambda: PathwayStepFactory(result=PathwayStep.Result.PASSED, ended_on=None))
    refused(lambda: PathwayStepFactory(started_on=datetime.date(2024, 3, 1), ended_on=datetime.date(2024, 2, 1)))
    step = PathwayStepFactory(result=PathwayStep.Result.PASSED, ended_on=datetime.date(2024, 6, 30))
    assert step.pk


def test_one_entry_assessment_per_enrolment_and_levels_on_the_single_scale():
    enrolment = EnrolmentFactory()
    entry = barrier_assessment(enrolment, B.ENTRY, datetime.date(2024, 2, 1), mobility=4, child_care=3)
    refused(lambda: barrier_assessment(enrolment, B.ENTRY, datetime.date(2024, 3, 1)))
    refused(lambda: BarrierScore.objects.create(assessment=entry, barrier="language", level=5))
    refused(lambda: BarrierScore.objects.create(assessment=entry, barrier="mobility", level=1))
    later = barrier_assessment(enrolment, B.FOLLOW_UP, datetime.date(2024, 6, 1), mobility=1, child_care=2)
    assert later.scores.count() == 2


def test_weekly_hours_are_one_row_per_week_within_a_real_week():
    contract = WorkContractFactory()
    WeeklyHoursFactory(contract=contract, hours=18)  # over 16 h: recorded, warned about elsewhere
    refused(lambda: WeeklyHoursFactory(contract=contract, hours=4))
    refused(lambda: WeeklyHours.objects.create(contract=contract, week_start=datetime.date(2024, 3, 11), hours=-1))
    refused(lambda: WorkContractFactory(starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 2, 1)))


def test_premieres_heures_contract_limit_is_twelve_months():
    contract = WorkContractFactory.build(starts_on=datetime.date(2024, 1, 31))
    assert contract.limit_date == datetime.date(2025, 1, 30)
    contract.ends_on = datetime.date(2025, 1, 30)
    assert not contract.exceeds_duration()
    contract.ends_on = datetime.date(2025, 1, 31)
    assert contract.exceeds_duration()


def test_a_walk_in_without_a_record_is_kept_by_name_and_only_people_present_have_hours():
    session = SessionFactory()
    refused(lambda: Registration.objects.create(session=session, walk_in=True))
    refused(lambda: Registration.objects.create(session=session, walk_in_name="Awa K."))
    walk_in = Registration.objects.create(session=session, walk_in=True, walk_in_name="Awa K.")
    assert walk_in.person_name == "Awa K."
    refused(lambda: RegistrationFactory(session=session, attendance=Registration.Attendance.ABSENT, hours=2))
