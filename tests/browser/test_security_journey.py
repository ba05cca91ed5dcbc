"""A new landlord staff member, with production's rule that their role needs a second factor."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore

from partners.authentication import SESSION_KEY
from partners.models import Membership
from tests.factories import member
from tests.security.helpers import current_code
from tests.security.oidc_provider import CLIENT_ID, CLIENT_SECRET, running

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newcomer(transactional_db, settings):
    settings.MFA_REQUIRED = True
    return member(Membership.Role.LANDLORD_STAFF, email="lea.nouvelle@habitat-loiret.fr")


def code_field(page):
    return page.get_by_role("textbox", name="Code")


def test_enrol_log_in_with_the_app_then_with_a_recovery_code(page, log_in, newcomer, tmp_path):
    log_in(newcomer.email)
    assert "/accounts/2fa/totp/activate/" in page.url
    assert page.get_by_text("Votre rôle donne accès aux dossiers de personnes").is_visible()
    page.screenshot(path=tmp_path / "enrol.png", full_page=True)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code de l'authentificateur").fill(current_code(secret))
    page.get_by_role("button", name="Activer").click()
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(newcomer.email)
    assert "/accounts/2fa/authenticate/" in page.url
    code_field(page).fill(current_code(secret, step=1))
    page.get_by_role("button", name="Connexion").click()
    page.goto("/tenants/")
    assert page.get_by_role("heading", name="Locataires").is_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(newcomer.email)
    code_field(page).fill(codes[0])
    page.get_by_role("button", name="Connexion").click()
    page.goto("/tenants/")
    assert page.get_by_role("heading", name="Locataires").is_visible()


def test_logged_out_after_the_idle_time(page, log_in, settings, transactional_db):
    coordinator = member(Membership.Role.COORDINATOR, email="nadia@mille-sourires.fr")
    log_in(coordinator.email)
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    state = session[SESSION_KEY]
    state["seen"] = time.time() - (settings.SESSION_IDLE_MINUTES + 1) * 60
    session[SESSION_KEY] = state
    session.save()
    page.reload()
    assert "/accounts/login/" in page.url
    assert page.get_by_text("déconnecté(e) après 30 minutes sans activité").is_visible()


def test_log_in_with_the_local_openid_connect_provider(page, live_server, settings, transactional_db, tmp_path):
    staff = member(Membership.Role.LANDLORD_STAFF, email="sophie@habitat-loiret.fr")
    accounts = {"sophie": {"email": staff.email, "email_verified": True, "given_name": "Sophie"}}
    with running([f"{live_server.url}/accounts/proconnect/callback/"], accounts) as issuer:
        settings.PROCONNECT_ISSUER = issuer
        settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
        page.goto("/accounts/login/")
        page.screenshot(path=tmp_path / "login-with-proconnect.png", full_page=True)
        page.get_by_role("link", name="S'identifier avec ProConnect").click()
        assert page.url.startswith(issuer)
        page.locator("input[name=login]").fill("sophie")
        page.locator("input[name=password]").fill("anything")
        page.get_by_role("button", name="Sign-in").click()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(f"{live_server.url}/")
        assert page.get_by_test_id("current-user").inner_text() == str(staff)
