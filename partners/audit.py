"""The audit trail: who changed what and when (django-auditlog), and who viewed whom.

Apps register their personal-data and decision models here (through `track`) so the
registration stays in one idiom; `log_view` records a read of a person's record.
"""

from allauth.mfa.models import Authenticator
from auditlog.cid import get_cid
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType

from .models import Membership, Organisation, User


def track(model, **options):
    """Record every create / update / delete of `model` with its actor."""
    options.setdefault("exclude_fields", ["password", "last_login"] if model is User else [])
    auditlog.register(model, **options)


def log_view(instance) -> None:
    """Record that the current request's user read `instance` (a person's record).

    The actor is taken from the request by auditlog's middleware.
    """
    accessed.send(sender=instance.__class__, instance=instance)


track(User)
track(Organisation)
track(Membership)
# Who added or removed a second factor, and when; never its secret.
track(Authenticator, exclude_fields=["data", "last_used_at"])


def log_bulk_update(instances, changes_by_pk: dict, actor, action: int | None = None) -> None:
    """Record changes written with `bulk_update` / `bulk_create` / a queryset delete (which send
    no signal) in one INSERT. `action` is auditlog's (update unless told).

    `changes_by_pk` maps each changed instance's pk to {field: [old, new]}, auditlog's shape.
    """
    entries = [
        LogEntry(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(instance.pk),
            object_id=instance.pk,
            object_repr=str(instance),
            action=LogEntry.Action.UPDATE if action is None else action,
            changes=changes_by_pk[instance.pk],
            actor=actor,
            cid=get_cid(),
        )
        for instance in instances
        if changes_by_pk.get(instance.pk)
    ]
    LogEntry.objects.bulk_create(entries)
