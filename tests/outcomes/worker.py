"""A real Celery worker (celery's test worker, in a thread) on the Redis broker of the test run."""

import time

import pytest
from django.conf import settings


@pytest.fixture
def celery_worker(transactional_db):
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    if not settings.CELERY_BROKER_URL:
        pytest.skip("needs a broker: make test sets CELERY_BROKER_URL to TEST_BROKER_URL")
    app.conf.task_always_eager = False
    app.conf.broker_url = app.conf.result_backend = settings.CELERY_BROKER_URL
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)  # leftovers of an aborted run
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        yield app
    app.conf.task_always_eager = True


def wait_until_finished(report, seconds=90):
    """Poll the database like the report page does, until the worker is done."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.is_finished:
            return report
        time.sleep(0.2)
    raise AssertionError(f"report {report.pk} still {report.status} after {seconds} s")
