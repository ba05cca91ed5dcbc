"""The report's files: PDF (WeasyPrint), CSV and XLSX of the same indicators.

Everything here works on the public figures (small counts hidden), in the active language.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import exports
from partners.documents import render_pdf
from programmes.models import Programme

from ..charts import bar_chart
from ..indicators import FAMILIES, indicator_rows, public_figures
from ..models import Exit, Report
from ..selectors.exits import reading_of
from ..selectors.reports import programme_ids_of

KEY_FIGURES = [
    "participants_total",
    "participants_new",
    "attendance_rate",
    "exit_dynamic",
    "dynamic_exit_rate",
    "budget_total",
]
MONTH_LABELS = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"]


def render(report: Report, current: dict, previous: dict) -> bytes:
    public, public_previous = public_figures(current), public_figures(previous)
    rows = indicator_rows(public, public_previous)
    if report.format in (Report.Format.CSV, Report.Format.XLSX):
        return exports.render(_indicators_export(report, public, rows), report.format)
    return render_pdf("outcomes/report_pdf.html", _pdf_context(report, public, public_previous, rows))


# An indicator's kind → how a spreadsheet holds its value.
VALUE_KINDS = {"rate": exports.Kind.PERCENT, "money": exports.Kind.MONEY}
INDICATOR_COLUMNS = [
    exports.Column(gettext_lazy("Code"), lambda row: row["code"]),
    exports.Column(gettext_lazy("Indicator"), lambda row: row["label"]),
    exports.Column(
        gettext_lazy("Value"),
        # A hidden count is the text "< 5"; nothing else of the row is shown.
        lambda row: row["display"] if row["hidden"] else row["value"],
        kind=lambda row: VALUE_KINDS.get(row["kind"], exports.Kind.NUMBER),
    ),
]


def _indicators_export(report: Report, public: dict, rows: list[dict]) -> exports.Export:
    title = _("Indicators %(year)s — %(scope)s — figures as of %(date)s") % {
        "year": report.year,
        "scope": report.scope_label,
        "date": _data_date(public, "%d/%m/%Y %H:%M"),
    }
    return exports.Export(sheet=_("Indicators"), title=title, columns=INDICATOR_COLUMNS, rows=rows)


def _data_date(public: dict, fmt: str) -> str:
    """When the figures were computed, in Paris time."""
    if not public.get("computed_at"):
        return ""
    return exports.local(datetime.datetime.fromisoformat(public["computed_at"])).strftime(fmt)


def _pdf_context(report: Report, public: dict, previous: dict, rows: list[dict]) -> dict:
    values, limit = public["values"], public["threshold"]
    by_code = {row["code"]: row for row in rows}
    families = [
        {"label": label, "rows": [row for row in rows if row["family"] == family]} for family, label in FAMILIES.items()
    ]
    reading = reading_of(report.funder)
    exits_chart = [
        (label, values[code])
        for code, label in (
            ("exit_durable_employment", _("Durable employment")),
            ("exit_transition_employment", _("Transition employment")),
            ("exit_positive", _("Positive")),
            ("exit_other", _("Other")),
        )
    ]
    comparison = [
        {
            **by_code[code],
            "previous": by_code[code]["previous_display"],
            "change": _change(values.get(code), previous["values"].get(code), by_code[code]["kind"]),
        }
        for code in (
            "participants_total",
            "participants_new",
            "attendance_rate",
            "exits_total",
            "exit_dynamic",
            "dynamic_exit_rate",
            "followup_employed_6m",
            "budget_total",
        )
    ]
    funding_total = sum(row["amount"] for row in public["funding"]) or None
    return {
        "report": report,
        "year": report.year,
        "previous_year": report.year - 1,
        "scope": report.scope_label,
        "programmes": _programme_names(report),
        "data_date": date_format(
            timezone.localtime(datetime.datetime.fromisoformat(public["computed_at"])), "DATETIME_FORMAT"
        )
        if public.get("computed_at")
        else "",
        "key_figures": [by_code[code] for code in KEY_FIGURES],
        "families": families,
        "comparison": comparison,
        "targets": public["targets"],
        "target_row": by_code["target_participants"],
        "achievement_row": by_code["target_achievement"],
        "funding": [
            {**row, "share": round(100 * row["amount"] / funding_total, 1) if funding_total else None}
            for row in public["funding"]
        ],
        "funding_total": by_code["budget_total"],
        "chart_participants": bar_chart(
            list(zip(MONTH_LABELS, public["participants_by_month"], strict=True)), limit=limit
        ),
        "chart_exits": bar_chart(exits_chart, limit=limit, width=420),
        "chart_attendance": bar_chart(
            [(row["title"], row["rate"]) for row in public["attendance_by_activity"]][:10],
            kind="rate",
            limit=limit,
            max_value=100,
        ),
        "activities": public["attendance_by_activity"],
        "threshold": limit,
        "positive_situations": [
            str(label) for value, label in Exit.Situation.choices if value in reading["positive_situations"]
        ],
        "durable_months": reading["durable_months"],
    }


def _change(now, before, kind):
    if now is None or before is None:
        return "—"
    if kind == "rate":
        return f"{'+' if now >= before else '−'}{number_format(abs(now - before), 1)} pt"
    if not before:
        return "—"
    change = 100 * (now - before) / before
    return f"{'+' if change >= 0 else '−'}{number_format(abs(change), 0)} %"


def _programme_names(report: Report) -> list[str]:
    programmes = Programme.objects.filter(pk__in=programme_ids_of(report)).order_by("name")
    return list(programmes.values_list("name", flat=True))
