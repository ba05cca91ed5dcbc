"""Demo sessions, attendance and pathways: enough to try the coordinator's week.

Sessions are placed relative to today (one of Mille Aiguilles is today), with participants
created here, attendance on past sessions, steps, barrier assessments, tutors, sponsors and
Premières Heures hours. Idempotent: records are found by their natural keys; loading on a
later day adds that day's sessions and fills in the attendance of those now past.
A multi-year history for reports is loaded by the outcomes demo.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from partners.models import Organisation, User
from programmes.models import Activity, Programme, Session

from .models import (
    AttendanceSheet,
    BarrierAssessment,
    BarrierScore,
    Consent,
    Enrolment,
    PathwayNote,
    PathwayStep,
    Registration,
    Tenant,
    WeeklyHours,
    WorkContract,
)

K = Activity.Kind
S = PathwayStep.Kind
RES = PathwayStep.Result
A = Registration.Attendance
D = datetime.date

# programme slug: (landlord slug, coordinator e-mail, tutor e-mail, participants)
# participant: (lease, last name, first name, birth date, sex, months since entry, barriers at entry → now)
PARTICIPANTS = {
    "mille-aiguilles": (
        "valloire-habitat",
        "coordination@passerelles.demo",
        "bailleur@passerelles.demo",
        [
            ("VH-45-1021", "Benali", "Samira", D(1986, 4, 12), "F", 5, {"child_care": (4, 2), "mobility": (3, 1)}),
            ("VH-45-1187", "Lopes", "Maria", D(1979, 9, 3), "F", 5, {"language": (3, 2), "confidence": (3, 1)}),
            ("VH-45-0954", "Traoré", "Aïssata", D(1992, 1, 27), "F", 4, {"child_care": (3, 3), "digital": (2, 1)}),
            ("VH-45-1302", "Martin", "Sandrine", D(1975, 11, 8), "F", 3, {"health": (2, 2), "mobility": (4, 2)}),
            ("VH-45-1410", "Kaya", "Elif", D(1990, 6, 15), "F", 2, {"language": (4, 3)}),
            ("VH-45-1555", "Dubois", "Nathalie", D(1983, 2, 21), "F", 1, {"confidence": (3, 3)}),
        ],
    ),
    "en-route-vers-emploi": (
        "batigere-grand-est",
        "coordination.amli@passerelles.demo",
        "bailleur.batigere@passerelles.demo",
        [
            ("BGE-57-3310", "Schmitt", "Laura", D(1995, 3, 2), "F", 6, {"mobility": (3, 1)}),
            ("BGE-57-3422", "Haddad", "Yasmine", D(1988, 8, 19), "F", 6, {"child_care": (3, 2)}),
            ("BGE-57-3498", "Nguyen", "Thi", D(1991, 12, 5), "F", 6, {"language": (3, 2), "administrative": (2, 0)}),
        ],
    ),
    "400-locataires": (
        "vilogia",
        "coordination.hdf@passerelles.demo",
        "",
        [
            ("VIL-59-7781", "Lefort", "Kevin", D(1998, 5, 30), "M", 2, {"mobility": (2, 2)}),
            ("VIL-59-7802", "Ouali", "Karim", D(1984, 10, 11), "M", 2, {"digital": (3, 3)}),
            ("VIL-59-7915", "Petit", "Jessica", D(1993, 7, 7), "F", 1, {"confidence": (2, 2)}),
        ],
    ),
    "conciergerie-solidaire": (
        "paris-habitat",
        "coordination.aurore@passerelles.demo",
        "",
        [
            ("PH-75-2201", "Camara", "Moussa", D(1981, 1, 9), "M", 14, {"housing": (4, 2)}),
            ("PH-75-2240", "Rossi", "Paolo", D(1969, 4, 22), "M", 3, {"health": (3, 2)}),
        ],
    ),
}

# programme slug: [(title, kind, place, start, end, capacity, day offsets from today)]
ACTIVITIES = {
    "mille-aiguilles": [
        (
            "Atelier couture",
            K.WORKSHOP,
            "Maison de quartier de La Chaussée",
            (9, 0),
            (12, 0),
            10,
            [-28, -21, -14, -7, 0, 7, 14],
        ),
        (
            "Journée d'intégration chez France Luxury Shirt",
            K.IMMERSION,
            "France Luxury Shirt, Montargis",
            (8, 30),
            (16, 30),
            6,
            [-4, 10],
        ),
    ],
    "en-route-vers-emploi": [
        ("Formation ADVF — module 3", K.TRAINING, "AFPA Metz-Borny", (9, 0), (17, 0), 12, [-9, -2, 5]),
    ],
    "400-locataires": [
        (
            "RDV de l'emploi — L'Épeule",
            K.COLLECTIVE_EVENT,
            "Pied d'immeuble, rue de l'Épeule, Roubaix",
            (14, 0),
            (17, 0),
            40,
            [-10, 12],
        ),
    ],
    "conciergerie-solidaire": [
        (
            "Point hebdomadaire Premières Heures",
            K.INDIVIDUAL_APPOINTMENT,
            "Les Grands Voisins",
            (10, 0),
            (11, 0),
            4,
            [-6, 1],
        ),
    ],
}

WALK_INS = [("Fatou K.", "vilogia", False), ("Jean-Marc D.", None, False), ("Sabrina L.", "vilogia", True)]


def _mark(person: int, session: int) -> str:
    """A steady, realistic pattern: most come, some are absent, a few excused."""
    if (person + session) % 6 == 0:
        return A.ABSENT
    if (person + 2 * session) % 11 == 0:
        return A.EXCUSED
    return A.PRESENT


def _participants(programme, landlord, recorder, people, today):
    enrolments = []
    for lease, last, first, born, sex, months, barriers in people:
        tenant, _ = Tenant.objects.get_or_create(
            landlord=landlord,
            lease_reference=lease,
            last_name=last,
            first_name=first,
            birth_date=born,
            defaults={
                "sex": sex,
                "situation": Tenant.Situation.UNEMPLOYED,
                "city": landlord.city,
                "barriers": list(barriers),
                "created_by": recorder,
            },
        )
        if not tenant.consents.filter(withdrawn_on__isnull=True).exists():
            Consent.objects.create(
                tenant=tenant,
                given_on=today - datetime.timedelta(days=30 * months + 20),
                text_version="2024-01",
                recorded_by=recorder,
            )
        entered = today - datetime.timedelta(days=30 * months)
        enrolment, _ = Enrolment.objects.get_or_create(
            tenant=tenant,
            programme=programme,
            status=Enrolment.Status.ACTIVE,
            defaults={
                "entered_on": entered,
                "entry_age": (entered - born).days // 365,
                "entry_sex": sex,
                "entry_situation": Tenant.Situation.UNEMPLOYED,
                "created_by": recorder,
            },
        )
        enrolments.append((enrolment, barriers))
    return enrolments


def _assessments(enrolment, barriers, coordinator, today):
    stages = [(BarrierAssessment.Stage.ENTRY, enrolment.entered_on, 0)]
    if (today - enrolment.entered_on).days > 45:
        stages.append((BarrierAssessment.Stage.FOLLOW_UP, today - datetime.timedelta(days=10), 1))
    for stage, day, index in stages:
        assessment, created = BarrierAssessment.objects.get_or_create(
            enrolment=enrolment, stage=stage, defaults={"assessed_on": day, "assessed_by": coordinator}
        )
        if created:
            BarrierScore.objects.bulk_create(
                BarrierScore(assessment=assessment, barrier=barrier, level=levels[index])
                for barrier, levels in barriers.items()
            )


def _steps(enrolment, slug, today):
    entered = enrolment.entered_on
    steps = [(S.DIAGNOSTIC, "Entretien de diagnostic", entered, entered, RES.COMPLETED)]
    if slug == "mille-aiguilles":
        steps.append(
            (S.WORKSHOPS, "Ateliers couture hebdomadaires", entered + datetime.timedelta(days=7), None, RES.IN_PROGRESS)
        )
    elif slug == "en-route-vers-emploi":
        steps += [
            (
                S.TRAINING,
                "Formation ADVF (titre professionnel)",
                entered + datetime.timedelta(days=14),
                None,
                RES.IN_PROGRESS,
            ),
            (
                S.IMMERSION,
                "Stage d'immersion chez Emplois Familiaux de Moselle",
                today + datetime.timedelta(days=20),
                None,
                RES.PLANNED,
            ),
        ]
    elif slug == "conciergerie-solidaire":
        steps.append((S.JOB_CONTRACT, "Contrat Premières Heures", entered, None, RES.IN_PROGRESS))
    for kind, title, start, end, result in steps:
        PathwayStep.objects.get_or_create(
            enrolment=enrolment,
            kind=kind,
            title=title,
            defaults={"started_on": start, "ended_on": end, "result": result},
        )


def _sessions(programme, specs, enrolments, coordinator, today):
    for title, kind, place, start, end, capacity, offsets in specs:
        activity, _ = Activity.objects.get_or_create(programme=programme, title=title, defaults={"kind": kind})
        for offset in offsets:
            session, _ = Session.objects.get_or_create(
                activity=activity,
                date=today + datetime.timedelta(days=offset),
                start_time=datetime.time(*start),
                defaults={
                    "end_time": datetime.time(*end),
                    "place": place,
                    "capacity": capacity,
                    "facilitator": str(coordinator),
                },
            )
            for enrolment, _barriers in enrolments:
                Registration.objects.get_or_create(session=session, tenant=enrolment.tenant)
            if kind in Activity.EVENT_KINDS and offset < 0:
                for name, landlord_slug, known in WALK_INS:
                    Registration.objects.get_or_create(
                        session=session,
                        walk_in_name=name,
                        defaults={
                            "walk_in": True,
                            "attendance": A.PRESENT,
                            "hours": session.duration_hours,
                            "walk_in_landlord": Organisation.objects.filter(slug=landlord_slug).first(),
                            "known_to_institutions": known,
                        },
                    )
    # Attendance of every past session of these activities that was not recorded yet.
    past = Session.objects.filter(activity__programme=programme, date__lt=today).exclude(
        attendance_sheet__version__gt=0
    )
    for session_index, session in enumerate(past.order_by("date")):
        for person_index, registration in enumerate(session.registrations.filter(walk_in=False).order_by("pk")):
            mark = _mark(person_index, session_index)
            registration.attendance = mark
            registration.hours = session.duration_hours if mark == A.PRESENT else Decimal(0)
            registration.save(update_fields=["attendance", "hours"])
        AttendanceSheet.objects.update_or_create(
            session=session,
            defaults={
                "version": 1,
                "saved_by": coordinator,
                "saved_at": timezone.make_aware(datetime.datetime.combine(session.date, session.end_time)),
            },
        )


def _work_hours(programme, enrolments, recorder, today):
    employer = Organisation.objects.get(slug="aurore")
    for index, (enrolment, _barriers) in enumerate(enrolments):
        contract, _ = WorkContract.objects.get_or_create(
            enrolment=enrolment,
            employer=employer,
            starts_on=enrolment.entered_on,
            defaults={"recorded_by": recorder},
        )
        monday = today - datetime.timedelta(days=today.weekday())
        # Growing hours, as Premières Heures intends; the last week of the first one goes over 16 h.
        for weeks_ago, hours in zip(range(5, 0, -1), [6, 8, 10, 12, 17 if index == 0 else 14], strict=True):
            WeeklyHours.objects.get_or_create(
                contract=contract,
                week_start=monday - datetime.timedelta(weeks=weeks_ago),
                defaults={"hours": Decimal(hours), "recorded_by": recorder},
            )


@transaction.atomic
def load() -> None:
    today = timezone.localdate()
    landlords = {o.slug: o for o in Organisation.objects.filter(kind=Organisation.Kind.LANDLORD)}
    users = {u.email: u for u in User.objects.filter(email__endswith="@passerelles.demo")}
    for slug, (landlord_slug, coordinator_email, tutor_email, people) in PARTICIPANTS.items():
        programme = Programme.objects.get(slug=slug)
        coordinator = users[coordinator_email]
        enrolments = _participants(programme, landlords[landlord_slug], coordinator, people, today)
        for enrolment, barriers in enrolments:
            _assessments(enrolment, barriers, coordinator, today)
            _steps(enrolment, slug, today)
            if enrolment.sponsor_id is None:
                enrolment.sponsor = coordinator
                enrolment.tutor = users.get(tutor_email)
                enrolment.save(update_fields=["sponsor", "tutor"])
            PathwayNote.objects.get_or_create(
                enrolment=enrolment,
                written_on=enrolment.entered_on,
                defaults={
                    "text": "Premier entretien : projet professionnel à construire, motivation forte.",
                    "author": coordinator,
                },
            )
        _sessions(programme, ACTIVITIES[slug], enrolments, coordinator, today)
        if slug == "conciergerie-solidaire":
            _work_hours(programme, enrolments, coordinator, today)
