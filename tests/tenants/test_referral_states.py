"""The referral state machine through the HTTP views: every transition, allowed or refused, by role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tenants.models import Enrolment, Referral, ReferralTransition, Tenant

pytestmark = pytest.mark.django_db

S = Referral.Status
# action → (statuses it may start from, status it leads to, the only role allowed to do it)
MACHINE = {
    "accept": ({S.SENT}, S.ACCEPTED, "coordinator"),
    "decline": ({S.SENT, S.ACCEPTED}, S.DECLINED, "coordinator"),
    "enrol": ({S.ACCEPTED}, S.ENROLLED, "coordinator"),
    "withdraw": ({S.SENT, S.ACCEPTED}, S.WITHDRAWN, "landlord_staff"),
}
# Roles who do not see the referral at all get 404; those who see it but may not act, 403.
INVISIBLE = {"other_landlord_staff", "other_coordinator", "funder", "committee_member"}
ROLES = ["landlord_staff", "coordinator", "programme_admin", *sorted(INVISIBLE)]

PAYLOAD = {
    "accept": {"accept-comment": "Entretien fixé."},
    "decline": {"decline-reason": Referral.DeclineReason.PROGRAMME_FULL, "decline-comment": "Complet."},
    "enrol": {"enrol-entered_on": ""},  # filled with today in the test
    "withdraw": {"withdraw-comment": "Trouvé un emploi."},
}


def put_in(referral, status):
    Referral.objects.filter(pk=referral.pk).update(
        status=status, decline_reason=Referral.DeclineReason.OTHER if status == S.DECLINED else ""
    )
    referral.refresh_from_db()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("start", list(S))
@pytest.mark.parametrize("action", list(MACHINE))
def test_transition(client, request, referral, role, start, action):
    sources, target, allowed_role = MACHINE[action]
    put_in(referral, start)
    client.force_login(request.getfixturevalue(role))
    data = dict(PAYLOAD[action])
    if action == "enrol":
        data["enrol-entered_on"] = timezone.localdate().isoformat()
    response = client.post(reverse(f"tenants:referral_{action}", args=[referral.pk]), data)
    referral.refresh_from_db()

    if role in INVISIBLE:
        assert response.status_code == 404
    elif role != allowed_role:
        assert response.status_code == 403
    elif start not in sources:
        assert response.status_code == 400
        assert "ne peut pas devenir" in response.text or "ne peut plus" in response.text
    else:
        assert response.status_code == 302
        assert referral.status == target
        step = ReferralTransition.objects.get(referral=referral)
        assert (step.from_status, step.to_status, step.by) == (start, target, request.getfixturevalue(role))
        return
    assert referral.status == start
    assert not ReferralTransition.objects.filter(referral=referral).exists()


def test_enrolling_creates_the_enrolment_with_the_situation_at_entry(client, coordinator, referral):
    tenant = referral.tenant
    Tenant.objects.filter(pk=tenant.pk).update(
        situation=Tenant.Situation.UNEMPLOYED,
        unemployed_since=datetime.date(2022, 1, 1),
        household=Tenant.Household.SINGLE_PARENT,
        disability_recognised=True,
        known_to_institutions=False,
    )
    put_in(referral, S.ACCEPTED)
    Referral.objects.filter(pk=referral.pk).update(created_at=timezone.make_aware(datetime.datetime(2025, 2, 10)))
    client.force_login(coordinator)
    client.post(reverse("tenants:referral_enrol", args=[referral.pk]), {"enrol-entered_on": "2025-03-03"})
    enrolment = Enrolment.objects.get(referral=referral)
    assert enrolment.tenant == tenant and enrolment.programme == referral.programme
    assert enrolment.entered_on == datetime.date(2025, 3, 3)
    assert enrolment.entry_age == 38  # born 12/04/1986
    assert enrolment.entry_long_term_unemployed and enrolment.entry_single_parent and enrolment.entry_disability
    assert enrolment.entry_qpv_resident  # La Chaussée has a QPV code
    assert enrolment.entry_known_to_institutions is False
    assert enrolment.created_by == coordinator


def test_an_entry_date_in_the_future_is_refused_with_a_message(client, coordinator, referral):
    put_in(referral, S.ACCEPTED)
    client.force_login(coordinator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(reverse("tenants:referral_enrol", args=[referral.pk]), {"enrol-entered_on": tomorrow})
    assert response.status_code == 400
    assert "ne peut pas être dans le futur" in response.text
    assert not Enrolment.objects.exists()


def test_declining_needs_a_reason_from_the_list(client, coordinator, referral):
    client.force_login(coordinator)
    url = reverse("tenants:referral_decline", args=[referral.pk])
    assert client.post(url, {"decline-reason": "parce que"}).status_code == 400
    response = client.post(url, {"decline-reason": "other", "decline-comment": ""})
    assert response.status_code == 400 and "Autre" in response.text
    referral.refresh_from_db()
    assert referral.status == S.SENT
    client.post(url, {"decline-reason": "not_eligible", "decline-comment": "Hors secteur."})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason, referral.decline_comment) == (
        S.DECLINED,
        "not_eligible",
        "Hors secteur.",
    )


def test_the_referral_page_shows_its_history(client, coordinator, landlord_staff, referral):
    client.force_login(coordinator)
    client.post(reverse("tenants:referral_accept", args=[referral.pk]), {"accept-comment": "Rendez-vous le 3."})
    response = client.get(referral.get_absolute_url())
    history = response.text.split('data-testid="referral-history"')[1]
    assert "Acceptée" in history and "Rendez-vous le 3." in history and str(coordinator) in history


def test_the_second_of_two_simultaneous_decisions_is_told_what_happened(client, coordinator, referral):
    stale = Referral.objects.get(pk=referral.pk)
    client.force_login(coordinator)
    client.post(reverse("tenants:referral_decline", args=[referral.pk]), {"decline-reason": "programme_full"})
    from django.core.exceptions import ValidationError

    from tenants.services.referrals import referral_accept

    with pytest.raises(ValidationError, match="Refusée"):
        referral_accept(actor=coordinator, referral=stale)
    referral.refresh_from_db()
    assert referral.status == S.DECLINED


def test_the_referral_page_links_to_the_pathway_once_enrolled(client, coordinator, referral):
    put_in(referral, S.ACCEPTED)
    client.force_login(coordinator)
    client.post(
        reverse("tenants:referral_enrol", args=[referral.pk]), {"enrol-entered_on": timezone.localdate().isoformat()}
    )
    enrolment = Enrolment.objects.get(referral=referral)
    assert f'href="{enrolment.get_absolute_url()}"' in client.get(referral.get_absolute_url()).text
    assert f'href="{enrolment.get_absolute_url()}"' in client.get(referral.tenant.get_absolute_url()).text
