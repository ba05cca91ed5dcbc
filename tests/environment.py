"""What every test runs under, the demo template's loading included."""

from contextlib import contextmanager

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
