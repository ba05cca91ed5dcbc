"""Synthetic volume for query-count tests and `make bench`: one programme with many people.

Everything is written in bulk and drawn from a seeded random source.
"""

import datetime
import random
from decimal import Decimal

from partners.models import Organisation, User
from programmes.models import Activity, Programme, ProgrammeLandlord, Session
from tenants.models import BarrierAssessment, BarrierScore, Enrolment, Registration, Tenant

from .models import Exit, FollowUp

D = datetime.date


def volume_programme(slug: str, people: int, *, sessions: int = 2) -> Programme:
    """A 2024 programme with `people` participants, half of them exited, and `sessions` sessions."""
    rng = random.Random(f"{slug}-{people}")
    programme = Programme.objects.create(
        name=f"Volume {slug}", slug=slug, start_date=D(2024, 1, 1), target_participants=people
    )
    landlord = Organisation.objects.create(
        name=f"Bailleur {slug}",
        slug=f"bailleur-{slug}",
        kind=Organisation.Kind.LANDLORD,
        legal_form=Organisation.LegalForm.ESH,
    )
    ProgrammeLandlord.objects.create(programme=programme, landlord=landlord, is_lead=True)
    programme.funding_lines.create(funder=landlord, year=2024, amount=Decimal(1000 * people))
    user = User.objects.filter(is_superuser=True).first() or User.objects.create_user(f"volume-{slug}@example.org")
    tenants = Tenant.objects.bulk_create(
        Tenant(
            landlord=landlord,
            lease_reference=f"V-{i}",
            last_name=f"Nom{i}",
            first_name="Test",
            birth_date=D(1980, 1, 1),
            sex=rng.choice("FM"),
            known_to_institutions=rng.random() > 0.2,
        )
        for i in range(people)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            tenant=tenant,
            programme=programme,
            entered_on=D(2024, 1 + i % 6, 1),
            status=Enrolment.Status.EXITED if i % 2 else Enrolment.Status.ACTIVE,
            entry_age=18 + i % 50,
            entry_sex=tenant.sex,
            entry_situation=Tenant.Situation.UNEMPLOYED,
        )
        for i, tenant in enumerate(tenants)
    )
    exits = Exit.objects.bulk_create(
        Exit(
            enrolment=enrolment,
            entered_on=enrolment.entered_on,
            exit_date=D(2024, 9, 1),
            situation=rng.choice([Exit.Situation.CDI, Exit.Situation.JOB_SEARCH, Exit.Situation.SUBSIDISED]),
            recorded_by=user,
        )
        for enrolment in enrolments
        if enrolment.status == Enrolment.Status.EXITED
    )
    FollowUp.objects.bulk_create(
        FollowUp(exit=exit, contacted_on=D(2025, 3, 1), result=FollowUp.Result.EMPLOYED, recorded_by=user)
        for exit in exits[::2]
    )
    workshop = Activity.objects.create(programme=programme, kind=Activity.Kind.WORKSHOP, title="Atelier")
    event = Activity.objects.create(programme=programme, kind=Activity.Kind.COLLECTIVE_EVENT, title="Forum")
    planned = Session.objects.bulk_create(
        Session(
            activity=workshop if index % 2 else event,
            date=D(2024, 3, 1) + datetime.timedelta(days=index),
            start_time=datetime.time(9, 30),
            end_time=datetime.time(12, 30),
        )
        for index in range(sessions)
    )
    Registration.objects.bulk_create(
        (
            Registration(session=session, tenant=tenant, attendance="present", hours=3)
            if rng.random() > 0.1
            else Registration(session=session, tenant=tenant, attendance="absent")
        )
        for session in planned
        for tenant in tenants
    )
    assessments = BarrierAssessment.objects.bulk_create(
        BarrierAssessment(enrolment=enrolment, assessed_on=day, stage=stage)
        for enrolment in enrolments
        for day, stage in [(enrolment.entered_on, "entry"), (D(2024, 8, 1), "follow_up")]
    )
    BarrierScore.objects.bulk_create(
        BarrierScore(assessment=assessment, barrier=barrier, level=rng.randint(0, 4))
        for assessment in assessments
        for barrier in ("mobility", "child_care")
    )
    return programme
