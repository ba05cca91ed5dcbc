from django.urls import reverse

from partners import policy
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
    facts = policy.profile(user)
    assert facts.landlord_ids == {landlord.pk}
    assert facts.coordinated_org_ids == {other_landlord.pk}
    assert facts.roles == ["landlord_staff", "coordinator"]
    assert not facts.is_admin


def test_an_inactive_organisation_grants_nothing(landlord_staff, landlord):
    landlord.is_active = False
    landlord.save()
    policy.forget(landlord_staff)
    assert policy.profile(landlord_staff).landlord_ids == frozenset()


def test_membership_facts_are_read_once_per_request(django_assert_num_queries, landlord_staff):
    policy.forget(landlord_staff)
    with django_assert_num_queries(1):
        assert policy.profile(landlord_staff).landlord_ids
        assert not policy.profile(landlord_staff).funder_ids
        assert not policy.profile(landlord_staff).is_admin
