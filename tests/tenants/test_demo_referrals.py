"""The demo shows the referral journey in every state, with work waiting for the coordinator."""

from django.urls import reverse

from partners.models import User
from tenants.demo import PEOPLE
from tenants.models import Enrolment, Referral, Tenant


def test_demo_has_referrals_in_every_state(demo, client):
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert all(Tenant.objects.filter(lease_reference=person[1]).exists() for person in PEOPLE)
    assert Enrolment.objects.filter(referral__isnull=False).count() == 1
    client.force_login(User.objects.get(email="coordination@passerelles.demo"))
    panel = client.get(reverse("dashboard")).text.split('data-testid="coordinator-referral-panel"')[1]
    assert "Aïcha Benhamou" in panel and "en attente depuis" in panel
