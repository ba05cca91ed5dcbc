"""How long a session holds for those who read personal data, and confirming one's identity again."""

import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.urls import reverse

from partners.authentication import SESSION_KEY

from .helpers import current_code, enrol, log_in_with_password

pytestmark = pytest.mark.django_db


def age(client, **seconds_ago):
    session = client.session
    for key, seconds in seconds_ago.items():
        session[SESSION_KEY][key] = time.time() - seconds
    session.save()


def test_idle_for_longer_than_the_setting_logs_out_with_a_message(client, landlord_staff, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(landlord_staff)
    age(client, seen=31 * 60)
    response = client.get("/tenants/", follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('account_login')}?next=%2Ftenants%2F"
    assert "déconnecté(e) après 30 minutes sans activité" in response.content.decode()
    assert client.get("/tenants/").status_code == 302


def test_activity_within_the_idle_time_keeps_the_session(client, landlord_staff):
    client.force_login(landlord_staff)
    age(client, seen=29 * 60)
    assert client.get("/tenants/").status_code == 200
    assert time.time() - client.session[SESSION_KEY]["seen"] < 5  # the clock restarted


def test_twelve_hours_after_the_login_the_session_ends_however_active(client, coordinator):
    client.force_login(coordinator)
    age(client, started=12 * 3600 + 1, seen=10)
    response = client.get(reverse("dashboard"), follow=True)
    assert "12 heures après votre connexion" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_session_cookie_of_those_roles_lasts_twelve_hours_at_most(client, programme_admin):
    client.force_login(programme_admin)
    assert client.session.get_expiry_age() == 12 * 3600


@pytest.mark.parametrize(("fixture", "hours"), [("programme_admin", 12), ("landlord_staff", 12), ("funder", 14 * 24)])
def test_a_password_login_gives_the_cookie_its_role_s_age(client, request, settings, fixture, hours):
    settings.MFA_REQUIRED = False  # the login completes with the password alone
    log_in_with_password(client, request.getfixturevalue(fixture))
    assert client.session.get_expiry_age() == hours * 3600


@pytest.mark.parametrize("fixture", ["funder", "committee_member"])
def test_roles_without_personal_data_keep_their_sessions(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    age(client, started=13 * 3600, seen=60 * 60)
    assert client.get(reverse("dashboard")).status_code == 200


def authenticated_long_ago(client):
    session = client.session
    for record in session[AUTHENTICATION_METHODS_SESSION_KEY]:
        record["at"] -= 600
    session.save()


@pytest.mark.urls("tests.security.urls_recent_auth")
def test_a_fresh_login_counts_as_recent(client, landlord_staff):
    log_in_with_password(client, landlord_staff)
    assert client.get("/test/person-file/").content == b"GET done"


@pytest.mark.urls("tests.security.urls_recent_auth")
def test_an_old_login_confirms_the_password_then_the_post_goes_through(client, landlord_staff):
    log_in_with_password(client, landlord_staff)
    authenticated_long_ago(client)
    response = client.post("/test/person-file/")
    assert response["Location"] == f"{reverse('account_reauthenticate')}?next=%2Ftest%2Fperson-file%2F"
    response = client.post(response["Location"], {"password": "mauvais"})
    assert "Mot de passe incorrect" in response.content.decode()
    response = client.post(
        reverse("account_reauthenticate"), {"password": "mot-de-passe-de-test", "next": "/test/person-file/"}
    )
    assert response.content == b"POST done"  # the suspended request resumed


@pytest.mark.urls("tests.security.urls_recent_auth")
def test_someone_with_a_second_factor_confirms_with_it(client, coordinator):
    secret, _ = enrol(coordinator)
    log_in_with_password(client, coordinator)
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    authenticated_long_ago(client)
    response = client.get("/test/person-file/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    client.post(reverse("mfa_reauthenticate"), {"code": "000000"})
    assert client.get("/test/person-file/").status_code == 302
    client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret, step=1)})
    assert client.get("/test/person-file/").content == b"GET done"
