"""Programme-level access: who runs, joins as landlord, or funds which programme."""

import pytest

from partners import access as partner_access
from partners.models import Membership
from programmes import access
from programmes.models import FundingLine
from tenants.models import Enrolment
from tests.factories import EnrolmentFactory, FunderFactory, member, programme_run_by

R = Membership.Role


@pytest.fixture
def programme(association, landlord):
    return programme_run_by(association, landlord, name="Mille Aiguilles test")


@pytest.fixture
def other_programme(other_landlord):
    return programme_run_by(member(R.COORDINATOR).memberships.get().organisation, other_landlord)


def test_coordinator_runs_only_their_organisations_programmes(coordinator, programme, other_programme):
    assert list(access.programmes_run_by(coordinator)) == [programme]
    assert partner_access.can(coordinator, "programme.run", programme)
    assert not partner_access.can(coordinator, "programme.run", other_programme)


def test_landlord_staff_see_programmes_their_landlord_joins_but_do_not_run_them(
    landlord_staff, programme, other_programme
):
    assert list(access.programmes_visible_to(landlord_staff)) == [programme]
    assert partner_access.can(landlord_staff, "programme.view", programme)
    assert not partner_access.can(landlord_staff, "programme.view", other_programme)
    assert not partner_access.can(landlord_staff, "programme.run", programme)


def test_funder_sees_the_programmes_it_funds_only(programme, other_programme):
    dreets = FunderFactory()
    funder = member(R.FUNDER, dreets)
    FundingLine.objects.create(programme=programme, funder=dreets, year=2024, amount=25000)
    assert list(access.programmes_funded_by(funder)) == [programme]
    assert not partner_access.can(funder, "programme.view", other_programme)


def test_committee_member_and_stranger_see_no_programme(committee_member, programme):
    assert not access.programmes_visible_to(committee_member).exists()


def test_programme_admin_sees_and_runs_everything(programme_admin, programme, other_programme):
    assert set(access.programmes_visible_to(programme_admin)) == {programme, other_programme}
    assert partner_access.can(programme_admin, "programme.run", other_programme)


def test_filters_scope_models_that_point_to_a_programme(coordinator, programme, other_programme):
    mine = EnrolmentFactory(programme=programme)
    EnrolmentFactory(programme=other_programme)
    assert list(Enrolment.objects.filter(access.run_by_filter(coordinator, "programme"))) == [mine]
