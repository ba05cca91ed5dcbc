"""A plausible multi-year history for every demo programme, so that every report has figures.

Generated from a seeded random source (the same data on every machine), then written in bulk.
Idempotent: a programme whose history exists is left alone. Nothing here is a report figure:
the reports compute theirs from these records, like from any other. The plans are chosen so
that the reports show the headline figures these programmes publish:

- 400 locataires: 90 % of the people registered at the "RDV" and "Rallyes de l'emploi" come,
  20 % of the people reached are unknown to any employment or social body (every year);
- INCREASE (scaled down from 4,500 participants): 41 % of exits are dynamic, every year;
- Conciergerie solidaire: in 2024, 51 people employed, 14 of whom left for a job or a
  qualifying training.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from partners.models import Membership, Organisation, User
from programmes.models import Activity, Programme, ProgrammePartner, Session
from tenants.models import (
    AttendanceSheet,
    BarrierAssessment,
    BarrierScore,
    Enrolment,
    Registration,
    Tenant,
    WeeklyHours,
    WorkContract,
)

from .models import Exit, FollowUp

D = datetime.date
K = Activity.Kind
S = Exit.Situation
LEASE_PREFIX = "HIST"

FIRST_NAMES_F = [
    "Amina",
    "Sophie",
    "Fatou",
    "Nadia",
    "Julie",
    "Samira",
    "Claire",
    "Aïcha",
    "Marie",
    "Leïla",
    "Inès",
    "Sandrine",
    "Yasmina",
    "Chantal",
    "Awa",
    "Élodie",
    "Karima",
    "Nathalie",
    "Sarah",
    "Mariam",
]
FIRST_NAMES_M = [
    "Karim",
    "Thomas",
    "Moussa",
    "Julien",
    "Mehdi",
    "Pierre",
    "Youssef",
    "Nicolas",
    "Ibrahima",
    "David",
    "Sofiane",
    "Éric",
    "Mamadou",
    "Olivier",
    "Bilal",
    "Laurent",
    "Hamza",
    "Cédric",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Diallo",
    "Haddad",
    "Moreau",
    "Benali",
    "Lefèvre",
    "Traoré",
    "Girard",
    "Mercier",
    "Bouzid",
    "Fontaine",
    "Camara",
    "Rousseau",
    "Chevalier",
    "Mansouri",
    "Garnier",
    "Keita",
    "Faure",
    "Belkacem",
    "Lambert",
    "Ndiaye",
    "Roux",
    "Aït Ali",
    "Blanc",
    "Cissé",
]
BARRIERS = [value for value, _label in Tenant.Barrier.choices]
DYNAMIC = [
    S.CDI,
    S.CDD_LONG,
    S.CDD_SHORT,
    S.SUBSIDISED,
    S.QUALIFYING_TRAINING,
    S.APPRENTICESHIP,
    S.BUSINESS_CREATION,
    S.INSERTION_EMPLOYER,
]
NOT_DYNAMIC = [S.JOB_SEARCH, S.JOB_SEARCH, S.INACTIVE, S.UNKNOWN]


@dataclass(frozen=True)
class ActivityPlan:
    title: str
    kind: str
    per_year: int
    start: datetime.time = datetime.time(9, 30)
    hours: int = 3


@dataclass(frozen=True)
class Plan:
    """How one programme's years go: entries and exits per year, what people leave for."""

    entries: dict[int, int]  # a year's entries; a negative number -n means "enough to support n"
    exits: dict[int, tuple[int, int]]  # a year's (exits, of which dynamic)
    activities: list[ActivityPlan]
    dynamic_situations: list[str] = field(default_factory=lambda: list(DYNAMIC))
    stay_months: tuple[int, int] = (4, 12)
    attendance: float = 0.85
    unknown_share: float = 0.15
    barriers_fall: float = 0.65
    events: dict[int, int] = field(default_factory=dict)  # 400 locataires: people registered per year
    work_hours: bool = False


