from django.urls import reverse

from partners import access
from partners.models import Membership
from tests.factories import member


def test_staff_of_a_landlord_see_their_own_organisation(client, landlord_staff, landlord):
    client.force_login(landlord_staff)
    response = client.get(reverse("organisation_detail", args=[landlord.slug]))
    assert response.status_code == 200
    assert "sophie@habitat-loiret.fr" not in response.content.decode()  # names, not e-mails
    assert landlord_staff.last_name in response.content.decode()


def test_staff_of_landlord_a_never_see_landlord_b(client, landlord_staff, other_landlord):
    client.force_login(landlord_staff)
    response = client.get(reverse("organisation_detail", args=[other_landlord.slug]))
    assert response.status_code == 404


def test_programme_admin_sees_every_organisation(client, programme_admin, landlord, other_landlord):
    client.force_login(programme_admin)
    for organisation in (landlord, other_landlord):
        assert client.get(reverse("organisation_detail", args=[organisation.slug])).status_code == 200


def test_access_profile_lists_roles_per_organisation(landlord, other_landlord):
    user = member(Membership.Role.LANDLORD_STAFF, landlord)
    Membership.objects.create(user=user, organisation=other_landlord, role=Membership.Role.COORDINATOR)
    assert access.landlord_ids(user) == {landlord.pk}
    assert access.coordinated_org_ids(user) == {other_landlord.pk}
    assert access.profile(user).roles == ["landlord_staff", "coordinator"]
    assert not access.is_programme_admin(user)


def test_an_inactive_organisation_grants_nothing(landlord_staff, landlord):
    landlord.is_active = False
    landlord.save()
    access.forget(landlord_staff)
    assert access.landlord_ids(landlord_staff) == frozenset()


def test_membership_facts_are_read_once_per_request(django_assert_num_queries, landlord_staff):
    access.forget(landlord_staff)
    with django_assert_num_queries(1):
        access.landlord_ids(landlord_staff)
        access.funder_ids(landlord_staff)
        access.is_programme_admin(landlord_staff)


def test_only_programme_admins_manage_organisations(landlord_staff, programme_admin):
    assert access.can(programme_admin, "partners.manage")
    assert not access.can(landlord_staff, "partners.manage")
