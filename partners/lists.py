"""List pages: filters (django-filter), a sortable paginated table (django-tables2), exports.

Every list of the portal goes through `list_page`, so search, sorting, pagination and the
exports behave the same everywhere, and every page extends templates/components/list_page.html.
The export holds exactly what the filtered, sorted table holds (every page, and the columns
marked `visible=False` that are only exported), written by the one export writer
(partners/exports.py).
"""

from __future__ import annotations

import datetime

import django_tables2 as tables
from django import forms
from django.db import models
from django.shortcuts import render
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from . import exports

PER_PAGE = 25

# Columns whose django-tables2 export value is a string: the export reads their raw value.
RAW_KINDS = [
    (tables.DateTimeColumn, exports.Kind.DATETIME),
    (tables.DateColumn, exports.Kind.DATE),
    (tables.BooleanColumn, exports.Kind.BOOLEAN),
]


def export_kind(column: tables.Column) -> exports.Kind:
    """What a column's values are: its `export_kind` attribute, else from its class."""
    kind = getattr(column, "export_kind", None)
    if kind is not None:
        return kind
    return next((kind for cls, kind in RAW_KINDS if isinstance(column, cls)), exports.Kind.TEXT)


def _reader(table: tables.Table, bound_column, kind: exports.Kind):
    """How to read one cell of a bound row for the export, typed."""
    name = bound_column.name
    if kind in (exports.Kind.DATETIME, exports.Kind.DATE, exports.Kind.BOOLEAN) and not hasattr(table, f"value_{name}"):
        # Read raw, past the cell's own value: so a PolicyTable's masking is asked here.
        may_read = getattr(table, "may_read", None)

        def raw(row):
            if may_read is not None and not may_read(name, row.record):
                return None
            return bound_column.accessor.resolve(row.record, quiet=True)

        return raw
    return lambda row: row.get_cell_value(name)


def table_export(table: tables.Table, *, sheet, title: str) -> exports.Export:
    """The table's rows (all pages) and export columns, described by the table itself."""
    columns = []
    for bound_column in table.columns.iterall():
        if bound_column.column.exclude_from_export:
            continue
        kind = export_kind(bound_column.column)
        columns.append(
            exports.Column(
                label=force_str(bound_column.header),
                value=_reader(table, bound_column, kind),
                kind=kind,
                digits=getattr(bound_column.column, "export_digits", None),
            )
        )
    return exports.Export(sheet=sheet, title=title, columns=columns, rows=table.rows)


def _styled(form) -> None:
    """Bootstrap classes on the filter widgets, small to fit one row."""
    for field in form.fields.values():
        css = "form-select form-select-sm" if isinstance(field.widget, forms.Select) else "form-control form-control-sm"
        field.widget.attrs.setdefault("class", css)


def _shown(value) -> str:
    if isinstance(value, slice):
        start, stop = _shown(value.start), _shown(value.stop)
        if start and stop:
            return _("from %(start)s to %(stop)s") % {"start": start, "stop": stop}
        return (_("from %(start)s") % {"start": start}) if start else (_("until %(stop)s") % {"stop": stop})
    if value is None:
        return ""
    if isinstance(value, bool):  # a yes/no filter
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple | models.QuerySet):
        return ", ".join(_shown(item) for item in value)
    return force_str(value)


def filters_summary(filterset) -> list[str]:
    """The filters in use, as "label: value" in the active language (choices by their label)."""
    if filterset is None or not filterset.is_valid():
        return []
    summary = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", [], ()) or (isinstance(value, slice) and value.start is value.stop is None):
            continue
        field = filterset.form.fields[name]
        choices = dict(getattr(field, "choices", ()) or ()) if not isinstance(value, models.Model) else {}
        shown = choices.get(value, value) if isinstance(value, str) else value
        summary.append(f"{force_str(field.label)} : {_shown(shown)}")
    return summary


def export_title(title, filterset) -> str:
    """The title row of a list's export: what it is, the filters that scope it, when it was made."""
    return " — ".join([force_str(title), *filters_summary(filterset), exports.made_on()])


def list_page(
    request,
    *,
    queryset,
    table_class,
    template: str,
    title,
    filterset_class=None,
    export_name: str | None = None,
    context: dict | None = None,
    filterset_kwargs: dict | None = None,
    defaults: dict | None = None,
    table_kwargs: dict | None = None,
    status: int = 200,
):
    """The page of a list, or its rows as a file with ?export=csv or ?export=xlsx.

    `export_name` (the file's name) turns the exports on; `defaults` are filter values used
    when the URL does not give them.
    """
    filterset = None
    rows = queryset
    if filterset_class is not None:
        data = request.GET.copy()
        for name, value in (defaults or {}).items():
            data.setdefault(name, value)
        filterset = filterset_class(data, queryset=queryset, **(filterset_kwargs or {}))
        _styled(filterset.form)
        # An invalid filter value (a hand-edited URL) shows its error and no rows rather than all rows.
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    table = table_class(rows, **(table_kwargs or {}))
    fmt = request.GET.get("export")
    if export_name and fmt in exports.FORMATS:
        RequestConfig(request, paginate=False).configure(table)
        export = table_export(table, sheet=title, title=export_title(title, filterset))
        return exports.response(export, fmt, stem=export_name)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    page = {
        "filter": filterset,
        "table": table,
        "page_title": title,
        "export_formats": exports.FORMATS if export_name else (),
    }
    return render(request, template, {**page, **(context or {})}, status=status)
