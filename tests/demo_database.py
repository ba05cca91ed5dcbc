"""The demo data, loaded once per test process into a database of its own.

Loading the demo takes seconds. A test that needs it runs in a transaction on that database,
rolled back afterwards; a test with a live server (whose threads read only committed rows, on
their own connections) runs on a copy instead, which PostgreSQL makes from the demo database as
a template in a fraction of a second.
"""

import datetime
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import setup_databases, teardown_databases

from tests.environment import fast_and_eager

# The outcomes demo writes its history up to the day before this date; the figures the tests
# check are worked out for it, whatever day the suite runs.
DEMO_TODAY = datetime.date(2026, 11, 23)

# The database the settings name, before pytest-django points the connection at the test database.
CONFIGURED_DATABASE = connection.settings_dict["NAME"]
DEMO_DATABASE = pytest.StashKey[str]()


def _server(statement: str) -> None:
    """Run a statement outside any database: PostgreSQL creates and drops databases from another one."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(statement)


def _create(name: str, *, template: str) -> None:
    q = connection.ops.quote_name
    connection.close()  # a template cannot be copied while a connection uses it
    _server(f"DROP DATABASE IF EXISTS {q(name)} WITH (FORCE)")
    _server(f"CREATE DATABASE {q(name)} TEMPLATE {q(template)}")


def _drop(name: str) -> None:
    # FORCE: a live-server thread or a Celery worker may not have closed its connection yet.
    _server(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


@contextmanager
def _using(name: str):
    """Point this process's new connections, in every thread, at database `name`."""
    previous = connection.settings_dict["NAME"]
    connection.close()
    # Connections of other threads (live server, Celery worker) are built from this same dict.
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = previous


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database, and beside it the demo database when a test of this process needs it.

    Built here, before any test runs, because PostgreSQL copies a database only while nobody
    is connected to it (a live server's thread may still be, after a browser test).
    """
    needed = any("demo" in getattr(item, "fixturenames", ()) for item in request.session.items)
    if not needed or connection.vendor != "postgresql":
        yield
        return
    created = None
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] == CONFIGURED_DATABASE:
            # pytest-django creates the test database for tests that use `db`, `transactional_db`
            # or `live_server`; when only demo tests run, create it here.
            created = setup_databases(verbosity=0, interactive=False, aliases={connection.alias})
        test_database = connection.settings_dict["NAME"]
        request.config.stash[DEMO_DATABASE] = template = f"{test_database}_demo"
        _create(template, template=test_database)
        with _using(template), fast_and_eager(), pytest.MonkeyPatch.context() as patch:
            patch.setattr("outcomes.demo.today", lambda: DEMO_TODAY)
            call_command("load_demo", verbosity=0)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # planner statistics, copied with the database
    yield
    with django_db_blocker.unblock():
        _drop(template)
        if created:
            teardown_databases(created, verbosity=0)


@pytest.fixture
def demo(request, django_db_setup, django_db_blocker):
    """The demo data; what the test writes is rolled back, or dropped with its copy.

    A test using it needs no `django_db` mark (`live_server` brings the transactional one).
    """
    if connection.in_atomic_block:
        pytest.fail("the demo fixture brings its own database: drop the test's `db` fixture or `django_db` mark")
    if DEMO_DATABASE not in request.config.stash:
        pytest.skip("the demo database is copied with PostgreSQL's CREATE DATABASE ... TEMPLATE (make test)")
    template = request.config.stash[DEMO_DATABASE]
    with django_db_blocker.unblock():
        if "live_server" not in request.fixturenames:
            with _using(template), transaction.atomic():
                yield
                transaction.set_rollback(True)
            return
        copy = f"{template}_copy"
        _create(copy, template=template)
        with _using(copy):
            yield
        _drop(copy)
