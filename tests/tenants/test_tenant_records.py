"""Creating and editing tenant records, duplicates, concurrent edits, consent and its withdrawal."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from partners.models import Notification
from tenants.models import Consent, Referral, Tenant
from tenants.services.people import tenant_create
from tests.factories import ReferralFactory, TenantFactory

pytestmark = pytest.mark.django_db

NEW = {
    "last_name": "Diop",
    "first_name": "Fatou",
    "birth_date": "1979-02-27",
    "lease_reference": "VH-77",
    "sex": "F",
    "barriers": ["mobility", "child_care"],
}


def test_landlord_staff_create_a_tenant_of_their_landlord(client, landlord_staff, landlord, neighbourhood):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:tenant_create"), {**NEW, "landlord": landlord.pk, "neighbourhood": neighbourhood.pk}
    )
    tenant = Tenant.objects.get(lease_reference="VH-77")
    assert response.url == tenant.get_absolute_url()
    assert tenant.landlord == landlord and tenant.created_by == landlord_staff
    assert tenant.barriers == ["mobility", "child_care"] and tenant.is_qpv_resident


def test_a_tenant_cannot_be_created_for_another_landlord(client, landlord_staff, other_landlord):
    client.force_login(landlord_staff)
    response = client.post(reverse("tenants:tenant_create"), {**NEW, "landlord": other_landlord.pk})
    assert response.status_code == 200 and not Tenant.objects.exists()


def test_only_landlord_staff_create_tenant_records(
    client, coordinator, funder, programme_admin, landlord_staff, other_landlord
):
    for user in (coordinator, funder, programme_admin):
        client.force_login(user)
        assert client.get(reverse("tenants:tenant_create")).status_code == 404, user
    # The service checks too, for callers other than the form (which offers only one's own landlords).
    with pytest.raises(PermissionDenied):
        tenant_create(actor=landlord_staff, landlord=other_landlord, data={"last_name": "Autre"})
    assert not Tenant.objects.exists()


def test_a_missing_required_field_is_shown_next_to_it(client, landlord_staff, landlord):
    client.force_login(landlord_staff)
    response = client.post(reverse("tenants:tenant_create"), {**NEW, "landlord": landlord.pk, "last_name": ""})
    assert 'id="error_1_id_last_name"' in response.text and not Tenant.objects.exists()


def test_a_possible_duplicate_is_flagged_before_saving(client, landlord_staff, landlord):
    existing = TenantFactory(
        landlord=landlord,
        last_name="DIOP",
        first_name="Fatou",
        birth_date=datetime.date(1979, 2, 27),
        lease_reference="VH-01",
    )
    client.force_login(landlord_staff)
    response = client.post(reverse("tenants:tenant_create"), {**NEW, "landlord": landlord.pk})
    assert response.status_code == 200
    assert "peut-être déjà enregistrée" in response.text and existing.get_absolute_url() in response.text
    assert Tenant.objects.count() == 1
    client.post(reverse("tenants:tenant_create"), {**NEW, "landlord": landlord.pk, "not_a_duplicate": "on"})
    assert Tenant.objects.count() == 2


def test_the_same_record_twice_is_refused_even_when_confirmed(client, landlord_staff, landlord):
    TenantFactory(
        landlord=landlord,
        last_name="Diop",
        first_name="Fatou",
        birth_date=datetime.date(1979, 2, 27),
        lease_reference="VH-77",
    )
    client.force_login(landlord_staff)
    response = client.post(reverse("tenants:tenant_create"), {**NEW, "landlord": landlord.pk, "not_a_duplicate": "on"})
    assert "a déjà une fiche" in response.text and Tenant.objects.count() == 1


def test_an_edit_from_a_stale_page_does_not_overwrite_the_other(client, landlord_staff, tenant):
    client.force_login(landlord_staff)
    url = reverse("tenants:tenant_edit", args=[tenant.pk])
    form = {
        "last_name": tenant.last_name,
        "first_name": tenant.first_name,
        "birth_date": "1986-04-12",
        "lease_reference": tenant.lease_reference,
        "version": tenant.version,
    }
    assert client.post(url, {**form, "phone": "06 11 11 11 11"}).status_code == 302
    response = client.post(url, {**form, "phone": "06 22 22 22 22"})  # same, now stale, version
    saved_at = timezone.localtime(Tenant.objects.get(pk=tenant.pk).saved_at)
    assert f"{landlord_staff} a enregistré ceci le {saved_at:%d/%m/%Y} à {saved_at:%H:%M}" in response.text
    assert "Rien de votre saisie n’a été enregistré" in response.text
    tenant.refresh_from_db()
    assert tenant.phone == "06 11 11 11 11" and tenant.version == form["version"] + 1


def test_consent_is_recorded_with_its_text_version_and_author(client, landlord_staff, tenant):
    client.force_login(landlord_staff)
    client.post(
        reverse("tenants:consent_record", args=[tenant.pk]),
        {"given_on": "2025-05-02", "text_version": "2025-09", "informed": "on"},
    )
    consent = Consent.objects.get(tenant=tenant)
    assert (consent.given_on, consent.text_version, consent.recorded_by) == (
        datetime.date(2025, 5, 2),
        "2025-09",
        landlord_staff,
    )


def test_consent_needs_the_person_informed_box(client, landlord_staff, tenant):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:consent_record", args=[tenant.pk]), {"given_on": "2025-05-02", "text_version": "2025-09"}
    )
    assert response.status_code == 400 and not Consent.objects.exists()


def test_no_referral_without_consent(client, landlord_staff, tenant, programme):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:referral_create", args=[tenant.pk]),
        {"programme": programme.pk, "reason": "Souhaite travailler."},
    )
    assert response.status_code == 400 and not Referral.objects.exists()


def test_a_referral_is_sent_and_the_coordinator_told_by_mail_after_commit(
    client, landlord_staff, coordinator, consented_tenant, programme, django_capture_on_commit_callbacks
):
    client.force_login(landlord_staff)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            reverse("tenants:referral_create", args=[consented_tenant.pk]),
            {"programme": programme.pk, "reason": "Souhaite travailler.", "needs": "Garde d'enfants"},
        )
        assert mail.outbox == []  # nothing is mailed before the transaction commits
    for callback in callbacks:
        callback()
    referral = Referral.objects.get()
    assert (referral.status, referral.landlord, referral.referred_by) == (
        "sent",
        consented_tenant.landlord,
        landlord_staff,
    )
    assert referral.transitions.get().to_status == "sent"
    note = Notification.objects.get(recipient=coordinator)
    assert "a orienté Aïcha Benhamou" in note.message and note.url == referral.get_absolute_url()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    # The mail leaves the portal's access rules: it links to the referral but names nobody.
    sent = mail.outbox[0]
    assert referral.get_absolute_url() in sent.body
    assert "Benhamou" not in sent.subject + sent.body


def test_accepting_tells_the_landlord(
    client, coordinator, landlord_staff, referral, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("tenants:referral_accept", args=[referral.pk]), {})
    assert "a accepté" in Notification.objects.get(recipient=landlord_staff).message
    assert mail.outbox[0].to == [landlord_staff.email]


def test_a_referral_cannot_go_to_a_programme_the_landlord_does_not_join(
    client, landlord_staff, consented_tenant, other_landlord, association
):
    from tests.factories import programme_run_by

    elsewhere = programme_run_by(association, other_landlord)
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:referral_create", args=[consented_tenant.pk]), {"programme": elsewhere.pk, "reason": "x"}
    )
    assert response.status_code == 400 and not Referral.objects.exists()


def test_withdrawing_consent_closes_open_referrals_and_blocks_new_ones(
    client, landlord_staff, coordinator, referral, programme
):
    tenant = referral.tenant
    decided = ReferralFactory(
        tenant=tenant, programme=programme, status=Referral.Status.DECLINED, decline_reason="programme_full"
    )
    client.force_login(landlord_staff)
    client.post(reverse("tenants:consent_withdraw", args=[tenant.pk]), {"withdrawn_on": datetime.date.today()})
    referral.refresh_from_db()
    decided.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN and decided.status == Referral.Status.DECLINED
    assert "retiré son consentement" in referral.transitions.get().comment
    assert "retiré son consentement" in Notification.objects.get(recipient=coordinator).message
    response = client.post(
        reverse("tenants:referral_create", args=[tenant.pk]), {"programme": programme.pk, "reason": "x"}
    )
    assert response.status_code == 400 and tenant.referrals.count() == 2


def test_the_coordinator_following_the_person_may_record_the_withdrawal(client, coordinator, referral):
    client.force_login(coordinator)
    client.post(reverse("tenants:consent_withdraw", args=[referral.tenant.pk]), {"withdrawn_on": datetime.date.today()})
    assert not Consent.objects.filter(tenant=referral.tenant, withdrawn_on__isnull=True).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("programme_admin", 403), ("other_landlord_staff", 404), ("other_coordinator", 404)],
)
def test_nobody_else_records_a_withdrawal_of_consent(client, referral, request, who, status):
    """Not even a programme admin, who reads every record: the person tells their landlord or association."""
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("tenants:consent_withdraw", args=[referral.tenant.pk]), {"withdrawn_on": datetime.date.today()}
    )
    assert response.status_code == status
    assert Consent.objects.filter(tenant=referral.tenant, withdrawn_on__isnull=True).exists()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


def test_staff_of_another_landlord_cannot_record_consent(client, other_landlord_staff, tenant):
    client.force_login(other_landlord_staff)
    response = client.post(
        reverse("tenants:consent_record", args=[tenant.pk]),
        {"given_on": "2025-05-02", "text_version": "2025-09", "informed": "on"},
    )
    assert response.status_code == 404 and not Consent.objects.exists()


def test_a_coordinator_cannot_record_consent_for_a_landlord(client, coordinator, referral):
    client.force_login(coordinator)
    url = reverse("tenants:consent_record", args=[referral.tenant.pk])
    assert client.post(url, {"given_on": "2025-05-02", "text_version": "v", "informed": "on"}).status_code == 403


def test_a_coordinator_recording_a_withdrawal_tells_the_landlord(client, coordinator, landlord_staff, referral):
    client.force_login(coordinator)
    client.post(reverse("tenants:consent_withdraw", args=[referral.tenant.pk]), {"withdrawn_on": datetime.date.today()})
    note = Notification.objects.get(recipient=landlord_staff)
    assert "a retiré son consentement" in note.message and str(coordinator) in note.message


def test_withdrawing_consent_tells_the_coordinators_of_an_ongoing_pathway(
    client, landlord_staff, coordinator, consented_tenant, programme
):
    from tests.factories import EnrolmentFactory

    EnrolmentFactory(tenant=consented_tenant, programme=programme)
    client.force_login(landlord_staff)
    client.post(
        reverse("tenants:consent_withdraw", args=[consented_tenant.pk]), {"withdrawn_on": datetime.date.today()}
    )
    assert "cessez de traiter ses données" in Notification.objects.get(recipient=coordinator).message
    assert not Notification.objects.filter(recipient=landlord_staff).exists()
