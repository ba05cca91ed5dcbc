"""The image's own steps (scripts/image.sh), run outside Docker: build, release, serve with DEBUG off."""

import re

import pytest
import requests

from tests.factories import PASSWORD
from tests.security.helpers import current_code, enrol

from .servers import log_in, production_env, run_image_step, start_web, with_production_password

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.deploy]


@pytest.fixture(scope="module")
def image_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("image")


@pytest.fixture(scope="module")
def image_env(django_db_setup, image_dir):
    env = production_env(image_dir)
    built = run_image_step("build", env)
    assert built.returncode == 0, built.stderr
    return env


@pytest.fixture(scope="module")
def web(image_env, image_dir):
    process, url = start_web(image_env, image_dir / "gunicorn.log")
    yield url
    process.stop()


def test_the_build_collects_static_files_with_the_production_manifest(image_env, image_dir):
    manifest = image_dir / "static" / "staticfiles.json"
    assert manifest.exists()
    assert "vendor/bootstrap.min.css" in manifest.read_text()


def test_the_built_image_serves_the_login_page_and_static_files_with_debug_off(web):
    login = requests.get(f"{web}/accounts/login/", timeout=10)
    assert login.status_code == 200
    assert "Se connecter" in login.text
    stylesheet = re.search(r'href="(/static/vendor/bootstrap\.min\.[0-9a-f]{12}\.css)"', login.text)
    assert stylesheet, "the page links the hashed file of the manifest"
    css = requests.get(f"{web}{stylesheet.group(1)}", timeout=10)
    assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in css.headers["Cache-Control"]  # hashed: cached for good
    missing = requests.get(f"{web}/no-such-page/", timeout=10)
    assert missing.status_code == 404  # not a server error


def test_a_person_logs_in_and_sees_their_dashboard_on_the_served_image(web, landlord_staff):
    with_production_password(landlord_staff, PASSWORD)
    secret, _ = enrol(landlord_staff)  # production requires a second factor of landlord staff
    response = log_in(requests.Session(), web, landlord_staff.email, PASSWORD, code=current_code(secret))
    assert response.status_code == 200 and response.url == f"{web}/"
    assert "Locataires" in response.text


def test_the_healthcheck_of_the_image_passes_against_the_served_image(web, image_env):
    port = web.rsplit(":", 1)[1]
    check = run_image_step("healthcheck", {**image_env, "PORT": port}, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_healthcheck_fails_when_nothing_answers(image_env):
    check = run_image_step("healthcheck", {**image_env, "PORT": "1"}, timeout=30)
    assert check.returncode != 0


def test_the_release_step_migrates_the_database(image_env):
    released = run_image_step("release", image_env)
    assert released.returncode == 0, released.stderr
    assert "No migrations to apply" in released.stdout


def test_the_image_refuses_to_start_without_a_secret_key(image_env):
    env = {key: value for key, value in image_env.items() if key != "SECRET_KEY"}
    released = run_image_step("release", env)
    assert released.returncode != 0
    assert "SECRET_KEY" in released.stderr
