"""A small programme whose 2024 figures are worked out by hand in the tests."""

import datetime
from decimal import Decimal

import pytest

from outcomes.models import Exit, FollowUp
from programmes.models import Activity, FundingLine, ProgrammePartner
from tenants.models import BarrierAssessment, Enrolment, Registration, Tenant
from tests.factories import (
    ActivityFactory,
    EnrolmentFactory,
    FunderFactory,
    LandlordFactory,
    RegistrationFactory,
    SessionFactory,
    TenantFactory,
    WeeklyHoursFactory,
    WorkContractFactory,
    barrier_assessment,
    programme_run_by,
)
from tests.outcomes.factories import ExitFactory, FollowUpFactory

D = datetime.date
S = Exit.Situation
T = Tenant
P, A = Registration.Attendance.PRESENT, Registration.Attendance.ABSENT
B = BarrierAssessment.Stage


@pytest.fixture
def funder_org(db):
    return FunderFactory(name="DREETS Test", slug="dreets-test")


@pytest.fixture
def programme(association, funder_org):
    return programme_run_by(
        association, LandlordFactory(), name="Couture Test", slug="couture-test", target_participants=8
    )


@pytest.fixture
def funded_programme(programme, funder_org):
    FundingLine.objects.create(programme=programme, funder=funder_org, year=2024, amount=Decimal("10000"))
    return programme


def person(landlord, **fields):
    return TenantFactory(landlord=landlord, **fields)


def pathway(
    tenant, programme, entered, *, exit=None, situation=None, months=None, follow_up=None, qualification=False, **entry
):
    status = Enrolment.Status.EXITED if exit else Enrolment.Status.ACTIVE
    enrolment = EnrolmentFactory(
        tenant=tenant,
        programme=programme,
        entered_on=entered,
        status=status,
        entry_sex=entry.pop("sex", tenant.sex),
        **entry,
    )
    if exit:
        left = ExitFactory(
            enrolment=enrolment,
            exit_date=exit,
            situation=situation,
            contract_months=months,
            qualification_gained=qualification,
        )
        if follow_up:
            FollowUpFactory(exit=left, result=follow_up)
    return enrolment


