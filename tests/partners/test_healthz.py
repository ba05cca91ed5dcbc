import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_without_login(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_checks_the_configured_broker(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_healthz_answers_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch, settings):
    settings.CELERY_BROKER_URL = ""
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
