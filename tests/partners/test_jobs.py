"""Services ask for background jobs by task name; every name they use answers to a task."""

import pytest
from celery.exceptions import NotRegistered
from django.conf import settings

from outcomes.services.reports import BUILD_REPORT
from partners.jobs import enqueue_on_commit, task_named
from programmes.committee.services import BUILD_MINUTES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", [BUILD_REPORT, BUILD_MINUTES, *(entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values())]
)
def test_every_task_named_by_a_service_or_the_schedule_is_registered(name):
    assert task_named(name).name == name


def test_a_misspelt_task_name_fails_loudly():
    with pytest.raises(NotRegistered):
        task_named("outcomes.tasks.build_reprot")


def test_the_job_is_published_only_once_the_transaction_commits(django_capture_on_commit_callbacks, monkeypatch):
    published = []
    monkeypatch.setattr(task_named(BUILD_REPORT), "delay", lambda *args: published.append(args))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue_on_commit(BUILD_REPORT, 42)
        assert published == []
    assert (len(callbacks), published) == (1, [(42,)])
