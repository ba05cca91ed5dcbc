"""The one export writer: every CSV and XLSX file the portal offers is written here.

A file is described once, as a list of `Column`s (label, value getter, kind) over rows; lists
build theirs from their table (partners/lists.py), reports declare theirs. The writer then:

- neutralises spreadsheet formulas as OWASP recommends: a text cell starting with `=`, `+`,
  `-`, `@`, a tab or a carriage return is prefixed with a single quote in CSV; in XLSX every
  text is written as a string (never as a formula) and such a cell carries Excel's own
  "quote prefix" flag, so that editing it keeps it as text;
- writes what French spreadsheet software opens as is. CSV: `;` between cells, UTF-8 with a
  byte-order mark, decimal comma, dates as dd/mm/yyyy, times in Europe/Paris, yes/no in the
  active language. XLSX: real dates and numbers with number formats, a named sheet, a title
  row saying what the file holds (scope, period, when it was made), a frozen header with
  filters, and columns wide enough to read.
"""

from __future__ import annotations

import csv
import datetime
import enum
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What a spreadsheet may read as the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Kind(enum.Enum):
    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"  # given in points (0 to 100), as the portal computes rates
    MONEY = "money"  # in euros
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"


# Decimals shown for a value that is not a whole number, unless the column says otherwise.
DIGITS = {Kind.NUMBER: 2, Kind.PERCENT: 1, Kind.MONEY: 2}


@dataclass(frozen=True)
class Column:
    """One column of a file: its header, how to read a row's value, and what the value is.

    `kind` may be a function of the row when rows of one column differ (a report's indicators
    are counts, rates or amounts). A value that is text in a column of numbers or dates ("< 5"
    for a hidden count) is written as text; a number, date or boolean in a column of text is
    written as what it is.
    """

    label: Any  # a (lazy) translated string
    value: Callable[[Any], Any]
    kind: Kind | Callable[[Any], Kind] = Kind.TEXT
    digits: int | None = None

    def kind_of(self, row) -> Kind:
        return self.kind if isinstance(self.kind, Kind) else self.kind(row)


