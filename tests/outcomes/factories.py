"""Factories and a hand-made dataset for the outcomes tests."""

import datetime

import factory
from factory.django import DjangoModelFactory

from outcomes.models import Exit, FollowUp
from tests.factories import EnrolmentFactory, UserFactory

D = datetime.date


class ExitFactory(DjangoModelFactory):
    class Meta:
        model = Exit

    enrolment = factory.SubFactory(EnrolmentFactory)
    entered_on = factory.SelfAttribute("enrolment.entered_on")
    exit_date = factory.LazyAttribute(lambda o: o.enrolment.entered_on + datetime.timedelta(days=120))
    situation = Exit.Situation.CDI
    recorded_by = factory.SubFactory(UserFactory)


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    exit = factory.SubFactory(ExitFactory)
    contacted_on = factory.LazyAttribute(lambda o: o.exit.exit_date + datetime.timedelta(days=183))
    result = FollowUp.Result.EMPLOYED
    recorded_by = factory.SubFactory(UserFactory)
