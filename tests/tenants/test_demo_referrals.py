"""The demo shows the referral journey in every state, with work waiting for the coordinator."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import User
from tenants import demo
from tenants.models import Enrolment, Referral, Tenant

pytestmark = pytest.mark.django_db


def test_demo_has_referrals_in_every_state_and_loads_twice_without_duplicates(client):
    call_command("load_demo", verbosity=0)
    counts = (Tenant.objects.count(), Referral.objects.count(), Enrolment.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Tenant.objects.count(), Referral.objects.count(), Enrolment.objects.count()) == counts
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert all(Tenant.objects.filter(lease_reference=person[1]).exists() for person in demo.PEOPLE)
    assert Enrolment.objects.filter(referral__isnull=False).count() == 1
    client.force_login(User.objects.get(email="coordination@passerelles.demo"))
    panel = client.get(reverse("dashboard")).text.split('data-testid="coordinator-referral-panel"')[1]
    assert "Aïcha Benhamou" in panel and "en attente depuis" in panel
