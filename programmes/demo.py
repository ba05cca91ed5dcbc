"""Seven demo programmes modelled on real tenant employment programmes, with their landlords,
partners, neighbourhoods, targets and funding lines. Amounts not published are plausible."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from partners.models import Neighbourhood, Organisation

from .models import FundingLine, Programme, ProgrammeLandlord, ProgrammePartner

P = ProgrammePartner.Role
T = Programme.TargetPeriod

PROGRAMMES = [
    {
        "slug": "atelier-de-quartier",
        "name": "Atelier de Quartier (Trappes)",
        "summary": "Diagnostic territorial, mobilisation des locataires, réseau d'ambassadeurs, "
        "ateliers bricolage et décoration, chantiers d'auto-réhabilitation accompagnée.",
        "start": date(2023, 1, 1),
        "end": date(2025, 12, 31),
        "target": (60, T.TOTAL),
        "lead": "valophis-sarepa",
        "landlords": ["icf-la-sabliere", "immobiliere-3f", "seqens"],
        "partners": [("so-creatives", P.COORDINATOR), ("so-creatives", P.CARRIER), ("les-fees-recup", P.TRAINER)],
        "hoods": [
            "trappes-merisiers",
            "trappes-plaine-de-neauphle",
            "trappes-sand-pergaud-verlaine",
            "trappes-centre-ville",
        ],
        "funding": [
            ("dreets-hdf", 2023, 40000),
            ("dreets-hdf", 2024, 40000),
            ("dreets-hdf", 2025, 35000),
            ("immobiliere-3f", 2023, 15000),
        ],
    },
    {
        "slug": "mille-aiguilles",
        "name": "Mille Aiguilles (Montargis)",
        "summary": "Ateliers couture, journées d'intégration progressive chez France Luxury "
        "Shirt, levée des freins (mobilité, garde d'enfants), contrat de travail à la clé.",
        "start": date(2023, 1, 1),
        "end": None,
        "target": (8, T.PER_YEAR),
        "lead": "valloire-habitat",
        "landlords": [],
        "partners": [
            ("mille-sourires", P.COORDINATOR),
            ("mille-sourires", P.CARRIER),
            ("france-luxury-shirt", P.EMPLOYER),
            ("ptce-gatinais", P.EVALUATOR),
        ],
        "hoods": ["montargis-la-chaussee"],
        "funding": [
            ("dreets-hdf", 2023, 25000),
            ("dreets-hdf", 2024, 25000),
            ("dreets-hdf", 2025, 25000),
            ("valloire-habitat", 2024, 10000),
        ],
    },
    {
        "slug": "en-route-vers-emploi",
        "name": "En route vers l'emploi (Moselle)",
        "summary": "Formation certifiante d'assistant(e) de vie aux familles, stages "
        "d'immersion, semaine d'examen, tuteur bailleur et parrain associatif.",
        "start": date(2023, 9, 1),
        "end": date(2025, 8, 31),
        "target": (36, T.TOTAL),
        "lead": "batigere-habitats-solidaires",
        "landlords": ["batigere-grand-est"],
        "partners": [
            ("amli", P.COORDINATOR),
            ("emplois-familiaux-moselle", P.EMPLOYER),
            ("afpa", P.TRAINER),
            ("universite-lorraine", P.EVALUATOR),
        ],
        "hoods": ["metz-borny", "woippy-saint-eloy"],
        "funding": [
            ("dreets-hdf", 2023, 20000),
            ("dreets-hdf", 2024, 60000),
            ("fse", 2024, 45000),
            ("dreets-hdf", 2025, 40000),
        ],
    },
    {
        "slug": "increase",
        "name": "INCREASE Valorisation Sociale (FR/UK)",
        "summary": "38 quartiers, 32 actions (« 3h pour l'emploi », « Rennes aux Fourneaux », "
        "école de gardiens d'immeuble en CAP), ambassadeurs, création de micro-entreprises.",
        "start": date(2019, 1, 1),
        "end": date(2023, 6, 30),
        "target": (4500, T.TOTAL),
        "lead": "optivo",
        "landlords": ["archipel-habitat", "neotoa", "pas-de-calais-habitat", "logirep"],
        "partners": [
            ("weker", P.COORDINATOR),
            ("inco", P.COORDINATOR),
            ("inco", P.EVALUATOR),
            ("interreg-fma", P.FUNDER),
        ],
        "hoods": [
            "london-peckham",
            "rennes-le-blosne",
            "rennes-maurepas",
            "arras-saint-pol",
            "nanterre-petit-nanterre",
        ],
        "funding": [("interreg-fma", 2021, 900000), ("interreg-fma", 2022, 900000), ("interreg-fma", 2023, 450000)],
    },
    {
        "slug": "action-mutualisee",
        "name": "Action mutualisée (Angers, Segré)",
        "summary": "Accompagnement social global par une travailleuse sociale, bail glissant "
        "et contrat de travail d'insertion sur un des six chantiers partenaires.",
        "start": date(2022, 1, 1),
        "end": None,
        "target": (15, T.PER_YEAR),
        "lead": "podeliha",
        "landlords": [],
        "partners": [
            ("aide-accueil", P.COORDINATOR),
            ("aide-accueil", P.CARRIER),
            ("jardin-cocagne-angevin", P.EMPLOYER),
            ("chantier-segre-environnement", P.EMPLOYER),
            ("ressourcerie-anjou", P.EMPLOYER),
            ("atelier-bois-anjou", P.EMPLOYER),
            ("restos-insertion-angers", P.EMPLOYER),
            ("entretien-espaces-segre", P.EMPLOYER),
        ],
        "hoods": ["angers-belle-beille", "segre-centre"],
        "funding": [
            (funder, year, amount)
            for year in (2023, 2024, 2025)
            for funder, amount in (
                ("fse", 15000),
                ("departement-maine-et-loire", 15000),
                ("podeliha", 12600),
                ("ville-segre", 2500),
            )
        ],
    },
    {
        "slug": "400-locataires",
        "name": "400 locataires vers l'emploi (Hauts-de-France)",
        "summary": "« RDV de l'emploi » et « Rallyes de l'emploi » au pied des immeubles : "
        "mobiliser les locataires, dont ceux qu'aucune institution ne connaît.",
        "start": date(2023, 1, 1),
        "end": date(2025, 12, 31),
        "target": (400, T.TOTAL),
        "lead": "vilogia",
        "landlords": [
            "maisons-et-cites",
            "sia-habitat",
            "partenord-habitat",
            "lille-metropole-habitat",
            "flandre-opale-habitat",
            "habitat-hauts-de-france",
            "norevie",
        ],
        "partners": [("france-travail", P.TRAINER), ("dreets-hdf", P.FUNDER), ("vilogia", P.COORDINATOR)],
        "hoods": ["roubaix-epeule", "lens-grande-residence", "calais-beau-marais"],
        "funding": [("dreets-hdf", 2023, 60000), ("dreets-hdf", 2024, 60000), ("dreets-hdf", 2025, 60000)],
    },
    {
        "slug": "conciergerie-solidaire",
        "name": "Conciergerie solidaire (Paris, Les Grands Voisins)",
        "summary": "Contrats « Premières Heures » de 16 h par semaine au plus, pendant un an "
        "au plus, avec des heures qui augmentent progressivement.",
        "start": date(2022, 1, 1),
        "end": None,
        "target": (25, T.PER_YEAR),
        "lead": "paris-habitat",
        "landlords": [],
        "partners": [
            ("aurore", P.COORDINATOR),
            ("aurore", P.EMPLOYER),
            ("yes-we-camp", P.CARRIER),
            ("coallia", P.EMPLOYER),
        ],
        "hoods": ["paris-14-grands-voisins"],
        "funding": [("dreets-hdf", 2023, 30000), ("dreets-hdf", 2024, 30000), ("fse", 2024, 20000)],
    },
]


@transaction.atomic
def load() -> None:
    orgs = {o.slug: o for o in Organisation.objects.all()}
    hoods = {n.slug: n for n in Neighbourhood.objects.all()}
    for spec in PROGRAMMES:
        target, period = spec["target"]
        programme, _ = Programme.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "summary": spec["summary"],
                "start_date": spec["start"],
                "end_date": spec["end"],
                "target_participants": target,
                "target_period": period,
            },
        )
        programme.neighbourhoods.set([hoods[s] for s in spec["hoods"]])
        for slug in [spec["lead"], *spec["landlords"]]:
            ProgrammeLandlord.objects.update_or_create(
                programme=programme,
                landlord=orgs[slug],
                defaults={"is_lead": slug == spec["lead"]},
            )
        for slug, role in spec["partners"]:
            ProgrammePartner.objects.get_or_create(programme=programme, organisation=orgs[slug], role=role)
        for funder, year, amount in spec["funding"]:
            FundingLine.objects.update_or_create(
                programme=programme,
                funder=orgs[funder],
                year=year,
                status=FundingLine.Status.GRANTED,
                defaults={"amount": Decimal(amount)},
            )
