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
