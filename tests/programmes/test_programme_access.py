"""Programme-level access: who runs, joins as landlord, or funds which programme."""

import pytest

from partners.models import Membership
from partners.policy import may, scope
from programmes.models import FundingLine, Programme
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
    assert list(scope(coordinator, Programme, "run")) == [programme]
    assert may(coordinator, "programme.run", programme)
    assert not may(coordinator, "programme.run", other_programme)


def test_landlord_staff_see_programmes_their_landlord_joins_but_do_not_run_them(
    landlord_staff, programme, other_programme
):
    assert list(scope(landlord_staff, Programme)) == [programme]
    assert may(landlord_staff, "programme.view", programme)
    assert not may(landlord_staff, "programme.view", other_programme)
    assert not may(landlord_staff, "programme.run", programme)


def test_funder_sees_the_programmes_it_funds_only(programme, other_programme):
    dreets = FunderFactory()
    funder = member(R.FUNDER, dreets)
    FundingLine.objects.create(programme=programme, funder=dreets, year=2024, amount=25000)
    assert list(scope(funder, Programme, "fund")) == [programme]
    assert not may(funder, "programme.view", other_programme)


def test_committee_member_and_stranger_see_no_programme(committee_member, programme):
    assert not scope(committee_member, Programme).exists()


def test_programme_admin_sees_and_runs_everything(programme_admin, programme, other_programme):
    assert set(scope(programme_admin, Programme)) == {programme, other_programme}
    assert may(programme_admin, "programme.run", other_programme)


def test_scopes_reach_models_that_point_to_a_programme(coordinator, programme, other_programme):
    mine = EnrolmentFactory(programme=programme)
    EnrolmentFactory(programme=other_programme)
    assert list(scope(coordinator, Enrolment)) == [mine]
