import logging
from collections.abc import Iterable

from allauth.mfa.models import Authenticator
from auditlog.context import set_actor
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .models import Notification, User
from .policy import require

logger = logging.getLogger(__name__)


def notify(
    *, recipients: Iterable[User], message: str, url: str = "", subject: str = "", personal: bool = False
) -> None:
    """Tell people something happened: an in-portal notification now, an e-mail on commit.

    `message` is already translated by the caller; mail goes out only once the surrounding
    transaction has committed, so nobody is told of a change that was rolled back.
    When the message names a person (`personal`), the e-mail says only that there is news and
    links to it: mail leaves the portal's access rules and audit trail, so it carries no name.
    """
    people = [user for user in recipients if user.is_active]
    Notification.objects.bulk_create(Notification(recipient=user, message=message[:300], url=url) for user in people)
    emails = [user.email for user in people]
    if not emails:
        return
    link = f"{settings.SITE_URL}{url}" if url else settings.SITE_URL
    if personal:
        subject = gettext("Passerelles: news about a person you follow")
        message = gettext(
            "There is news in Passerelles about a person you follow. To protect their privacy, "
            "the details are shown only once you have logged in:"
        )

    def send():
        send_mail(
            subject=subject or message[:120],
            message=f"{message}\n\n{link}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=emails,
            fail_silently=False,
        )

    transaction.on_commit(send)


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> int:
    """A programme admin removes someone's second factor (lost phone, no recovery code left).

    They set up a new one at their next login. Each removed authenticator is in the audit
    trail with the admin as its author, and the person is told.
    """
    require(actor, "second_factor.reset")
    authenticators = list(Authenticator.objects.filter(user=user))
    with set_actor(actor):
        for authenticator in authenticators:
            authenticator.delete()
    logger.warning("Second factor of user %s reset by user %s", user.pk, actor.pk)
    notify(
        recipients=[user],
        subject=gettext("Passerelles: your second factor was reset"),
        message=gettext(
            "A programme admin removed the second factor of your account. You will set up a new one at your next login."
        ),
    )
    return len(authenticators)
