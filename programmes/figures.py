"""Figures about programmes, activities and sessions whose rows live in the apps above.

Referrals, enrolments and attendance belong to `tenants`, which this app may not import. Rather
than count those rows through reverse relations and repeat their statuses here (a renamed
status would then leave the figures silently wrong), the app that owns the rows registers a
provider in its AppConfig.ready. A provider returns SQL expressions, correlated on the outer
row's pk, so the figures stay one query per page, sortable and exportable like any column.

The names a page needs are listed below: a figure nobody provides is an error at the first
query, never a blank on a page.
"""

from __future__ import annotations

import datetime
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Expression

# Annotated on Programme rows.
PROGRAMME_FIGURES = frozenset(
    {
        "referrals_waiting",  # referrals sent or accepted, not yet answered by an enrolment
        "participants_active",  # people following the programme now
        "participants_entered",  # every entry so far
        "participants_entered_this_year",  # entries of `today`'s year
        "recorded_count",  # registered people whose attendance was recorded
        "present_count",  # among them, those present
    }
)
# Annotated on Activity and Session rows (an activity's figures sum its sessions').
ATTENDANCE_FIGURES = frozenset({"registered_count", "recorded_count", "present_count", "walk_in_count"})
# Annotated on Session rows only: the last save of its attendance sheet.
SESSION_FIGURES = ATTENDANCE_FIGURES | {"attendance_saved_at", "attendance_saved_by_name"}


class FiguresProvider(Protocol):
    def programme_figures(self, today: datetime.date) -> dict[str, Expression]: ...

    def activity_figures(self) -> dict[str, Expression]: ...

    def session_figures(self) -> dict[str, Expression]: ...


_providers: list[FiguresProvider] = []


def register(provider: FiguresProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _collect(kind: str, required: frozenset[str], *args) -> dict[str, Expression]:
    figures: dict[str, Expression] = {}
    for provider in _providers:
        figures.update(getattr(provider, f"{kind}_figures")(*args))
    missing = required - figures.keys()
    if missing:
        raise ImproperlyConfigured(f"No app provides the {kind} figures {sorted(missing)}.")
    return figures


def programme_figures(today: datetime.date) -> dict[str, Expression]:
    return _collect("programme", PROGRAMME_FIGURES, today)


def activity_figures() -> dict[str, Expression]:
    return _collect("activity", ATTENDANCE_FIGURES)


def session_figures() -> dict[str, Expression]:
    return _collect("session", SESSION_FIGURES)
