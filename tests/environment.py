"""What every test runs under, the demo template's loading included."""

import os
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.test import override_settings


@contextmanager
def fast_and_eager():
    """Cheap password hashing, mails kept in memory, Celery tasks in-process unless a test starts a worker."""
    from config.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    try:
        with override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            AXES_ENABLED=True,
        ):
            yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = previous


def broker_of_this_process(url: str) -> str:
    """The run's Redis broker URL, moved to a database of its own for each pytest-xdist process.

    Each process runs its own Celery workers (in a thread, or as child processes given this URL)
    on its own test database: sharing a queue, one process's worker would take another's tasks.
    The first process keeps the run's database; the others are spread over Redis's 16.
    """
    worker, count = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get("PYTEST_XDIST_WORKER_COUNT")
    parts = urlsplit(url)
    if not worker or parts.scheme != "redis":
        return url
    index = int(worker.removeprefix("gw"))
    database = (int(parts.path.strip("/") or 0) + index * (16 // int(count))) % 16
    return urlunsplit(parts._replace(path=f"/{database}"))
