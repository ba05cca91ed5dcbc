"""Referrals left unanswered remind the programme's coordinators (a periodic Celery task)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from partners.models import Notification
from tenants.models import Referral
from tenants.tasks import remind_unanswered_referrals

pytestmark = pytest.mark.django_db


def age(referral, days):
    Referral.objects.filter(pk=referral.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_a_referral_unanswered_for_30_days_reminds_the_coordinator_once(
    coordinator, referral, django_capture_on_commit_callbacks
):
    age(referral, 31)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_unanswered_referrals.delay().get() == 1
    note = Notification.objects.get(recipient=coordinator)
    assert "attend une réponse depuis 31 jours" in note.message
    assert mail.outbox[0].to == [coordinator.email]
    assert remind_unanswered_referrals() == 0  # not again the next day


def test_a_recent_or_answered_referral_reminds_nobody(coordinator, referral):
    age(referral, 29)
    assert remind_unanswered_referrals() == 0
    age(referral, 40)
    Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.ACCEPTED)
    assert remind_unanswered_referrals() == 0
    assert not Notification.objects.exists()


def test_the_reminder_comes_back_after_another_30_days(coordinator, referral):
    age(referral, 70)
    Referral.objects.filter(pk=referral.pk).update(reminded_at=timezone.now() - datetime.timedelta(days=31))
    assert remind_unanswered_referrals() == 1
