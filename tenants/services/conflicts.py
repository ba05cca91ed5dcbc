from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def refused_on_conflict(message) -> Iterator[None]:
    """Turn a unique-constraint race (two people saving the same thing at once) into a message.

    The form checks catch the usual case; the database constraint catches the race, and the
    savepoint keeps the surrounding transaction usable.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError(message) from exc
