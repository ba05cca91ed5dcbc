from celery import shared_task

from .services.referrals import referrals_remind_unanswered


@shared_task
def remind_unanswered_referrals() -> int:
    return referrals_remind_unanswered()
