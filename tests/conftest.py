"""Named people per role (healthchecks' alice/bob style) and the browser fixtures."""

import os

import pytest

from partners.models import Membership
from tests.demo_database import demo, django_db_setup  # noqa: F401 — fixtures
from tests.environment import broker_of_this_process, fast_and_eager
from tests.factories import PASSWORD, LandlordFactory, OrganisationFactory, member

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# under a running loop unless told the calls are synchronous (they are, here).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

R = Membership.Role
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _broker_of_this_process():
    """Set before any test sends a task: Celery keeps the first connection it opens to send one."""
    from django.conf import settings

    from config.celery import app

    run_broker = settings.CELERY_BROKER_URL
    if run_broker:
        settings.CELERY_BROKER_URL = app.conf.broker_url = broker_of_this_process(run_broker)
        if run_broker == settings.CELERY_RESULT_BACKEND:
            settings.CELERY_RESULT_BACKEND = app.conf.result_backend = settings.CELERY_BROKER_URL


@pytest.fixture(autouse=True)
def _fast_and_eager():
    with fast_and_eager():
        yield


@pytest.fixture
def landlord(db):
    return LandlordFactory(name="Habitat du Loiret", slug="habitat-du-loiret")


@pytest.fixture
def other_landlord(db):
    return LandlordFactory(name="Logis de Moselle", slug="logis-de-moselle")


@pytest.fixture
def association(db):
    return OrganisationFactory(name="Mille Sourires Test", slug="mille-sourires-test")


@pytest.fixture
def landlord_staff(landlord):
    return member(R.LANDLORD_STAFF, landlord, email="sophie@habitat-loiret.fr")


@pytest.fixture
def other_landlord_staff(other_landlord):
    return member(R.LANDLORD_STAFF, other_landlord, email="claire@logis-moselle.fr")


@pytest.fixture
def coordinator(association):
    return member(R.COORDINATOR, association, email="nadia@mille-sourires.fr")


@pytest.fixture
def committee_member(db):
    return member(R.COMMITTEE_MEMBER, email="philippe@federation.fr")


@pytest.fixture
def funder(db):
    return member(R.FUNDER, email="bruno@dreets.gouv.fr")


@pytest.fixture
def programme_admin(db):
    return member(R.PROGRAMME_ADMIN, email="alex@passerelles.fr")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page):
    """Log in through the login form, as a person would."""

    def _log_in(email, password=PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_load_state("networkidle")

    return _log_in


@pytest.fixture
def log_out(page):
    """Log out from the account menu under one's name, as a person would."""

    def _log_out():
        page.get_by_test_id("current-user").click()
        page.get_by_role("button", name="Se déconnecter").click()
        page.wait_for_load_state("networkidle")

    return _log_out


# --- Selection committee: calls, applications, meetings ---------------------------------------
from tests.committee.fixtures import (  # noqa: E402, F401
    _uploads_in_tmp,
    application,
    call,
    item,
    meeting,
    members,
    partner_member,
)