@dataclass
class Export:
    """What one file holds. `sheet` names the XLSX sheet and the file; `title` is the XLSX
    title row (what, scope, period); rows are read once."""

    sheet: Any
    title: str
    columns: Sequence[Column]
    rows: Iterable[Any]

    def cells(self):
        """Each row as (value, kind, digits) per column, values of their kind or text."""
        for row in self.rows:
            yield [_typed(column.value(row), column.kind_of(row), column.digits) for column in self.columns]

    @property
    def header(self) -> list[str]:
        return [force_str(column.label) for column in self.columns]


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as typed and never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local(moment: datetime.datetime) -> datetime.datetime:
    """The time in Europe/Paris (the portal's time zone), without tzinfo as spreadsheets want."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, timezone.get_default_timezone())
    return moment.replace(tzinfo=None)


def _kind_of_value(value) -> Kind:
    """What a value of a column of text really is: numbers and dates stay numbers and dates."""
    if isinstance(value, bool):
        return Kind.BOOLEAN
    if isinstance(value, int | float | Decimal):
        return Kind.NUMBER
    if isinstance(value, datetime.datetime):
        return Kind.DATETIME
    if isinstance(value, datetime.date):
        return Kind.DATE
    return Kind.TEXT


def _typed(value, kind: Kind, digits: int | None) -> tuple[Any, Kind, int]:
    """The value as its kind wants it (a number, a naive Paris date or time...), else as text."""
    if value is None or value == "":
        return None, Kind.TEXT, 0
    if kind is Kind.TEXT:
        kind = _kind_of_value(value)
    digits = DIGITS.get(kind, 0) if digits is None else digits
    if kind is Kind.BOOLEAN and isinstance(value, bool):
        return (_("yes") if value else _("no")), Kind.TEXT, digits
    numeric = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if kind in (Kind.NUMBER, Kind.PERCENT, Kind.MONEY) and numeric:
        return value, kind, digits
    if kind is Kind.DATETIME and isinstance(value, datetime.datetime):
        return local(value), kind, digits
    if kind is Kind.DATE and isinstance(value, datetime.datetime):
        return local(value).date(), kind, digits
    if kind is Kind.DATE and isinstance(value, datetime.date):
        return value, kind, digits
    return force_str(value), Kind.TEXT, digits


# ------------------------------------------------------------------ CSV


def _csv_number(value, digits: int) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.{digits}f}".replace(".", ",")


def csv_text(value, kind: Kind, digits: int) -> str:
    """One cell as French spreadsheet software reads it from a CSV file."""
    if value is None:
        return ""
    if kind is Kind.PERCENT or kind is Kind.NUMBER or kind is Kind.MONEY:
        return _csv_number(value, digits)
    if kind is Kind.DATE:
        return value.strftime("%d/%m/%Y")
    if kind is Kind.DATETIME:
        return value.strftime("%d/%m/%Y %H:%M")
    return neutralised(value)


def to_csv(export: Export) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the byte-order mark: spreadsheets then read the accents right
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralised(label) for label in export.header])
    for cells in export.cells():
        writer.writerow([csv_text(*cell) for cell in cells])
    return buffer.getvalue().encode("utf-8")


# ------------------------------------------------------------------ XLSX

TITLE_FONT = Font(bold=True, size=13)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
MIN_WIDTH, MAX_WIDTH = 8, 60
FIXED_WIDTHS = {Kind.DATE: 12, Kind.DATETIME: 17}


def _number_format(kind: Kind, digits: int, value) -> str:
    decimals = "" if isinstance(value, int) or not digits else "." + "0" * digits
    if kind is Kind.PERCENT:
        return f"0{decimals}%"
    if kind is Kind.MONEY:
        return f"#,##0{decimals} €"
    return f"#,##0{decimals}"


def _sheet_name(name: str) -> str:
    # Excel refuses these characters and names longer than 31 characters.
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31] or "Export"


def _write_cell(sheet, row: int, column: int, value, kind: Kind, digits: int) -> str:
    """Write one typed cell; return its text as shown, for the column's width."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return ""
    if kind is Kind.TEXT:
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return text
    if kind is Kind.PERCENT:
        cell.value = value / 100
    else:
        cell.value = value
    if kind is Kind.DATE:
        cell.number_format = "DD/MM/YYYY"
    elif kind is Kind.DATETIME:
        cell.number_format = "DD/MM/YYYY HH:MM"
    else:
        cell.number_format = _number_format(kind, digits, value)
    return csv_text(value, kind, digits)


def to_xlsx(export: Export) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_name(force_str(export.sheet))
    title = sheet.cell(row=1, column=1, value=ILLEGAL_CHARACTERS_RE.sub("", export.title))
    title.data_type = "s"
    title.font = TITLE_FONT
    widths = []
    for number, label in enumerate(export.header, start=1):
        _write_cell(sheet, 2, number, label, Kind.TEXT, 0)
        cell = sheet.cell(row=2, column=number)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths.append(min(len(label), 30))
    last_row = 2
    for last_row, cells in enumerate(export.cells(), start=3):
        for number, (value, kind, digits) in enumerate(cells, start=1):
            shown = _write_cell(sheet, last_row, number, value, kind, digits)
            widths[number - 1] = max(widths[number - 1], FIXED_WIDTHS.get(kind, len(shown)))
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    sheet.freeze_panes = "A3"
    if widths:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(widths))}{last_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ files and responses


def render(export: Export, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    return to_csv(export) if fmt == "csv" else to_xlsx(export)


def filename(stem: str, fmt: str) -> str:
    return f"{slugify(stem) or 'export'}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def response(export: Export, fmt: str, *, stem: str) -> HttpResponse:
    """The file as a download named `<stem>-<today>.<fmt>`."""
    response = HttpResponse(render(export, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(stem, fmt)}"'
    return response


def made_on() -> str:
    """The words "exported on <date> at <time>" (Paris time) that end a list's title row."""
    now = local(timezone.now())
    return _("exported on %(date)s at %(time)s") % {"date": f"{now:%d/%m/%Y}", "time": f"{now:%H:%M}"}