PLANS = {
    "atelier-de-quartier": Plan(
        entries={2023: 22, 2024: 24, 2025: 18},
        exits={2023: (8, 4), 2024: (20, 11), 2025: (36, 18)},
        activities=[
            ActivityPlan("Atelier bricolage et décoration", K.WORKSHOP, 20),
            ActivityPlan("Chantier d'auto-réhabilitation accompagnée", K.TRAINING, 12, hours=6),
            ActivityPlan("Réunion des ambassadeurs", K.INFORMATION_SESSION, 4, datetime.time(18, 0), 2),
        ],
        dynamic_situations=[S.CDD_SHORT, S.SUBSIDISED, S.QUALIFYING_TRAINING, S.INSERTION_EMPLOYER, S.CDI],
    ),
    "mille-aiguilles": Plan(
        entries={2023: 8, 2024: 8, 2025: 8, 2026: 6},
        exits={2023: (3, 2), 2024: (8, 5), 2025: (8, 6), 2026: (5, 3)},
        activities=[
            ActivityPlan("Atelier couture", K.WORKSHOP, 30),
            ActivityPlan("Journée d'intégration chez France Luxury Shirt", K.IMMERSION, 10, hours=7),
        ],
        dynamic_situations=[S.CDI, S.CDD_LONG, S.CDD_LONG, S.QUALIFYING_TRAINING],
        stay_months=(6, 11),
        attendance=0.9,
    ),
    "en-route-vers-emploi": Plan(
        entries={2023: 18, 2024: 18},
        exits={2024: (17, 11), 2025: (19, 14)},
        activities=[
            ActivityPlan("Formation ADVF", K.TRAINING, 30, hours=7),
            ActivityPlan("Stage d'immersion", K.IMMERSION, 8, hours=7),
            ActivityPlan("Semaine d'examen", K.EXAM, 2, hours=7),
        ],
        dynamic_situations=[S.CDI, S.CDD_LONG, S.APPRENTICESHIP, S.CDD_SHORT],
        stay_months=(10, 13),
    ),
    "increase": Plan(
        entries={2019: 70, 2020: 60, 2021: 66, 2022: 60},
        exits={2019: (39, 16), 2020: (39, 16), 2021: (39, 16), 2022: (39, 16), 2023: (100, 41)},
        activities=[
            ActivityPlan("3h pour l'emploi", K.INFORMATION_SESSION, 10, datetime.time(14, 0)),
            ActivityPlan("Rennes aux Fourneaux", K.TRAINING, 12, hours=6),
            ActivityPlan("École de gardiens d'immeuble (CAP)", K.TRAINING, 12, hours=6),
        ],
        dynamic_situations=[
            S.BUSINESS_CREATION,
            S.BUSINESS_CREATION,
            S.CDI,
            S.CDD_LONG,
            S.CDD_SHORT,
            S.QUALIFYING_TRAINING,
        ],
        stay_months=(3, 10),
        attendance=0.8,
    ),
    "action-mutualisee": Plan(
        entries={2022: 15, 2023: 15, 2024: 16, 2025: 15, 2026: 10},
        exits={2022: (6, 3), 2023: (14, 8), 2024: (15, 9), 2025: (15, 9), 2026: (8, 5)},
        activities=[
            ActivityPlan("Entretien d'accompagnement social", K.INDIVIDUAL_APPOINTMENT, 24, hours=1),
            ActivityPlan("Chantier d'insertion", K.WORK_HOURS, 24, datetime.time(8, 30), 6),
        ],
        dynamic_situations=[S.CDD_SHORT, S.SUBSIDISED, S.INSERTION_EMPLOYER, S.CDI, S.QUALIFYING_TRAINING],
        stay_months=(6, 14),
        unknown_share=0.3,
    ),
    "400-locataires": Plan(
        entries={2023: 10, 2024: 12, 2025: 10},
        exits={2023: (10, 5), 2024: (12, 6), 2025: (10, 5)},
        activities=[ActivityPlan("Atelier CV et entretien", K.WORKSHOP, 6)],
        dynamic_situations=[S.CDD_SHORT, S.CDI, S.QUALIFYING_TRAINING, S.SUBSIDISED],
        stay_months=(1, 3),
        events={2023: 100, 2024: 120, 2025: 110},
    ),
    "conciergerie-solidaire": Plan(
        entries={2022: 18, 2023: 26, 2024: -51, 2025: 24, 2026: 16},
        exits={2022: (6, 3), 2023: (24, 8), 2024: (30, 14), 2025: (26, 10), 2026: (12, 5)},
        activities=[ActivityPlan("Point d'équipe de la conciergerie", K.WORKSHOP, 20, datetime.time(14, 0), 2)],
        dynamic_situations=[S.CDD_LONG, S.CDI, S.QUALIFYING_TRAINING, S.CDD_SHORT],
        stay_months=(5, 12),
        unknown_share=0.35,
        work_hours=True,
    ),
}

