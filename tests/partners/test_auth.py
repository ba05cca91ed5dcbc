import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_log_in_with_e_mail_lands_on_the_dashboard(client, landlord_staff):
    response = log_in(client, "Sophie@Habitat-Loiret.fr")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_wrong_password_is_refused_in_french(client, landlord_staff):
    response = log_in(client, landlord_staff.email, "mauvais")
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in response.content.decode()


def test_too_many_failures_lock_the_account_with_a_clear_message(client, landlord_staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        log_in(client, landlord_staff.email, "mauvais")
    response = log_in(client, landlord_staff.email, PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_log_out(client, landlord_staff):
    client.force_login(landlord_staff)
    client.post(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_reset_sends_a_link(client, landlord_staff):
    response = client.post(reverse("account_reset_password"), {"email": landlord_staff.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_reset_tells_nothing_about_unknown_addresses(client, landlord_staff):
    response = client.post(reverse("account_reset_password"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert mail.outbox == []


def test_nobody_changes_their_own_address(client, funder):
    """Addresses are a programme admin's: a session left open does not become a new address, then a new password."""
    client.force_login(funder)
    assert client.get("/accounts/email/").status_code == 404
    client.post("/accounts/email/", {"action_add": "", "email": "intrus@exemple.fr"})
    client.post("/accounts/email/", {"action_primary": "", "email": "intrus@exemple.fr"})
    funder.refresh_from_db()
    assert funder.email != "intrus@exemple.fr"
    client.logout()
    client.post(reverse("account_reset_password"), {"email": "intrus@exemple.fr"})
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("fixture", "title"),
    [
        ("landlord_staff", "Tableau de bord bailleur"),
        ("coordinator", "Tableau de bord coordination"),
        ("committee_member", "Tableau de bord du comité"),
        ("funder", "Tableau de bord financeur"),
        ("programme_admin", "Tableau de bord administration"),
    ],
)
def test_each_role_lands_on_its_own_dashboard(client, request, fixture, title):
    client.force_login(request.getfixturevalue(fixture))
    assert title in client.get(reverse("dashboard")).content.decode()


def test_a_user_cannot_open_the_dashboard_of_a_role_they_lack(client, landlord_staff):
    client.force_login(landlord_staff)
    assert client.get(reverse("dashboard"), {"role": "programme_admin"}).status_code == 404


def test_interface_switches_to_english(client, landlord_staff):
    client.force_login(landlord_staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Landlord staff dashboard" in client.get(reverse("dashboard")).content.decode()
    translation.activate("fr")


def test_dates_are_in_french_format():
    from datetime import date

    from django.utils.formats import date_format

    with translation.override("fr"):
        assert date_format(date(2022, 11, 24), "SHORT_DATE_FORMAT") == "24/11/2022"


def test_french_is_the_default_whatever_the_browser_asks(client):
    response = client.get(reverse("account_login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert "Connexion à Passerelles" in response.content.decode()