@pytest.fixture
def dataset(funded_programme, funder_org):
    """Seven participants in 2024 (one came back), one day-long pathway, events and funding."""
    programme = funded_programme
    l1 = programme.landlord_links.get().landlord
    l2 = LandlordFactory(name="Logis Deux", slug="logis-deux")
    F, M = T.Sex.FEMALE, T.Sex.MALE
    U, INACTIVE, E = T.Situation.UNEMPLOYED, T.Situation.INACTIVE, T.Situation.EMPLOYED
    L02, L34, L58 = T.EducationLevel.ISCED_0_2, T.EducationLevel.ISCED_3_4, T.EducationLevel.ISCED_5_8
    people = {}
    people["A"] = person(l1, sex=F, known_to_institutions=True)
    pathway(
        people["A"],
        programme,
        D(2024, 2, 1),
        exit=D(2024, 6, 30),
        situation=S.CDI,
        follow_up=FollowUp.Result.EMPLOYED,
        qualification=True,
        entry_age=25,
        entry_situation=U,
        entry_long_term_unemployed=True,
        entry_education_level=L02,
        entry_qpv_resident=True,
    )
    people["B"] = person(l1, sex=M, known_to_institutions=False)
    pathway(
        people["B"],
        programme,
        D(2023, 5, 1),
        exit=D(2024, 3, 31),
        situation=S.CDD_LONG,
        months=8,
        follow_up=FollowUp.Result.NO_ANSWER,
        entry_age=40,
        entry_situation=U,
        entry_education_level=L34,
    )
    people["C"] = person(l1, sex=F)
    pathway(
        people["C"],
        programme,
        D(2024, 3, 1),
        exit=D(2024, 10, 15),
        situation=S.CDD_SHORT,
        months=3,
        entry_age=57,
        entry_situation=INACTIVE,
        entry_education_level=L58,
        entry_disability=True,
    )
    people["D"] = person(l2, sex=M)
    pathway(
        people["D"],
        programme,
        D(2024, 4, 1),
        exit=D(2024, 5, 1),
        situation=S.QUALIFYING_TRAINING,
        entry_age=17,
        entry_situation=INACTIVE,
        entry_education_level="",
    )
    people["E"] = person(l2, sex=F)
    pathway(
        people["E"],
        programme,
        D(2024, 1, 10),
        entry_age=30,
        entry_situation=E,
        entry_education_level=L34,
        entry_single_parent=True,
        entry_housing_exclusion=True,
    )
    # F left in January and came back in March: counted once, with her first entry's data.
    people["F"] = person(l2, sex=F)
    pathway(
        people["F"],
        programme,
        D(2023, 11, 1),
        exit=D(2024, 1, 31),
        situation=S.JOB_SEARCH,
        entry_age=22,
        entry_situation=U,
        entry_education_level=L02,
    )
    pathway(
        people["F"],
        programme,
        D(2024, 3, 1),
        exit=D(2024, 8, 1),
        situation=S.BUSINESS_CREATION,
        follow_up=FollowUp.Result.EMPLOYED,
        entry_age=23,
        entry_situation=INACTIVE,
        entry_education_level=L34,
    )
    people["J"] = person(l1, sex=M)
    pathway(
        people["J"],
        programme,
        D(2024, 1, 5),
        exit=D(2024, 7, 1),
        situation=S.JOB_SEARCH,
        follow_up=FollowUp.Result.NOT_EMPLOYED,
        entry_age=45,
        entry_situation=U,
        entry_education_level=L02,
    )
    # Not participants in 2024: a single day, an entry in 2025, an exit in 2023.
    pathway(person(l1, sex=F), programme, D(2024, 5, 10), exit=D(2024, 5, 10), situation=S.UNKNOWN, entry_age=33)
    pathway(person(l1, sex=F), programme, D(2025, 1, 5), entry_age=33)
    pathway(person(l1, sex=M), programme, D(2023, 1, 1), exit=D(2023, 12, 31), situation=S.CDI, entry_age=33)
    # Activity: two workshop sessions and one event in 2024, one workshop in 2023.
    workshop = ActivityFactory(programme=programme, kind=Activity.Kind.WORKSHOP, title="Atelier couture")
    event = ActivityFactory(programme=programme, kind=Activity.Kind.JOB_RALLY, title="Rallye de l'emploi")
    s1 = SessionFactory(activity=workshop, date=D(2024, 3, 5))
    s2 = SessionFactory(activity=workshop, date=D(2024, 4, 5))
    rally = SessionFactory(activity=event, date=D(2024, 6, 1))
    old = SessionFactory(activity=workshop, date=D(2023, 6, 1))
    for session, who, attendance, hours, walk_in in [
        (s1, "A", P, 3, False),
        (s1, "B", P, 3, False),
        (s1, "C", A, 0, False),
        (s1, "D", Registration.Attendance.EXCUSED, 0, False),
        (s2, "A", P, 3, False),
        (s2, "E", A, 0, False),
        (rally, "A", P, 2, False),
        (old, "A", P, 3, False),
    ]:
        RegistrationFactory(session=session, tenant=people[who], attendance=attendance, hours=hours, walk_in=walk_in)
    visitors = {
        "K": (False, P, False),
        "L": (False, A, False),
        "M": (True, P, True),
        "N": (None, P, False),
    }
    for name, (known, attendance, walk_in) in visitors.items():
        people[name] = person(l1, known_to_institutions=known)
        RegistrationFactory(
            session=rally,
            tenant=people[name],
            attendance=attendance,
            hours=2 if attendance == P else 0,
            walk_in=walk_in,
        )
    # A walk-in without a record, unknown to institutions, kept by name only.
    RegistrationFactory(
        session=rally,
        tenant=None,
        walk_in=True,
        walk_in_name="Samira B.",
        known_to_institutions=False,
        attendance=P,
        hours=2,
    )
    # Premières Heures: two weeks in 2024, one in 2023.
    contract = WorkContractFactory(enrolment=people["E"].enrolments.get(), starts_on=D(2023, 12, 4))
    for week, hours in [(D(2023, 12, 4), 6), (D(2024, 1, 8), 8), (D(2024, 1, 15), 10)]:
        WeeklyHoursFactory(contract=contract, week_start=week, hours=hours)
    # Barriers (0-4): A and C fell, J stayed (his 2025 assessment is after the period), D rose;
    # E was assessed once only.
    first = {name: people[name].enrolments.order_by("entered_on").last() for name in "ACDEJ"}
    for name, day, levels in [
        ("A", D(2024, 2, 1), {"mobility": 3, "child_care": 2}),
        ("A", D(2024, 5, 1), {"mobility": 1, "child_care": 2}),
        ("C", D(2024, 3, 1), {"mobility": 2, "language": 4}),
        ("C", D(2024, 10, 1), {"mobility": 3, "language": 2}),
        ("E", D(2024, 1, 10), {"mobility": 4}),
        ("J", D(2024, 1, 5), {"mobility": 1}),
        ("J", D(2024, 6, 1), {"mobility": 1}),
        ("J", D(2025, 2, 1), {"mobility": 0}),
        ("D", D(2024, 4, 1), {"confidence": 3}),
        ("D", D(2024, 4, 20), {"confidence": 4}),
    ]:
        stage = B.ENTRY if day == first[name].entered_on else B.FOLLOW_UP
        barrier_assessment(first[name], stage, day, **levels)
    # Money: granted 2024 lines only.
    other = FunderFactory(name="Ville Test", slug="ville-test")
    FundingLine.objects.create(programme=programme, funder=other, year=2024, amount=Decimal("4000"))
    FundingLine.objects.create(
        programme=programme, funder=other, year=2024, amount=Decimal("5000"), status=FundingLine.Status.REQUESTED
    )
    FundingLine.objects.create(programme=programme, funder=funder_org, year=2023, amount=Decimal("9000"))
    ProgrammePartner.objects.get_or_create(
        programme=programme, organisation=funder_org, role=ProgrammePartner.Role.FUNDER
    )
    return {"programme": programme, "people": people, "landlords": (l1, l2)}
