import pytest
from django.urls import reverse

from partners.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(programme_admin):
    programme_admin.is_staff = programme_admin.is_superuser = True
    programme_admin.save()
    return programme_admin


def test_programme_admin_adds_an_organisation_in_a_french_admin(client, operator):
    client.force_login(operator)
    page = client.get(reverse("admin:partners_organisation_add"))
    assert "Ajout" in page.content.decode()
    response = client.post(
        reverse("admin:partners_organisation_add"),
        {
            "name": "Habitat 45",
            "slug": "habitat-45",
            "kind": "landlord",
            "legal_form": "oph",
            "housing_stock": "5000",
            "country": "FR",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="habitat-45").legal_form == "oph"


def test_staff_of_a_landlord_cannot_open_the_admin(client, landlord_staff):
    client.force_login(landlord_staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
