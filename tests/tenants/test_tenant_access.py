"""Who sees which tenant record, through the HTTP views (each rule both ways)."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import EnrolmentFactory, ReferralFactory, TenantFactory

pytestmark = pytest.mark.django_db


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_landlord_staff_see_their_landlords_tenant_in_full(client, landlord_staff, tenant):
    response = get(client, landlord_staff, tenant.get_absolute_url())
    assert response.status_code == 200
    assert "VH-0001" in response.text and "3 rue des Tisserands" in response.text


def test_staff_of_another_landlord_get_404(client, other_landlord_staff, tenant):
    assert get(client, other_landlord_staff, tenant.get_absolute_url()).status_code == 404
    assert get(client, other_landlord_staff, reverse("tenants:tenant_edit", args=[tenant.pk])).status_code == 404


def test_tenant_list_shows_only_the_landlords_own_tenants(client, landlord_staff, tenant, other_landlord):
    stranger = TenantFactory(landlord=other_landlord, last_name="Inconnu")
    response = get(client, landlord_staff, reverse("tenants:tenant_list"))
    assert "Benhamou" in response.text
    assert stranger.last_name not in response.text


def test_coordinator_sees_a_referred_tenant_without_lease_reference_or_address(client, coordinator, referral):
    response = get(client, coordinator, referral.tenant.get_absolute_url())
    assert response.status_code == 200
    assert "Benhamou" in response.text
    assert "VH-0001" not in response.text and "3 rue des Tisserands" not in response.text


def test_coordinator_sees_an_enrolled_tenant(client, coordinator, programme, landlord):
    enrolled = TenantFactory(landlord=landlord)
    EnrolmentFactory(tenant=enrolled, programme=programme)
    assert get(client, coordinator, enrolled.get_absolute_url()).status_code == 200


def test_coordinator_gets_404_for_a_tenant_not_referred_to_their_programmes(client, coordinator, tenant):
    assert get(client, coordinator, tenant.get_absolute_url()).status_code == 404


def test_coordinator_of_another_programme_gets_404(client, other_coordinator, referral):
    assert get(client, other_coordinator, referral.tenant.get_absolute_url()).status_code == 404
    assert get(client, other_coordinator, referral.get_absolute_url()).status_code == 404


def test_coordinator_list_search_ignores_lease_references(client, coordinator, referral):
    url = reverse("tenants:tenant_list")
    assert "Benhamou" in get(client, coordinator, url + "?q=Benh").text
    assert "Benhamou" not in get(client, coordinator, url + "?q=VH-0001").text


def test_coordinator_may_not_edit_a_tenant_they_see(client, coordinator, referral):
    response = get(client, coordinator, reverse("tenants:tenant_edit", args=[referral.tenant.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["funder", "committee_member"])
def test_funders_and_committee_members_see_no_tenant_at_all(client, request, who, referral):
    user = request.getfixturevalue(who)
    for url in (
        reverse("tenants:tenant_list"),
        referral.tenant.get_absolute_url(),
        reverse("tenants:referral_list"),
        referral.get_absolute_url(),
        reverse("tenants:tenant_create"),
        reverse("tenants:tenant_import"),
    ):
        assert get(client, user, url).status_code == 404, url


def test_programme_admin_sees_every_tenant_in_full(client, programme_admin, tenant):
    response = get(client, programme_admin, tenant.get_absolute_url())
    assert response.status_code == 200 and "VH-0001" in response.text


def test_reading_a_tenant_record_is_logged_with_the_reader(client, coordinator, referral):
    get(client, coordinator, referral.tenant.get_absolute_url())
    entry = LogEntry.objects.get_for_object(referral.tenant).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == coordinator


def test_a_refused_read_is_not_logged_as_a_read(client, other_landlord_staff, tenant):
    get(client, other_landlord_staff, tenant.get_absolute_url())
    assert not LogEntry.objects.get_for_object(tenant).filter(action=LogEntry.Action.ACCESS).exists()


def test_coordinators_cannot_create_tenants(client, coordinator):
    assert get(client, coordinator, reverse("tenants:tenant_create")).status_code == 404


def test_referral_list_is_scoped_by_side(client, landlord_staff, coordinator, other_landlord_staff, referral):
    url = reverse("tenants:referral_list")
    assert "Benhamou" in get(client, landlord_staff, url).text
    assert "Benhamou" in get(client, coordinator, url).text
    assert "Benhamou" not in get(client, other_landlord_staff, url).text


def test_landlord_staff_do_not_see_referrals_of_other_landlords_to_a_shared_programme(
    client, landlord_staff, programme, other_landlord
):
    programme.landlord_links.create(landlord=other_landlord)
    theirs = ReferralFactory(programme=programme, tenant=TenantFactory(landlord=other_landlord, last_name="Zidane"))
    assert get(client, landlord_staff, theirs.get_absolute_url()).status_code == 404
    assert "Zidane" not in get(client, landlord_staff, reverse("tenants:referral_list")).text


def test_a_coordinator_cannot_probe_referrals_to_other_programmes_through_the_filters(
    client, coordinator, referral, other_coordinator
):
    from programmes.models import Programme

    elsewhere = Programme.objects.exclude(pk=referral.programme_id).get()
    ReferralFactory(tenant=referral.tenant, programme=elsewhere, status="declined", decline_reason="other")
    url = reverse("tenants:tenant_list")
    assert "Benhamou" in get(client, coordinator, url + "?referral_status=sent").text
    assert "Benhamou" not in get(client, coordinator, url + "?referral_status=declined").text
