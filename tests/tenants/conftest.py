"""People and records of the referral journey, shared by the tenants tests."""

import datetime

import pytest

from partners.models import Membership
from tests.factories import (
    ConsentFactory,
    NeighbourhoodFactory,
    ReferralFactory,
    TenantFactory,
    member,
    programme_run_by,
)

R = Membership.Role


@pytest.fixture
def neighbourhood(landlord):
    hood = NeighbourhoodFactory(name="La Chaussée", slug="la-chaussee", city="Montargis")
    hood.landlords.add(landlord)
    return hood


@pytest.fixture
def programme(association, landlord):
    return programme_run_by(association, landlord, name="Mille Aiguilles test", slug="mille-aiguilles-test")


@pytest.fixture
def other_coordinator(other_landlord):
    other = member(R.COORDINATOR, email="marc@autre-asso.fr")
    programme_run_by(other.memberships.get().organisation, other_landlord)
    return other


@pytest.fixture
def tenant(landlord, neighbourhood, landlord_staff):
    return TenantFactory(
        landlord=landlord,
        neighbourhood=neighbourhood,
        last_name="Benhamou",
        first_name="Aïcha",
        lease_reference="VH-0001",
        address="3 rue des Tisserands",
        birth_date=datetime.date(1986, 4, 12),
        created_by=landlord_staff,
    )


@pytest.fixture
def consented_tenant(tenant, landlord_staff):
    ConsentFactory(tenant=tenant, recorded_by=landlord_staff, given_on=datetime.date(2025, 1, 10))
    return tenant


@pytest.fixture
def referral(consented_tenant, programme, landlord_staff):
    return ReferralFactory(tenant=consented_tenant, programme=programme, referred_by=landlord_staff)
