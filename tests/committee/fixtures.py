"""Factories and named fixtures of the selection committee (calls, applications, meetings).

Imported by tests/conftest.py so every test module can ask for them by name.
"""

import datetime
from decimal import Decimal

import factory
import pytest
from django.utils import timezone
from factory.django import DjangoModelFactory

from partners.models import Membership
from programmes.committee.models import (
    AgendaItem,
    Application,
    ApplicationPartner,
    Call,
    ConflictDeclaration,
    Criterion,
    Meeting,
    MeetingMember,
)
from programmes.models import ProgrammePartner
from tests.factories import LandlordFactory, NeighbourhoodFactory, OrganisationFactory, UserFactory, member

R = Membership.Role


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Appel à projets emploi {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    budget_envelope = Decimal("300000")


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    max_score = 10
    weight = Decimal("1")


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Projet emploi des locataires {n}")
    lead_landlord = factory.SubFactory(LandlordFactory)
    summary = "Ateliers et immersions pour les locataires du quartier."
    objectives = "Accompagner 20 locataires vers l'emploi."
    actions = "Repérage, ateliers, immersions."
    duration_months = 24
    target_participants = 20
    total_budget = Decimal("80000")
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create:
            self.neighbourhoods.set(extracted if extracted is not None else [NeighbourhoodFactory()])


class SubmittedApplicationFactory(ApplicationFactory):
    status = Application.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Comité de sélection {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=40))
    place = "Salle du conseil"
    quorum = 2


def seat(meeting, user):
    MeetingMember.objects.create(meeting=meeting, user=user, organisation=user.memberships.first().organisation)
    return user


def put_on_agenda(meeting, application):
    return AgendaItem.objects.create(meeting=meeting, application=application)


def declare_none(item, *members):
    for user in members:
        ConflictDeclaration.objects.create(item=item, member=user, kind=ConflictDeclaration.Kind.NONE)


@pytest.fixture
def call(db):
    """An open call whose grid has a heavy criterion /10 (weight 2) and a light one /5 (weight 1)."""
    call = CallFactory(title="Amplifier l'emploi des locataires")
    CriterionFactory(call=call, name="Pertinence", max_score=10, weight=Decimal("2"), position=1)
    CriterionFactory(call=call, name="Partenariat", max_score=5, weight=Decimal("1"), position=2)
    return call


@pytest.fixture
def application(call, landlord, association):
    """Submitted by `landlord` (the landlord_staff fixture's) with `association` as coordinating partner."""
    application = SubmittedApplicationFactory(call=call, lead_landlord=landlord, title="Ateliers couture")
    ApplicationPartner.objects.create(
        application=application, organisation=association, role=ProgrammePartner.Role.COORDINATOR
    )
    return application


@pytest.fixture
def members(db):
    """Three committee members from three organisations unrelated to any application."""
    return [
        member(
            R.COMMITTEE_MEMBER,
            OrganisationFactory(name=f"Fédération {n}"),
            email=f"membre{n}@comite.fr",
            first_name=name,
            last_name="Comité",
        )
        for n, name in enumerate(["Anne", "Bruno", "Chloé"], start=1)
    ]


@pytest.fixture
def meeting(call, members):
    meeting = MeetingFactory(call=call, title="Comité de novembre")
    for user in members:
        seat(meeting, user)
    return meeting


@pytest.fixture
def item(meeting, application):
    return put_on_agenda(meeting, application)


@pytest.fixture
def partner_member(association, meeting):
    """A committee member who works for the applying association: recused automatically."""
    user = member(R.COMMITTEE_MEMBER, association, email="claire@mille-sourires.fr", last_name="Partenaire")
    return seat(meeting, user)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Attachments and minutes go through the storage API into a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
