"""Single sign-on with ProConnect, against a real OpenID Connect provider run by the test."""

import pytest
from django.urls import reverse

from partners.models import Membership, User

from .helpers import enrol
from .oidc_provider import CLIENT_ID, CLIENT_SECRET, running, sign_in

pytestmark = pytest.mark.django_db
HERE = "http://testserver"
ACCOUNTS = {
    # The provider spells the address its own way: it is matched without case.
    "sophie": {"email": "Sophie@Habitat-Loiret.fr", "email_verified": True, "given_name": "Sophie"},
    "inconnue": {"email": "inconnue@exemple.fr", "email_verified": True},
    "nadia": {"email": "nadia@mille-sourires.fr", "email_verified": False},
    # ProConnect itself sends no email_verified: its providers are professional directories.
    "claire": {"email": "claire@logis-moselle.fr", "given_name": "Claire", "usual_name": "Weber"},
}


@pytest.fixture(scope="module")
def issuer():
    with running([f"{HERE}/accounts/proconnect/callback/"], ACCOUNTS) as url:
        yield url


@pytest.fixture
def proconnect(settings, issuer):
    settings.PROCONNECT_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    return issuer


def callback_url(client, issuer, login, next_url="/tenants/"):
    start = client.get(reverse("proconnect_login"), {"next": next_url})
    assert start.status_code == 302 and start["Location"].startswith(f"{issuer}/auth?")
    return sign_in(start["Location"], login, HERE).removeprefix(HERE)


def log_in_with_proconnect(client, issuer, login, next_url="/tenants/"):
    return client.get(callback_url(client, issuer, login, next_url), follow=True)


def counts():
    return User.objects.count(), Membership.objects.count()


def test_a_known_verified_address_logs_in_and_nothing_is_created(client, proconnect, landlord_staff):
    before = counts()
    response = log_in_with_proconnect(client, proconnect, "sophie")
    assert response.redirect_chain[-1][0] == "/tenants/"
    assert response.status_code == 200
    assert response.context["user"] == landlord_staff
    assert counts() == before


def test_an_address_without_account_is_refused_and_nobody_is_created(client, proconnect, landlord_staff):
    before = counts()
    response = log_in_with_proconnect(client, proconnect, "inconnue")
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "Aucun compte Passerelles" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert counts() == before


def test_an_address_the_provider_has_not_verified_is_refused(client, proconnect, coordinator):
    response = log_in_with_proconnect(client, proconnect, "nadia")
    assert "pas vérifié" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_proconnect_s_identities_without_the_verified_claim_are_trusted(client, proconnect, other_landlord_staff):
    response = log_in_with_proconnect(client, proconnect, "claire")
    assert response.context["user"] == other_landlord_staff


def test_a_deactivated_account_is_refused(client, proconnect, landlord_staff):
    landlord_staff.is_active = False
    landlord_staff.save()
    response = log_in_with_proconnect(client, proconnect, "sophie")
    assert not response.context["user"].is_authenticated


def test_someone_with_a_second_factor_still_gives_it(client, proconnect, landlord_staff):
    enrol(landlord_staff)
    response = log_in_with_proconnect(client, proconnect, "sophie")
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_reauthenticate"))


def test_where_required_the_second_factor_is_set_up_right_after(client, proconnect, landlord_staff, settings):
    settings.MFA_REQUIRED = True
    response = log_in_with_proconnect(client, proconnect, "sophie")
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp"))
    assert response.status_code == 200  # the single sign-on counts as a recent login: no password asked


def test_a_callback_cannot_be_replayed(client, proconnect, landlord_staff):
    url = callback_url(client, proconnect, "sophie")
    assert client.get(url).status_code == 302
    client.post(reverse("account_logout"))
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert not response.context["user"].is_authenticated


@pytest.mark.parametrize(
    "query", ["?code=forged&state=forged", "?state=forged", "?error=access_denied&state=x", "?code=x"]
)
def test_a_forged_or_broken_callback_says_so_and_logs_nobody_in(client, proconnect, query):
    response = client.get(reverse("proconnect_callback") + query, follow=True)
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert "ProConnect" in response.content.decode()


def test_a_code_in_the_query_of_the_password_login_is_ignored(client, proconnect, landlord_staff):
    response = client.post(
        reverse("account_login") + "?code=x&state=y",
        {"login": landlord_staff.email, "password": "mot-de-passe-de-test"},
    )
    assert response.status_code == 302


def test_when_proconnect_does_not_answer_the_login_page_says_so(client, settings):
    settings.PROCONNECT_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    response = client.get(reverse("proconnect_login"), follow=True)
    assert "pas répondu comme prévu" in response.content.decode()


def test_the_button_shows_only_when_proconnect_is_configured(client, settings, issuer):
    settings.PROCONNECT_ISSUER = ""
    assert "S'identifier avec ProConnect" not in client.get(reverse("account_login")).content.decode()
    assert client.get(reverse("proconnect_login")).status_code == 404
    settings.PROCONNECT_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    assert "S'identifier avec ProConnect" in client.get(reverse("account_login")).content.decode()