EVENTS = [("RDV de l'emploi", K.COLLECTIVE_EVENT), ("Rallye de l'emploi", K.JOB_RALLY)]


@dataclass
class Person:
    tenant: Tenant
    entered: datetime.date
    age: int
    situation: str
    education: str
    left: datetime.date | None = None
    exit_situation: str = ""
    enrolment: Enrolment | None = None


def today() -> datetime.date:
    return timezone.localdate()


def load() -> None:
    for slug, plan in PLANS.items():
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None or _has_history(programme):
            continue
        with transaction.atomic():
            History(programme, plan, today()).write()


def _has_history(programme: Programme) -> bool:
    return Enrolment.objects.filter(
        programme=programme, tenant__lease_reference__startswith=f"{LEASE_PREFIX}-{programme.slug}-"
    ).exists()


class History:
    def __init__(self, programme: Programme, plan: Plan, today: datetime.date):
        self.programme, self.plan = programme, plan
        self.rng = random.Random(f"passerelles-{programme.slug}")
        self.cap = min(programme.end_date or today, today - datetime.timedelta(days=1))
        self.yesterday = today - datetime.timedelta(days=1)  # follow-ups go on after a programme ends
        self.landlords = list(
            Organisation.objects.filter(programme_landlord_links__programme=programme).order_by(
                "-programme_landlord_links__is_lead", "name"
            )
        )
        self.hoods = list(programme.neighbourhoods.all())
        self.recorder = _recorder(programme)
        self.tenants: list[Tenant] = []

    # --- people and their pathways -----------------------------------------------------------

    def write(self) -> None:
        people = self.pathways()
        Tenant.objects.bulk_create(self.tenants)
        enrolments = Enrolment.objects.bulk_create(self.enrolment(person) for person in people)
        for person, enrolment in zip(people, enrolments, strict=True):
            person.enrolment = enrolment
        self.exits(people)
        self.assessments(people)
        self.attendance(people)
        if self.plan.events:
            self.events(people)
        if self.plan.work_hours:
            self.work_hours(people)

    def pathways(self) -> list[Person]:
        people, pool = [], []
        for year in sorted(set(self.plan.entries) | set(self.plan.exits)):
            first, last = max(D(year, 1, 5), self.programme.start_date), min(D(year, 10, 31), self.cap)
            if first > self.cap:
                break
            count = self.plan.entries.get(year, 0)
            if count < 0:  # fill up to this many people supported in the year
                count = -count - len(pool)
            newcomers = sorted((self.person(self.day(first, last)) for _ in range(count)), key=lambda p: p.entered)
            people += newcomers
            pool += newcomers
            exits, dynamic = self.plan.exits.get(year, (0, 0))
            leaving = self.leavers(pool, year, exits)
            situations = self.exit_situations(len(leaving), dynamic)
            for person, situation in zip(leaving, situations, strict=True):
                earliest = max(person.entered + datetime.timedelta(days=30), D(year, 1, 3))
                latest = min(D(year, 12, 20), self.cap)
                stay = person.entered + datetime.timedelta(days=30 * self.rng.randint(*self.plan.stay_months))
                person.left = min(max(stay, earliest), latest)
                person.exit_situation = situation
                pool.remove(person)
        return people

    def leavers(self, pool: list[Person], year: int, count: int) -> list[Person]:
        """Who leaves in `year`: the longest there first, among those who can leave a month after entry."""
        latest = min(D(year, 12, 20), self.cap) - datetime.timedelta(days=30)
        candidates = [person for person in pool if person.entered <= latest]
        return candidates[:count]

    def exit_situations(self, count: int, dynamic: int) -> list[str]:
        dynamic = min(dynamic, count)
        chosen = [self.rng.choice(self.plan.dynamic_situations) for _ in range(dynamic)]
        chosen += [self.rng.choice(NOT_DYNAMIC) for _ in range(count - dynamic)]
        self.rng.shuffle(chosen)
        return chosen

    def person(self, entered: datetime.date, *, age: int | None = None) -> Person:
        rng = self.rng
        sex = rng.choice(Tenant.Sex.values)
        age = age or rng.choice([rng.randint(18, 29), rng.randint(30, 54), rng.randint(30, 54), rng.randint(55, 62)])
        situation = rng.choices(["unemployed", "inactive", "employed", ""], [70, 20, 6, 4])[0]
        education = rng.choices(["isced_0_2", "isced_3_4", "isced_5_8", ""], [50, 35, 8, 7])[0]
        landlord = self.landlords[len(self.tenants) % len(self.landlords)]
        tenant = Tenant(
            landlord=landlord,
            lease_reference=f"{LEASE_PREFIX}-{self.programme.slug}-{len(self.tenants) + 1:04d}",
            first_name=rng.choice(FIRST_NAMES_F if sex == "F" else FIRST_NAMES_M),
            last_name=rng.choice(LAST_NAMES),
            birth_date=entered - datetime.timedelta(days=365 * age + rng.randint(0, 364)),
            sex=sex,
            neighbourhood=rng.choice(self.hoods) if self.hoods else None,
            situation=situation,
            unemployed_since=entered - datetime.timedelta(days=rng.randint(60, 900))
            if situation == "unemployed"
            else None,
            known_to_institutions=rng.random() >= self.plan.unknown_share,
            education_level=education,
            disability_recognised=rng.random() < 0.08,
            housing_exclusion=rng.random() < 0.05,
            household=rng.choice(Tenant.Household.values),
            barriers=rng.sample(BARRIERS, 2),
        )
        self.tenants.append(tenant)
        return Person(tenant, entered, age, situation, education)

    def enrolment(self, person: Person) -> Enrolment:
        tenant = person.tenant
        return Enrolment(
            tenant=tenant,
            programme=self.programme,
            entered_on=person.entered,
            status=Enrolment.Status.EXITED if person.left else Enrolment.Status.ACTIVE,
            entry_age=person.age,
            entry_sex=tenant.sex,
            entry_situation=person.situation,
            entry_long_term_unemployed=bool(
                tenant.unemployed_since and (person.entered - tenant.unemployed_since).days >= 365
            ),
            entry_education_level=person.education,
            entry_disability=bool(tenant.disability_recognised),
            entry_single_parent=tenant.household == Tenant.Household.SINGLE_PARENT,
            entry_qpv_resident=bool(tenant.neighbourhood and tenant.neighbourhood.qpv_code),
            entry_housing_exclusion=tenant.housing_exclusion,
            entry_known_to_institutions=tenant.known_to_institutions,
            created_by=self.recorder,
        )

    def exits(self, people: list[Person]) -> None:
        rng, leavers = self.rng, [person for person in people if person.left]
        exits = Exit.objects.bulk_create(
            Exit(
                enrolment=person.enrolment,
                entered_on=person.entered,
                exit_date=person.left,
                situation=person.exit_situation,
                contract_months=(rng.randint(6, 12) if person.exit_situation == S.CDD_LONG else rng.randint(1, 5))
                if person.exit_situation in Exit.FIXED_TERM
                else None,
                qualification_gained=person.exit_situation in DYNAMIC and rng.random() < 0.4,
                agrees_to_contact=rng.random() < 0.85,
                recorded_by=self.recorder,
            )
            for person in leavers
        )
        follow_ups = []
        for exit in exits:
            contacted = exit.exit_date + datetime.timedelta(days=183)
            if contacted > self.yesterday or not exit.agrees_to_contact:
                continue
            if rng.random() < 0.25:
                result, improved = FollowUp.Result.NO_ANSWER, None
            else:
                employed = rng.random() < (0.8 if exit.situation in DYNAMIC[:5] else 0.3)
                result = FollowUp.Result.EMPLOYED if employed else FollowUp.Result.NOT_EMPLOYED
                improved = employed or rng.random() < 0.4
            follow_ups.append(
                FollowUp(exit=exit, contacted_on=contacted, result=result, improved=improved, recorded_by=self.recorder)
            )
        FollowUp.objects.bulk_create(follow_ups)

    def assessments(self, people: list[Person]) -> None:
        rng, planned = self.rng, []
        for person in people:
            end = person.left or self.cap
            levels = {barrier: rng.randint(1, 4) for barrier in rng.sample(BARRIERS, rng.randint(2, 3))}
            planned.append((person, person.entered, BarrierAssessment.Stage.ENTRY, levels))
            later = min(person.entered + datetime.timedelta(days=120), end)
            if (later - person.entered).days >= 30:
                falls = rng.random() < self.plan.barriers_fall
                moved = {
                    barrier: max(0, level - rng.randint(1, 2)) if falls else min(4, level + rng.randint(0, 1))
                    for barrier, level in levels.items()
                }
                stage = BarrierAssessment.Stage.EXIT if later == person.left else BarrierAssessment.Stage.FOLLOW_UP
                planned.append((person, later, stage, moved))
        assessments = BarrierAssessment.objects.bulk_create(
            BarrierAssessment(enrolment=person.enrolment, assessed_on=day, stage=stage, assessed_by=self.recorder)
            for person, day, stage, _levels in planned
        )
        BarrierScore.objects.bulk_create(
            BarrierScore(assessment=assessment, barrier=barrier, level=level)
            for assessment, (_person, _day, _stage, levels) in zip(assessments, planned, strict=True)
            for barrier, level in levels.items()
        )

    # --- sessions and attendance -------------------------------------------------------------

    def sessions(self, title: str, kind: str, dates: list[datetime.date], start: datetime.time, hours: int):
        activity, _ = Activity.objects.get_or_create(programme=self.programme, title=title, defaults={"kind": kind})
        end = datetime.time(start.hour + hours, start.minute)
        sessions = Session.objects.bulk_create(
            Session(activity=activity, date=day, start_time=start, end_time=end, place=self.place()) for day in dates
        )
        # Every history session is past and its attendance taken: saved as the coordinator would,
        # so that loading the demo again does not take them for registers still to fill in.
        AttendanceSheet.objects.bulk_create(
            AttendanceSheet(
                session=session,
                version=1,
                saved_by=self.recorder,
                saved_at=timezone.make_aware(datetime.datetime.combine(session.date, end)),
            )
            for session in sessions
        )
        return sessions

    def place(self) -> str:
        return f"Maison de quartier — {self.hoods[0].name}" if self.hoods else "Maison de quartier"

    def attendance(self, people: list[Person]) -> None:
        rng, registrations = self.rng, []
        years = sorted(set(self.plan.entries) | set(self.plan.exits))
        for spec in self.plan.activities:
            dates = sorted(
                {
                    self.day(max(D(year, 1, 8), self.programme.start_date), min(D(year, 12, 18), self.cap))
                    for year in years
                    for _ in range(spec.per_year)
                    if D(year, 1, 8) <= self.cap
                }
            )
            for session in self.sessions(spec.title, spec.kind, dates, spec.start, spec.hours):
                present = [p for p in people if p.entered <= session.date <= (p.left or session.date)]
                if spec.kind == K.INDIVIDUAL_APPOINTMENT and present:
                    present = rng.sample(present, min(len(present), 3))
                for person in present:
                    mark = rng.random()
                    attendance = (
                        "present"
                        if mark < self.plan.attendance
                        else ("absent" if mark < self.plan.attendance + (1 - self.plan.attendance) * 0.7 else "excused")
                    )
                    registrations.append(
                        Registration(
                            session=session,
                            tenant=person.tenant,
                            attendance=attendance,
                            hours=Decimal(spec.hours) if attendance == "present" else 0,
                        )
                    )
        Registration.objects.bulk_create(registrations, batch_size=2000)

    def events(self, people: list[Person]) -> None:
        """Each year's job events: 90 % of the registered come; 20 % of the people reached are unknown."""
        rng, registrations = self.rng, []
        for year, registered in sorted(self.plan.events.items()):
            if D(year, 3, 1) > self.cap:
                continue
            dates = sorted({self.day(D(year, 3, 1), min(D(year, 11, 30), self.cap)) for _ in range(4)})
            sessions = []
            for index, day in enumerate(dates):
                title, kind = EVENTS[index % 2]
                sessions += self.sessions(title, kind, [day], datetime.time(14, 0), 3)
            came = round(registered * 0.9)
            walk_ins = registered - came  # people reached = came + walk-ins = registered
            unknown = round(registered * 0.2)
            # This year's participants come from the events; the others are new faces.
            enrolled = [p for p in people if p.entered.year == year]
            guests = [self.person(dates[0]) for _ in range(registered - len(enrolled))]
            # Two of the unknown are walk-ins; the rest are guests who came, beside the participants
            # who were unknown already.
            unknown_guests = unknown - 2 - sum(not p.tenant.known_to_institutions for p in enrolled)
            for index, person in enumerate(guests):
                person.tenant.known_to_institutions = index >= unknown_guests
            Tenant.objects.bulk_create([person.tenant for person in guests])
            for index, person in enumerate(enrolled + guests):  # participants came, and came first
                present = index < came
                registrations.append(
                    Registration(
                        session=sessions[index % len(sessions)],
                        tenant=person.tenant,
                        attendance="present" if present else "absent",
                        hours=Decimal(3) if present else 0,
                    )
                )
            for index in range(walk_ins):
                first = rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)
                registrations.append(
                    Registration(
                        session=sessions[index % len(sessions)],
                        tenant=None,
                        walk_in=True,
                        walk_in_name=f"{first} {rng.choice(LAST_NAMES)[0]}. ({year}-{index + 1})",
                        walk_in_landlord=self.landlords[index % len(self.landlords)],
                        known_to_institutions=index >= 2,
                        attendance="present",
                        hours=Decimal(3),
                    )
                )
        Registration.objects.bulk_create(registrations, batch_size=2000)

    def work_hours(self, people: list[Person]) -> None:
        """Premières Heures: weekly hours growing from 4 towards 16 over the contract."""
        employers = list(
            Organisation.objects.filter(
                programme_partner_links__programme=self.programme,
                programme_partner_links__role=ProgrammePartner.Role.EMPLOYER,
            )
            .distinct()
            .order_by("name")
        )
        contracts = WorkContract.objects.bulk_create(
            WorkContract(
                enrolment=person.enrolment,
                employer=employers[index % len(employers)],
                starts_on=person.entered,
                ends_on=person.left,
                recorded_by=self.recorder,
            )
            for index, person in enumerate(people)
        )
        weeks = []
        for contract in contracts:
            monday = contract.starts_on - datetime.timedelta(days=contract.starts_on.weekday())
            end = contract.ends_on or self.cap
            for week in range(60):
                day = monday + datetime.timedelta(weeks=week)
                if day > end:
                    break
                hours = min(16, 4 + week // 4 * 2)
                weeks.append(
                    WeeklyHours(contract=contract, week_start=day, hours=Decimal(hours), recorded_by=self.recorder)
                )
        WeeklyHours.objects.bulk_create(weeks, batch_size=2000)

    def day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        """A weekday between `first` and `last`."""
        day = first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
        if day.weekday() >= 5:  # a weekend: the Friday before
            day -= datetime.timedelta(days=day.weekday() - 4)
        return max(day, first)


def _recorder(programme: Programme) -> User:
    """Who recorded the history: a coordinator of the programme, else the demo admin."""
    coordinator = (
        User.objects.filter(
            memberships__role=Membership.Role.COORDINATOR,
            memberships__organisation__programme_partner_links__programme=programme,
        )
        .order_by("email")
        .first()
    )
    return coordinator or User.objects.filter(is_superuser=True).order_by("email").first()
