"""Demo tenants with consent, and referrals in every state (through the services, so the
history, notifications and enrolments are those a real journey leaves).

Valloire Habitat's tenants of La Chaussée are referred to Mille Aiguilles, so that
coordination@passerelles.demo finds referrals waiting, one of them for more than 30 days.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from partners.models import Neighbourhood, Organisation, User
from programmes.models import Programme

from .models import Enrolment, Referral, ReferralTransition, Tenant
from .services import people, referrals

T = Tenant
D = Referral.DeclineReason

# (landlord, neighbourhood, programme, landlord staff, coordinator)
SITES = {
    "valloire": (
        "valloire-habitat",
        "montargis-la-chaussee",
        "mille-aiguilles",
        "bailleur@passerelles.demo",
        "coordination@passerelles.demo",
    ),
    "3f": (
        "immobiliere-3f",
        "trappes-merisiers",
        "atelier-de-quartier",
        "bailleur.3f@passerelles.demo",
        "coordination.socreatives@passerelles.demo",
    ),
    "batigere": (
        "batigere-grand-est",
        "metz-borny",
        "en-route-vers-emploi",
        "bailleur.batigere@passerelles.demo",
        "coordination.amli@passerelles.demo",
    ),
}

# site, lease, last, first, birth date, sex, household, situation, unemployed since, barriers,
# what happened (None: no consent yet; "consent": consent only), days since the referral was sent.
# Atelier de Quartier and En route vers l'emploi have ended: their landlords' tenants wait for
# the next programme with their consent recorded.
PEOPLE = [
    (
        "valloire",
        "VH-45-01021",
        "Benhamou",
        "Aïcha",
        date(1986, 4, 12),
        "F",
        T.Household.SINGLE_PARENT,
        T.Situation.UNEMPLOYED,
        date(2022, 9, 1),
        ["child_care", "mobility"],
        "sent",
        41,
    ),
    (
        "valloire",
        "VH-45-01187",
        "Moreau",
        "Julien",
        date(1994, 11, 3),
        "M",
        T.Household.ALONE,
        T.Situation.INACTIVE,
        None,
        ["confidence"],
        "sent",
        3,
    ),
    (
        "valloire",
        "VH-45-00876",
        "Diop",
        "Fatou",
        date(1979, 2, 27),
        "F",
        T.Household.COUPLE_WITH_CHILDREN,
        T.Situation.UNEMPLOYED,
        date(2024, 1, 15),
        ["language"],
        "accepted",
        12,
    ),
    (
        "valloire",
        "VH-45-00412",
        "Lefèvre",
        "Sandrine",
        date(1972, 7, 8),
        "F",
        T.Household.SINGLE_PARENT,
        T.Situation.UNEMPLOYED,
        date(2021, 5, 1),
        ["child_care", "digital"],
        "enrolled",
        20,
    ),
    (
        "valloire",
        "VH-45-01503",
        "Haddou",
        "Karim",
        date(1990, 1, 19),
        "M",
        T.Household.ALONE,
        T.Situation.EMPLOYED,
        None,
        [],
        "declined",
        25,
    ),
    (
        "valloire",
        "VH-45-01344",
        "Petit",
        "Marie",
        date(1983, 9, 30),
        "F",
        T.Household.COUPLE_WITH_CHILDREN,
        T.Situation.UNEMPLOYED,
        date(2023, 3, 1),
        ["health"],
        "withdrawn",
        15,
    ),
    (
        "valloire",
        "VH-45-01622",
        "Girard",
        "Lucas",
        date(2001, 6, 14),
        "M",
        T.Household.ALONE,
        T.Situation.UNEMPLOYED,
        date(2025, 2, 1),
        ["mobility"],
        None,
        0,
    ),
    (
        "3f",
        "3F-78-55012",
        "Traoré",
        "Mariam",
        date(1988, 3, 5),
        "F",
        T.Household.SINGLE_PARENT,
        T.Situation.INACTIVE,
        None,
        ["child_care"],
        "consent",
        6,
    ),
    (
        "3f",
        "3F-78-55230",
        "Da Silva",
        "Paulo",
        date(1969, 12, 1),
        "M",
        T.Household.COUPLE_WITHOUT_CHILDREN,
        T.Situation.UNEMPLOYED,
        date(2020, 10, 1),
        ["digital", "health"],
        "consent",
        9,
    ),
    (
        "batigere",
        "BGE-57-2231",
        "Klein",
        "Nathalie",
        date(1981, 5, 22),
        "F",
        T.Household.SINGLE_PARENT,
        T.Situation.UNEMPLOYED,
        date(2023, 6, 1),
        ["mobility"],
        "consent",
        30,
    ),
    (
        "batigere",
        "BGE-57-2290",
        "Yilmaz",
        "Emine",
        date(1992, 8, 17),
        "F",
        T.Household.COUPLE_WITH_CHILDREN,
        T.Situation.INACTIVE,
        None,
        ["language", "child_care"],
        None,
        0,
    ),
]


def _backdate(referral: Referral, days: int) -> None:
    """Demo referrals look as if sent `days` ago, and decided a few days after."""
    sent = timezone.now() - timedelta(days=days)
    last = sent
    for step, transition in enumerate(referral.transitions.order_by("pk")):
        last = sent + timedelta(days=2 * step)
        ReferralTransition.objects.filter(pk=transition.pk).update(at=last)
    Referral.objects.filter(pk=referral.pk).update(created_at=sent, updated_at=last)
    Enrolment.objects.filter(referral=referral).update(entered_on=timezone.localdate(last))


@transaction.atomic
def load() -> None:
    users = {u.email: u for u in User.objects.filter(email__endswith="@passerelles.demo")}
    for site, lease, last, first, born, sex, household, situation, since, barriers, outcome, days in PEOPLE:
        landlord_slug, hood_slug, programme_slug, staff_email, coordinator_email = SITES[site]
        landlord = Organisation.objects.get(slug=landlord_slug)
        staff, coordinator = users[staff_email], users[coordinator_email]
        tenant, created = Tenant.objects.get_or_create(
            landlord=landlord,
            lease_reference=lease,
            last_name=last,
            first_name=first,
            birth_date=born,
            defaults={
                "sex": sex,
                "household": household,
                "situation": situation,
                "unemployed_since": since,
                "barriers": barriers,
                "neighbourhood": Neighbourhood.objects.get(slug=hood_slug),
                "phone": f"06 {lease[-4:-2]} {lease[-2:]} 45 1{len(first)}",
                "created_by": staff,
                "registered_with_employment_service": situation == T.Situation.UNEMPLOYED,
                "known_to_institutions": bool(since),
                "postcode": "",
                "city": landlord.city,
            },
        )
        if not created or outcome is None:
            continue
        people.consent_record(
            actor=staff, tenant=tenant, given_on=timezone.localdate() - timedelta(days=days + 1), text_version="2025-09"
        )
        if outcome == "consent":
            continue
        referral = referrals.referral_create(
            actor=staff,
            tenant=tenant,
            programme=Programme.objects.get(slug=programme_slug),
            reason="Souhaite retrouver un emploi ; motivée par les ateliers présentés lors de la réunion "
            "en pied d'immeuble."
            if sex == "F"
            else "Souhaite retrouver un emploi ; intéressé par les ateliers présentés en pied d'immeuble.",
            needs="Solution de garde pour les mercredis." if "child_care" in barriers else "",
        )
        if outcome in ("accepted", "enrolled"):
            referrals.referral_accept(actor=coordinator, referral=referral, comment="Entretien d'accueil fixé.")
        if outcome == "enrolled":
            referrals.referral_enrol(actor=coordinator, referral=referral, entered_on=timezone.localdate())
        elif outcome == "declined":
            referrals.referral_decline(
                actor=coordinator,
                referral=referral,
                reason=D.PROGRAMME_FULL,
                comment="Session complète ; à reproposer en septembre.",
            )
        elif outcome == "withdrawn":
            referrals.referral_withdraw(
                actor=staff, referral=referral, comment="La locataire a trouvé un emploi entre-temps."
            )
        _backdate(referral, days)
