"""The report's files: PDF (WeasyPrint), CSV and XLSX of the same indicators.

Everything here works on the public figures (small counts hidden), in the active language.
"""

from __future__ import annotations

import csv
import datetime
import io

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

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
    if report.format == Report.Format.CSV:
        return _csv(rows)
    if report.format == Report.Format.XLSX:
        return _xlsx(rows)
    return render_pdf("outcomes/report_pdf.html", _pdf_context(report, public, public_previous, rows))


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["code", "label", "value"])
    for row in rows:
        writer.writerow([row["code"], row["label"], _plain(row)])
    # A byte-order mark lets spreadsheet programs read the accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _plain(row):
    """The value as a spreadsheet reads it: a number, "< 5", or empty."""
    if row["hidden"]:
        return row["display"]
    value = row["value"]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")[:31]
    sheet.append(["code", "label", "value"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row["code"], row["label"], _plain(row)])
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
        "data_date": date_format(datetime.datetime.fromisoformat(public["computed_at"]), "DATETIME_FORMAT")
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
