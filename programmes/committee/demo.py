"""The demo's selection committee: the 24 November 2022 meeting of the
Comité de Sélection des Projets (four auditioned applications, three laureates linked to the
demo programmes, one not retained), and an open DREETS call whose planned meeting gives the
demo committee members something to score. Scores, amounts and texts are plausible, not real.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from partners.models import Neighbourhood, Organisation, User
from programmes.models import Programme, ProgrammePartner

from .models import (
    AgendaItem,
    Application,
    ApplicationPartner,
    ApplicationTransition,
    Call,
    CoFinancingLine,
    ConflictDeclaration,
    Criterion,
    Decision,
    Meeting,
    MeetingMember,
    MeetingTransition,
    Score,
    Vote,
)
from .services import minutes_build_later

PARIS = ZoneInfo("Europe/Paris")
P = ProgrammePartner.Role
A = Application.Status
M = Meeting.Status
V = Vote.Choice

GRID = [
    ("Pertinence pour les locataires", "Réponse aux besoins des locataires des quartiers visés.", 10, "3"),
    ("Qualité du partenariat", "Rôle clair de chaque partenaire, engagement des employeurs.", 10, "2"),
    ("Réalisme du budget et des cofinancements", "Coûts justifiés, cofinancements acquis ou sollicités.", 10, "2"),
    ("Objectifs chiffrés", "Nombre de participants, sorties vers l'emploi attendues.", 10, "1.5"),
    ("Pérennité", "Suite prévue après le financement.", 10, "1.5"),
]

COMMITTEE = [
    "comite@passerelles.demo",
    "comite.dreets@passerelles.demo",
    "comite.3f@passerelles.demo",
    "comite.cdc@passerelles.demo",
    "comite.travail@passerelles.demo",
]

# title, programme slug, lead, co-landlords, partners, hoods, months, target, budget, co-financing,
# audition slot, decision (outcome, amount, reason), votes per member (in COMMITTEE order),
# scores per member (one string of five digits per member; "-" for not applicable).
APPLICATIONS_2022 = [
    {
        "title": "Atelier de Quartier (Trappes)",
        "programme": "atelier-de-quartier",
        "lead": "valophis-sarepa",
        "co": ["icf-la-sabliere", "immobiliere-3f", "seqens"],
        "partners": [("so-creatives", P.COORDINATOR), ("so-creatives", P.CARRIER), ("les-fees-recup", P.TRAINER)],
        "hoods": [
            "trappes-merisiers",
            "trappes-plaine-de-neauphle",
            "trappes-sand-pergaud-verlaine",
            "trappes-centre-ville",
        ],
        "months": 36,
        "target": (60, "total"),
        "budget": 230000,
        "cofinancing": [("dreets-hdf", 2023, 40000, "requested"), ("immobiliere-3f", 2023, 15000, "granted")],
        "slot": ((14, 0), (14, 30)),
        "decision": ("laureate", 115000, "Diagnostic solide, quatre bailleurs partenaires, ambassadeurs locataires."),
        "votes": [V.FOR, V.FOR, None, V.FOR, V.FOR],
        "scores": ["98877", "89878", None, "88767", "99888"],
    },
    {
        "title": "Mille Aiguilles (Montargis)",
        "programme": "mille-aiguilles",
        "lead": "valloire-habitat",
        "co": [],
        "partners": [
            ("mille-sourires", P.COORDINATOR),
            ("mille-sourires", P.CARRIER),
            ("france-luxury-shirt", P.EMPLOYER),
            ("ptce-gatinais", P.EVALUATOR),
        ],
        "hoods": ["montargis-la-chaussee"],
        "months": 36,
        "target": (8, "per_year"),
        "budget": 96000,
        "cofinancing": [("dreets-hdf", 2023, 25000, "requested"), ("valloire-habitat", 2024, 10000, "granted")],
        "slot": ((14, 30), (15, 0)),
        "decision": ("laureate", 75000, "Employeur engagé dès le départ, contrat de travail à la clé."),
        "votes": [V.FOR, V.FOR, V.FOR, V.ABSTAIN, V.FOR],
        "scores": ["99786", "89797", "88686", "7867-", "99787"],
    },
    {
        "title": "En route vers l'emploi (Moselle)",
        "programme": "en-route-vers-emploi",
        "lead": "batigere-habitats-solidaires",
        "co": ["batigere-grand-est"],
        "partners": [
            ("amli", P.COORDINATOR),
            ("emplois-familiaux-moselle", P.EMPLOYER),
            ("afpa", P.TRAINER),
            ("universite-lorraine", P.EVALUATOR),
        ],
        "hoods": ["metz-borny", "woippy-saint-eloy"],
        "months": 24,
        "target": (36, "total"),
        "budget": 210000,
        "cofinancing": [("dreets-hdf", 2023, 20000, "requested"), ("fse", 2024, 45000, "requested")],
        "slot": ((15, 0), (15, 30)),
        "decision": ("laureate", 120000, "Formation certifiante, tuteur et parrain pour chaque candidat."),
        "votes": [V.FOR, V.FOR, V.FOR, V.FOR, V.AGAINST],
        "scores": ["88897", "99888", "87887", "98878", "76655"],
    },
    {
        "title": "Jardins nourriciers de l'Épeule (Roubaix)",
        "programme": None,
        "lead": "vilogia",
        "co": [],
        "partners": [("france-travail", P.TRAINER)],
        "hoods": ["roubaix-epeule"],
        "months": 12,
        "target": (20, "total"),
        "budget": 140000,
        "cofinancing": [("dreets-hdf", 2023, 90000, "requested")],
        "slot": ((15, 30), (16, 0)),
        "decision": (
            "rejected",
            None,
            "Aucun employeur ni chantier d'insertion identifié, budget reposant sur un "
            "seul financeur. Le comité invite le porteur à redéposer après consolidation.",
        ),
        "votes": [V.AGAINST, V.AGAINST, V.ABSTAIN, V.AGAINST, None],
        "scores": ["65443", "5643-", "66534", "54432", None],
    },
]

OPEN_APPLICATIONS = [
    {
        "title": "Rallyes de l'emploi du Calaisis",
        "lead": "flandre-opale-habitat",
        "co": ["norevie"],
        "partners": [("france-travail", P.TRAINER)],
        "hoods": ["calais-beau-marais"],
        "months": 24,
        "target": (150, "total"),
        "budget": 88000,
        "cofinancing": [("dreets-hdf", 2027, 50000, "requested"), ("norevie", 2027, 8000, "granted")],
        "summary": "Rallyes de l'emploi au pied des immeubles du Beau-Marais, avec les employeurs du port.",
        "slot": ((9, 30), (10, 0)),
    },
    {
        "title": "Ateliers numériques de Belle-Beille (Angers)",
        "lead": "podeliha",
        "co": [],
        "partners": [("aide-accueil", P.COORDINATOR)],
        "hoods": ["angers-belle-beille"],
        "months": 18,
        "target": (12, "per_year"),
        "budget": 54000,
        "cofinancing": [("departement-maine-et-loire", 2027, 15000, "requested")],
        "summary": "Remise à niveau numérique et accompagnement vers les métiers de la médiation.",
        "slot": ((10, 0), (10, 30)),
    },
]


def _at(day, hour, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _call(title, funders, grid, **fields):
    call, _ = Call.objects.update_or_create(title=title, defaults=fields)
    call.funders.set(funders)
    for position, (name, description, max_score, weight) in enumerate(grid, start=1):
        Criterion.objects.update_or_create(
            call=call,
            name=name,
            defaults={
                "description": description,
                "max_score": max_score,
                "weight": Decimal(weight),
                "position": position,
            },
        )
    return call


def _application(call, spec, orgs, hoods, author, submitted_at, summary=""):
    target, period = spec["target"]
    fields = {
        "lead_landlord": orgs[spec["lead"]],
        "summary": spec.get("summary") or summary or spec["title"],
        "objectives": "Mobiliser les locataires éloignés de l'emploi et les accompagner jusqu'au contrat.",
        "actions": "Repérage avec les gardiens, ateliers collectifs, immersions chez les employeurs partenaires.",
        "duration_months": spec["months"],
        "target_participants": target,
        "target_period": period,
        "total_budget": Decimal(spec["budget"]),
        "status": A.SUBMITTED if submitted_at else A.DRAFT,
        "created_by": author,
    }
    # Dates relative to now are set once: loading the demo again leaves the submission as it was.
    dates = {"planned_start": timezone.localdate(submitted_at) if submitted_at else None, "submitted_at": submitted_at}
    application, created = Application.objects.update_or_create(
        call=call, title=spec["title"], revision=1, defaults=fields, create_defaults={**fields, **dates}
    )
    application.co_landlords.set([orgs[s] for s in spec["co"]])
    application.neighbourhoods.set([hoods[s] for s in spec["hoods"]])
    for slug, role in spec["partners"]:
        ApplicationPartner.objects.get_or_create(application=application, organisation=orgs[slug], role=role)
    for funder, year, amount, status in spec["cofinancing"]:
        CoFinancingLine.objects.update_or_create(
            application=application,
            funder=orgs[funder],
            year=year,
            status=status,
            defaults={"amount": Decimal(amount)},
        )
    if created:
        ApplicationTransition.objects.create(
            application=application, to_status=A.DRAFT, by=author, at=submitted_at or timezone.now()
        )
        if submitted_at:
            ApplicationTransition.objects.create(
                application=application, from_status=A.DRAFT, to_status=A.SUBMITTED, by=author, at=submitted_at
            )
    return application


def _meeting(call, title, starts_at, place, quorum, members, status, admin, history):
    meeting, created = Meeting.objects.update_or_create(
        call=call,
        title=title,
        defaults={
            "starts_at": starts_at,
            "place": place,
            "quorum": quorum,
            "status": status,
            "closed_at": history.get(M.CLOSED),
        },
    )
    for user in members:
        organisation = user.memberships.get(role="committee_member").organisation
        MeetingMember.objects.get_or_create(meeting=meeting, user=user, defaults={"organisation": organisation})
    if created:
        previous = ""
        for to_status, at in history.items():
            MeetingTransition.objects.create(
                meeting=meeting, from_status=previous, to_status=to_status, by=admin, at=at
            )
            previous = to_status
    return meeting


def _item(meeting, application, position, slot):
    (h1, m1), (h2, m2) = slot
    item, _ = AgendaItem.objects.update_or_create(
        meeting=meeting,
        application=application,
        defaults={"position": position, "audition_start": datetime.time(h1, m1), "audition_end": datetime.time(h2, m2)},
    )
    return item


def _declare(item, members, at):
    for user in members:
        linked = bool({m.organisation_id for m in user.memberships.all()} & item.application.organisation_ids())
        kind = ConflictDeclaration.Kind.AUTOMATIC if linked else ConflictDeclaration.Kind.NONE
        ConflictDeclaration.objects.update_or_create(item=item, member=user, defaults={"kind": kind, "declared_at": at})


def _meeting_2022(orgs, hoods, admin):
    call = _call(
        "Comité de Sélection des Projets 2022 — emploi des locataires",
        [orgs["federation-esh"], orgs["dreets-hdf"]],
        GRID,
        opens_on=datetime.date(2022, 6, 1),
        deadline=_at(datetime.date(2022, 10, 14), 23, 59),
        budget_envelope=Decimal(350000),
        eligibility="Projets portés par un bailleur social, avec au moins un partenaire associatif ou employeur.",
        description="Appel de la fédération pour soutenir les initiatives des bailleurs en faveur de l'emploi "
        "de leurs locataires.",
    )
    members = [User.objects.get(email=email) for email in COMMITTEE]
    day = datetime.date(2022, 11, 24)
    meeting = _meeting(
        call,
        "Comité de Sélection des Projets",
        _at(day, 14),
        "Fédération des ESH, Paris",
        3,
        members,
        M.MINUTES_APPROVED,
        admin,
        {
            M.PLANNED: _at(datetime.date(2022, 10, 20), 10),
            M.OPEN: _at(day, 14),
            M.CLOSED: _at(day, 17, 30),
            M.MINUTES_APPROVED: _at(datetime.date(2022, 12, 8), 11),
        },
    )
    criteria = list(call.criteria.all())
    for position, spec in enumerate(APPLICATIONS_2022, start=1):
        author = admin
        application = _application(call, spec, orgs, hoods, author, _at(datetime.date(2022, 10, 10), 12))
        if spec["programme"]:
            application.programme = Programme.objects.filter(slug=spec["programme"]).first()
            application.save(update_fields=["programme"])
        item = _item(meeting, application, position, spec["slot"])
        _declare(item, members, _at(day, 13, 45))
        for user, marks, vote in zip(members, spec["scores"], spec["votes"], strict=True):
            if marks is None:
                continue
            for criterion, mark in zip(criteria, marks, strict=True):
                Score.objects.update_or_create(
                    item=item,
                    member=user,
                    criterion=criterion,
                    defaults={"value": None if mark == "-" else int(mark), "not_applicable": mark == "-"},
                )
            if vote:
                Vote.objects.update_or_create(item=item, member=user, defaults={"choice": vote})
        outcome, amount, reason = spec["decision"]
        Decision.objects.update_or_create(
            item=item,
            defaults={"outcome": outcome, "amount_granted": amount, "reason": reason, "decided_by": admin},
        )
    # Its minutes, as approving them would have built them: the demo's download button works.
    if not meeting.minutes:
        minutes_build_later(meeting=meeting)


def _open_call(orgs, hoods, admin):
    today = timezone.localdate()
    call = _call(
        "Amplifier les initiatives emploi des bailleurs — DREETS",
        [orgs["dreets-hdf"]],
        GRID,
        opens_on=today - datetime.timedelta(days=30),
        deadline=_at(today + datetime.timedelta(days=45), 23, 59),
        budget_envelope=Decimal(400000),
        eligibility="Bailleurs sociaux des Hauts-de-France, de l'Anjou et du Centre-Val de Loire ; "
        "projet co-construit avec une association ou un employeur.",
        description="La DREETS soutient les bailleurs qui amplifient leurs actions pour l'emploi des locataires.",
    )
    members = [User.objects.get(email=email) for email in COMMITTEE[:2] + COMMITTEE[3:4]]
    meeting = _meeting(
        call,
        "Comité de sélection DREETS",
        _at(today + datetime.timedelta(days=60), 9, 30),
        "DREETS Hauts-de-France, Lille",
        2,
        members,
        M.PLANNED,
        admin,
        {M.PLANNED: timezone.now()},
    )
    for position, spec in enumerate(OPEN_APPLICATIONS, start=1):
        application = _application(call, spec, orgs, hoods, admin, timezone.now() - datetime.timedelta(days=3))
        item = _item(meeting, application, position, spec["slot"])
        for user in members:
            if {m.organisation_id for m in user.memberships.all()} & application.organisation_ids():
                ConflictDeclaration.objects.get_or_create(
                    item=item, member=user, defaults={"kind": ConflictDeclaration.Kind.AUTOMATIC}
                )
    draft = {
        "title": "Mille Aiguilles — seconde promotion",
        "lead": "valloire-habitat",
        "co": [],
        "partners": [("mille-sourires", P.COORDINATOR), ("france-luxury-shirt", P.EMPLOYER)],
        "hoods": ["montargis-la-chaussee"],
        "months": 24,
        "target": (10, "per_year"),
        "budget": 110000,
        "cofinancing": [("dreets-hdf", 2027, 40000, "requested")],
        "summary": "Ouvrir une seconde promotion d'ateliers couture avec France Luxury Shirt.",
    }
    _application(call, draft, orgs, hoods, User.objects.get(email="bailleur@passerelles.demo"), None)


@transaction.atomic
def load() -> None:
    orgs = {o.slug: o for o in Organisation.objects.all()}
    hoods = {n.slug: n for n in Neighbourhood.objects.all()}
    admin = User.objects.get(email="admin@passerelles.demo")
    _meeting_2022(orgs, hoods, admin)
    _open_call(orgs, hoods, admin)
