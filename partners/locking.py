"""Optimistic locking: a save made from a stale page is refused, never merged.

A row edited from a form carries a `version` that every save compares and increments in one
UPDATE ... WHERE version = <the version the page was built from>, recording who saved and
when; the caller then saves its changes in the same transaction. When no row matches, someone
saved in between: `StaleSave` is raised (a ValidationError, so forms show it like any refusal)
with one message naming who saved and when, where known. The caller's transaction then rolls
back whatever it had written.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Versioned(models.Model):
    """A row several people may edit: its version, who saved it last and when."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=0, editable=False)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=gettext_lazy("last saved by"),
    )
    saved_at = models.DateTimeField(gettext_lazy("last saved at"), null=True, editable=False)

    class Meta:
        abstract = True


def stale_message(by=None, at: datetime.datetime | None = None) -> str:
    """The one message of a refused stale save."""
    known = {"name": by or _("Someone else")}
    if at is not None:
        at = timezone.localtime(at)
        known |= {"date": f"{at:%d/%m/%Y}", "time": f"{at:%H:%M}"}
        said = _("%(name)s saved this on %(date)s at %(time)s, while you were editing it.") % known
    else:
        said = _("%(name)s saved this while you were editing it.") % known
    return " ".join([said, _("Nothing of yours was saved: look at their changes, then make yours again.")])


class StaleSave(ValidationError):
    """Someone saved the row after the page was loaded; nothing was saved."""

    def __init__(self, by=None, at: datetime.datetime | None = None):
        self.by, self.at = by, at
        super().__init__(stale_message(by, at), code="stale")

    @classmethod
    def of(cls, model, pk) -> StaleSave:
        """The error naming who saved the row `pk` last and when (nobody if it is gone)."""
        row = model._default_manager.filter(pk=pk).select_related("saved_by").first()
        return cls() if row is None else cls(row.saved_by, row.saved_at)


def claim(instance: Versioned, *, version: int | None, by) -> None:
    """Take the row for a save if it still has `version`, bumping it; else StaleSave.

    The instance is updated with the new version, who and when. The caller then saves its
    changes with `save()`, inside the same transaction: the UPDATE here holds the row until
    then, and `save()` is what the audit trail sees. A missing `version` (a tampered form)
    counts as stale.
    """
    written = {"saved_by": by, "saved_at": timezone.now()}
    model = type(instance)
    rows = model._default_manager.filter(pk=instance.pk, version=version)
    if version is None or not rows.update(version=F("version") + 1, **written):
        raise StaleSave.of(model, instance.pk)
    for name, value in {"version": version + 1, **written}.items():
        setattr(instance, name, value)


def stale_rows(current: dict, versions: dict) -> dict:
    """For a page of several rows saved at once: the rows someone saved since the page was built.

    `current` maps a key to its row as it is now (read with select_for_update, so that nobody
    saves it before the caller writes), `versions` the same keys to the version the page
    showed (None where it showed no row). A row that appeared, changed or went is stale.
    """
    stale = {}
    for key, version in versions.items():
        row = current.get(key)
        if (row.version if row is not None else None) != version:
            stale[key] = StaleSave(getattr(row, "saved_by", None), getattr(row, "saved_at", None))
    return stale


def stamp(instance, *, by) -> None:
    """Bump a row written in bulk under the caller's row locks (see `stale_rows`)."""
    instance.version = (instance.version or 0) + 1 if instance.pk else 0
    instance.saved_by, instance.saved_at = by, timezone.now()
