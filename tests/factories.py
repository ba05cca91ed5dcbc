"""Factories for the partners app; each app's tests add theirs in tests/<app>/factories.py."""

import factory
from factory.django import DjangoModelFactory

from partners.models import Membership, Neighbourhood, Organisation, User

factory.Faker._DEFAULT_LOCALE = "fr_FR"

PASSWORD = "mot-de-passe-de-test"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save(update_fields=["password"])


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.ASSOCIATION
    city = factory.Faker("city")


class LandlordFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Habitat Social {n}")
    kind = Organisation.Kind.LANDLORD
    legal_form = Organisation.LegalForm.ESH
    housing_stock = 12000


class FunderFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Financeur {n}")
    kind = Organisation.Kind.FUNDER


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    city = factory.Faker("city")
    postcode = factory.Faker("postcode")
    qpv_code = factory.Sequence(lambda n: f"QN0{n:05d}M")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.COORDINATOR


def member(role, organisation=None, **user_fields):
    """A user holding `role` in `organisation` (a fitting new one when not given)."""
    if organisation is None:
        organisation = {
            Membership.Role.LANDLORD_STAFF: LandlordFactory,
            Membership.Role.FUNDER: FunderFactory,
        }.get(role, OrganisationFactory)()
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


# Domain factories (programmes, tenants, outcomes), shared by the tests of every app.
import datetime  # noqa: E402

from programmes.models import Activity, Programme, ProgrammeLandlord, ProgrammePartner, Session  # noqa: E402
from tenants.models import Consent, Enrolment, Referral, Registration, Tenant  # noqa: E402


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme emploi {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    start_date = datetime.date(2024, 1, 1)
    target_participants = 8


def programme_run_by(association, *landlords, **fields):
    """A programme coordinated by `association` with `landlords` (the first one leads)."""
    programme = ProgrammeFactory(**fields)
    ProgrammePartner.objects.create(
        programme=programme, organisation=association, role=ProgrammePartner.Role.COORDINATOR
    )
    for index, landlord in enumerate(landlords):
        ProgrammeLandlord.objects.create(programme=programme, landlord=landlord, is_lead=index == 0)
    return programme


class TenantFactory(DjangoModelFactory):
    class Meta:
        model = Tenant

    landlord = factory.SubFactory(LandlordFactory)
    lease_reference = factory.Sequence(lambda n: f"BAIL-{n:06d}")
    last_name = factory.Faker("last_name")
    first_name = factory.Faker("first_name")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=64)
    sex = factory.Iterator([Tenant.Sex.FEMALE, Tenant.Sex.MALE])
    situation = Tenant.Situation.UNEMPLOYED


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    tenant = factory.SubFactory(TenantFactory)
    given_on = datetime.date(2024, 1, 15)
    text_version = "2024-01"
    recorded_by = factory.SubFactory(UserFactory)


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    tenant = factory.SubFactory(TenantFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    landlord = factory.SelfAttribute("tenant.landlord")
    referred_by = factory.SubFactory(UserFactory)
    reason = "Souhaite reprendre une activité professionnelle."


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    tenant = factory.SubFactory(TenantFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    entered_on = datetime.date(2024, 2, 1)
    entry_age = 35
    entry_sex = factory.SelfAttribute("tenant.sex")
    entry_situation = Tenant.Situation.UNEMPLOYED


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    programme = factory.SubFactory(ProgrammeFactory)
    kind = Activity.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Atelier couture {n}")


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory)
    date = datetime.date(2024, 3, 5)
    start_time = datetime.time(9, 30)
    end_time = datetime.time(12, 30)
    place = "Maison de quartier"


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    tenant = factory.SubFactory(TenantFactory)


# Pathways, barriers, Premières Heures hours and sign-in sheets.
from tenants.models import (  # noqa: E402
    BarrierAssessment,
    BarrierScore,
    PathwayNote,
    PathwayStep,
    WeeklyHours,
    WorkContract,
)


class PathwayStepFactory(DjangoModelFactory):
    class Meta:
        model = PathwayStep

    enrolment = factory.SubFactory(EnrolmentFactory)
    kind = PathwayStep.Kind.TRAINING
    title = "Formation assistant(e) de vie aux familles"
    started_on = datetime.date(2024, 3, 1)


class PathwayNoteFactory(DjangoModelFactory):
    class Meta:
        model = PathwayNote

    enrolment = factory.SubFactory(EnrolmentFactory)
    written_on = datetime.date(2024, 3, 10)
    text = "Entretien de suivi : motivée, cherche une solution de garde."


class BarrierAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = BarrierAssessment

    enrolment = factory.SubFactory(EnrolmentFactory)
    assessed_on = factory.SelfAttribute("enrolment.entered_on")
    stage = BarrierAssessment.Stage.ENTRY


def barrier_assessment(enrolment, stage, assessed_on, **levels):
    """An assessment of `enrolment` with one score per barrier given as barrier=level."""
    assessment = BarrierAssessmentFactory(enrolment=enrolment, stage=stage, assessed_on=assessed_on)
    BarrierScore.objects.bulk_create(
        BarrierScore(assessment=assessment, barrier=barrier, level=level) for barrier, level in levels.items()
    )
    return assessment


class WorkContractFactory(DjangoModelFactory):
    class Meta:
        model = WorkContract

    enrolment = factory.SubFactory(EnrolmentFactory)
    employer = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.SOCIAL_ENTERPRISE)
    starts_on = datetime.date(2024, 3, 4)


class WeeklyHoursFactory(DjangoModelFactory):
    class Meta:
        model = WeeklyHours

    contract = factory.SubFactory(WorkContractFactory)
    week_start = datetime.date(2024, 3, 4)
    hours = 8
