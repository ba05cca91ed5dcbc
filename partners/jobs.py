"""Background jobs: a service asks for one by the name of its Celery task.

Tasks import services, never the reverse (an import contract says so): a service names the
task it needs instead of importing it, and the job is published once the transaction
commits, so the worker finds the rows it was asked to work on.
"""

from __future__ import annotations

from celery import current_app
from django.db import transaction


def task_named(name: str):
    """The Celery task registered under `name`.

    A worker imports every app's tasks module when it starts; a web process does so on its
    first job. A name no task answers to raises celery's NotRegistered.
    """
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def publish(task_name: str, *args) -> None:
    """Publish the task now: for a job that waits on no write of the caller's."""
    task_named(task_name).delay(*args)


def enqueue_on_commit(task_name: str, *args) -> None:
    """Publish the task once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: publish(task_name, *args))
