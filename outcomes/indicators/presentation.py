"""What a funder sees: small counts hidden as "< 5", totals true, rows ready to print.

A count of people between 1 and the threshold could point at someone, so it is shown as
"< N". When a total is shown and only one of its parts is hidden, that part could be worked
out by subtraction, so the smallest other part is hidden too (complementary suppression):
totals always stay the true totals and no hidden value can be recovered from the others.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .definitions import BY_CODE, FAMILIES, INDICATORS, LANDLORD_PREFIX, PARTITIONS


def threshold() -> int:
    return settings.SMALL_COUNT_THRESHOLD


def hidden_codes(values: dict, landlords: list[dict], limit: int) -> set[str]:
    """Codes whose value must not be shown."""
    counts = {code: value for code, value in values.items() if code in BY_CODE and BY_CODE[code].kind == "count"}
    counts.update({row["code"]: row["value"] for row in landlords})
    hidden = {code for code, value in counts.items() if value and 0 < value < limit}
    partitions = {total: list(groups) for total, groups in PARTITIONS.items()}
    partitions["participants_total"].append([row["code"] for row in landlords])
    changed = True
    while changed:
        changed = False
        for total, groups in partitions.items():
            for group in groups:
                if total in hidden:
                    newly = {code for code in group if counts[code]} - hidden
                else:
                    concealed = [code for code in group if code in hidden]
                    shown = sorted((code for code in group if code not in hidden), key=lambda c: counts[c])
                    newly = {shown[0]} if len(concealed) == 1 and shown else set()
                if newly:
                    hidden |= newly
                    changed = True
    for indicator in INDICATORS:
        parts = {indicator.numerator, indicator.denominator} - {""}
        if parts & hidden or (
            indicator.kind == "rate"
            and indicator.denominator in counts
            and 0 < (values.get(indicator.denominator) or 0) < limit
        ):
            hidden.add(indicator.code)
    return hidden


def display(value, kind: str, *, hidden: bool = False, limit: int | None = None) -> str:
    if hidden:
        return f"< {limit or threshold()}"
    if value is None:
        return "—"
    if kind == "rate":
        return f"{number_format(value, 1)} %"
    if kind == "money":
        return f"{number_format(value, 0, force_grouping=True)} €"
    if kind == "change":
        return f"{'+' if value > 0 else '−' if value < 0 else ''}{number_format(abs(value), 2)}"
    if kind == "hours":
        return f"{number_format(value, 1, force_grouping=True)} h"
    return number_format(value, 0, force_grouping=True)


def public_figures(figures: dict, limit: int | None = None) -> dict:
    """The figures with every hidden value replaced by None, and the hidden codes listed."""
    limit = limit or threshold()
    hidden = hidden_codes(figures["values"], figures["landlords"], limit)
    values = {code: (None if code in hidden else value) for code, value in figures["values"].items()}
    landlords = [{**row, "value": None if row["code"] in hidden else row["value"]} for row in figures["landlords"]]
    barriers = [{**row, "value": row["value"] if row["n"] >= limit else None} for row in figures["barriers"]]
    hidden |= {row["code"] for row in barriers if row["value"] is None}
    by_month = [None if value and value < limit else value for value in figures["participants_by_month"]]
    activities = [_public_activity(row, limit) for row in figures["attendance_by_activity"]]
    return {
        **figures,
        "values": values,
        "landlords": landlords,
        "barriers": barriers,
        "participants_by_month": by_month,
        "attendance_by_activity": activities,
        "hidden": sorted(hidden),
        "threshold": limit,
    }


def _public_activity(row: dict, limit: int) -> dict:
    """An activity's attendance; its rate is hidden with either count, since the rate and the
    count shown would give the hidden one away (10 present at 83 % means 2 absent)."""
    present = None if 0 < row["present"] < limit else row["present"]
    absent = None if 0 < row["absent"] < limit else row["absent"]
    shown = present is not None and absent is not None and row["present"] + row["absent"] >= limit
    return {**row, "present": present, "absent": absent, "rate": row["rate"] if shown else None}


def indicator_rows(public: dict, previous: dict | None = None) -> list[dict]:
    """One row per indicator (and per landlord, per barrier), labels in the active language.

    With `previous` (last year's public figures), each row also carries last year's value.
    """
    rows = _rows(public)
    if previous is not None:
        before = {row["code"]: row["display"] for row in _rows(previous)}
        for row in rows:
            row["previous_display"] = before.get(row["code"], "—")
    return rows


def _rows(public: dict) -> list[dict]:
    limit, hidden = public["threshold"], set(public["hidden"])
    rows = []
    for indicator in INDICATORS:
        rows.append(
            _row(
                indicator.code,
                indicator.family,
                str(indicator.label),
                str(indicator.definition),
                indicator.kind,
                public["values"].get(indicator.code),
                indicator.code in hidden,
                limit,
            )
        )
        if indicator.code == "distance_improved_share":
            for barrier in public["barriers"]:
                rows.append(
                    _row(
                        barrier["code"],
                        "distance",
                        _("Mean change: %(barrier)s") % {"barrier": barrier["name"]},
                        _(
                            "Mean change of this barrier's level (0 to 4) from the first to the last assessment; "
                            "below zero, the barrier fell."
                        ),
                        "change",
                        barrier["value"],
                        barrier["code"] in hidden,
                        limit,
                    )
                )
        if indicator.code == "single_parents":
            for landlord in public["landlords"]:
                rows.append(
                    _row(
                        landlord["code"],
                        "participants",
                        _("Tenants of %(landlord)s") % {"landlord": landlord["name"]},
                        _("Participants who are tenants of this landlord."),
                        "count",
                        landlord["value"],
                        landlord["code"] in hidden,
                        limit,
                    )
                )
    return rows


def _row(code, family, label, definition, kind, value, is_hidden, limit):
    return {
        "code": code,
        "family": family,
        "family_label": str(FAMILIES[family]),
        "label": label,
        "definition": definition,
        "kind": kind,
        "value": value,
        "display": display(value, kind, hidden=is_hidden, limit=limit),
        "hidden": is_hidden,
        "is_landlord": code.startswith(LANDLORD_PREFIX),
    }
