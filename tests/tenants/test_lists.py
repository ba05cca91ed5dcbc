"""Tenant and referral lists: scoped, searchable, filterable, sortable, exportable, flat in queries."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tenants.models import Referral
from tests.factories import ConsentFactory, ReferralFactory, TenantFactory

pytestmark = pytest.mark.django_db


def fill(landlord, programme, neighbourhood, rows):
    tenants = TenantFactory.create_batch(rows, landlord=landlord, neighbourhood=neighbourhood)
    for tenant in tenants:
        ConsentFactory(tenant=tenant)
        ReferralFactory(tenant=tenant, programme=programme)
    return tenants


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("who", ["landlord_staff", "coordinator", "programme_admin"])
@pytest.mark.parametrize(
    "url",
    [
        "/tenants/",
        "/tenants/?export=csv",
        "/tenants/?q=a&consent=yes&sort=-neighbourhood",
        "/tenants/referrals/",
        "/tenants/referrals/?export=csv",
        "/tenants/referrals/?status=sent&sort=tenant",
        "/",  # the dashboards' referral panels
    ],
)
def test_query_count_does_not_grow_with_rows(
    client, request, landlord, programme, neighbourhood, rows, who, url, django_assert_max_num_queries
):
    fill(landlord, programme, neighbourhood, rows)
    client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(10):  # measured: 9 for tenants, 10 for referrals, 6-9 for dashboards
        response = client.get(url)
    assert response.status_code == 200


def test_tenant_search_filters_and_sorting(client, landlord_staff, landlord, programme, neighbourhood):
    fill(landlord, programme, neighbourhood, 3)
    TenantFactory(landlord=landlord, last_name="Zoubiri", first_name="Nora")
    client.force_login(landlord_staff)
    url = reverse("tenants:tenant_list")
    assert "Zoubiri" in client.get(url + "?q=zoub").text
    assert "Zoubiri" not in client.get(url + f"?programme={programme.pk}").text
    assert "Zoubiri" in client.get(url + "?consent=no").text
    assert "Zoubiri" not in client.get(url + "?consent=yes").text
    text = client.get(url + "?sort=-last_name").text
    table = text.split('data-testid="tenant-table"')[1]
    assert table.index("Zoubiri") < min(
        table.index(t.last_name) for t in TenantFactory._meta.model.objects.exclude(last_name="Zoubiri")
    )


def test_the_date_range_filter_has_its_two_dates_and_filters(client, landlord_staff, landlord, neighbourhood):
    TenantFactory(landlord=landlord, neighbourhood=neighbourhood, last_name="Récente")
    client.force_login(landlord_staff)
    today = timezone.localdate().isoformat()
    page = client.get("/tenants/", {"created_min": today}).content.decode()
    assert f'name="created_min" value="{today}"' in page and 'name="created_max" value=""' in page
    assert "Récente" in page and "None" not in page
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert "Récente" not in client.get("/tenants/", {"created_max": yesterday}).content.decode()


def test_referral_filters_by_status_and_programme(client, coordinator, landlord, programme, neighbourhood):
    first, second = fill(landlord, programme, neighbourhood, 2)
    Referral.objects.filter(tenant=second).update(status=Referral.Status.ACCEPTED)
    client.force_login(coordinator)
    text = client.get(reverse("tenants:referral_list") + "?status=accepted").text
    assert second.last_name in text and first.last_name not in text


def test_csv_export_holds_only_what_the_user_may_see(client, coordinator, landlord, programme, neighbourhood):
    mine = fill(landlord, programme, neighbourhood, 2)
    TenantFactory(landlord=landlord, last_name="Horsprogramme")
    client.force_login(coordinator)
    response = client.get(reverse("tenants:tenant_list") + "?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = {row[0] for row in rows[1:]}
    assert names == {t.last_name for t in mine}
    assert "Référence du bail" not in rows[0] and all(t.lease_reference not in response.text for t in mine)


def test_landlord_csv_export_has_the_lease_reference(client, landlord_staff, landlord, programme, neighbourhood):
    mine = fill(landlord, programme, neighbourhood, 2)
    client.force_login(landlord_staff)
    response = client.get(reverse("tenants:tenant_list") + "?export=csv")
    assert all(t.lease_reference in response.content.decode("utf-8-sig") for t in mine)


def test_lists_paginate(client, landlord_staff, landlord, programme, neighbourhood):
    fill(landlord, programme, neighbourhood, 30)
    client.force_login(landlord_staff)
    response = client.get(reverse("tenants:tenant_list") + "?page=2")
    assert response.status_code == 200 and "30 locataires" in response.text
    assert response.text.count('href="/tenants/') - response.text.count('href="/tenants/new') >= 5


def test_someone_both_landlord_staff_and_coordinator_sees_lease_references_of_their_own_tenants_only(
    client, landlord_staff, landlord, other_landlord, association, neighbourhood
):
    from partners.models import Membership
    from tests.factories import MembershipFactory, programme_run_by

    MembershipFactory(user=landlord_staff, organisation=association, role=Membership.Role.COORDINATOR)
    shared = programme_run_by(association, landlord, other_landlord)
    mine = fill(landlord, shared, neighbourhood, 1)[0]
    theirs = fill(other_landlord, shared, None, 1)[0]
    client.force_login(landlord_staff)
    text = client.get(reverse("tenants:tenant_list")).text
    assert mine.lease_reference in text and theirs.last_name in text
    assert theirs.lease_reference not in text
    detail = client.get(theirs.get_absolute_url()).text
    assert theirs.lease_reference not in detail
