"""List pages: filters (django-filter), a sortable paginated table (django-tables2), CSV export.

Every list of the portal goes through `list_page`, so search, sorting, pagination and the
export behave the same everywhere. The export holds exactly what the filtered table shows.
"""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_tables2 import RequestConfig

PER_PAGE = 25


def csv_response(table, filename: str) -> HttpResponse:
    # Semicolons and a byte-order mark: what French spreadsheet software opens without a wizard.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in table.as_values():
        writer.writerow(row)
    return response


def list_page(
    request,
    *,
    queryset,
    filterset_class,
    table_class,
    template: str,
    export_name: str,
    context: dict | None = None,
    filterset_kwargs: dict | None = None,
    defaults: dict | None = None,
    table_kwargs: dict | None = None,
):
    data = request.GET.copy()
    for name, value in (defaults or {}).items():
        data.setdefault(name, value)
    filterset = filterset_class(data, queryset=queryset, **(filterset_kwargs or {}))
    # An invalid filter value (a hand-edited URL) shows its error and no rows rather than all rows.
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    table = table_class(rows, **(table_kwargs or {}))
    if request.GET.get("export") == "csv":
        RequestConfig(request, paginate=False).configure(table)
        return csv_response(table, export_name)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, template, {"filter": filterset, "table": table, **(context or {})})
