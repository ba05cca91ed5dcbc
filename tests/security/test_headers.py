"""HTTP security headers, and Django's deployment checklist with production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-that-is-long-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "passerelles.example.org",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
    "CELERY_BROKER_URL": "",
}


def production(*args, extra_env=None):
    """Run manage.py with the settings production gets from its environment."""
    env = {**os.environ, **PRODUCTION_ENV, **(extra_env or {})}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_silent_with_production_settings():
    result = production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_would_speak_without_https():
    result = production("check", "--deploy", "--fail-level", "WARNING", extra_env={"SECURE_SSL_REDIRECT": "0"})
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_pages_forbid_inline_scripts_and_styles_and_framing(client, landlord_staff):
    client.force_login(landlord_staff)
    response = client.get(reverse("dashboard"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_login_page_has_the_headers_too(client):
    response = client.get(reverse("account_login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=\"", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=[\"']", re.I), "inline event handler"),
]


def web_templates():
    # PDFs (WeasyPrint) and mails never reach a browser under the policy.
    for path in sorted((ROOT / "templates").rglob("*.html")):
        relative = path.relative_to(ROOT / "templates").as_posix()
        if not relative.startswith("pdf/") and "/pdf/" not in relative and "email" not in relative:
            yield relative, path.read_text()


def test_no_template_served_to_browsers_holds_inline_code_or_style():
    found = [f"{name}: {what}" for name, text in web_templates() for pattern, what in INLINE if pattern.search(text)]
    assert found == []
