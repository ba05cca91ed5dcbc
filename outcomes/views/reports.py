import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from partners.lists import list_page
from partners.policy import require

from ..forms.reports import ReportRequestForm
from ..models import Report
from ..selectors.exits import funders_of
from ..selectors.reports import funder_reading_for, reports_visible_to
from ..services import reports as services


class ReportTable(tables.Table):
    scope = tables.Column(verbose_name=_("Report on"), accessor="scope_label", order_by=("programme__name",))
    year = tables.Column(verbose_name=_("Year"))
    format = tables.Column(verbose_name=_("Format"))
    language = tables.Column(verbose_name=_("Language"))
    status = tables.Column(verbose_name=_("Status"))
    requested_at = tables.DateTimeColumn(verbose_name=_("Asked on"), format="SHORT_DATETIME_FORMAT")
    open = tables.Column(verbose_name="", accessor="pk", orderable=False)

    class Meta:
        model = Report
        fields = ["scope", "year", "format", "language", "status", "requested_at", "open"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "report-table"}
        empty_text = _("No report yet.")

    # Plain HTML rather than a template per cell: a template cell would rerun the context
    # processors (and their queries) for every row.
    def render_status(self, record):
        colour = {"ready": "success", "failed": "danger"}.get(record.status, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', colour, record.get_status_display())

    def render_open(self, record):
        link = format_html('<a href="{}">{}</a>', record.get_absolute_url(), _("Open"))
        if not record.is_ready:
            return link
        return format_html(
            '{} · <a href="{}">{}</a>', link, reverse("outcomes:report_download", args=[record.pk]), _("Download")
        )


@require_http_methods(["GET", "POST"])
def report_list(request):
    require(request.user, "report.list")
    form = ReportRequestForm(request.POST or None, user=request.user)
    if form.is_valid():
        programme, funder = form.target()
        if programme is not None:
            funder = funder_reading_for(request.user, programme)
        try:
            report = services.report_request(
                actor=request.user,
                programme=programme,
                funder=funder,
                year=form.cleaned_data["year"],
                format=form.cleaned_data["format"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.info(request, _("Report asked for: this page shows its progress, then the download."))
            return redirect(report)
    return list_page(
        request,
        queryset=reports_visible_to(request.user),
        table_class=ReportTable,
        table_kwargs={"order_by": "-requested_at"},
        template="outcomes/report_list.html",
        title=_("Outcome reports"),
        context={"form": form, "settings_funders": funders_of(request.user)},
    )


@require_GET
def report_detail(request, pk):
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    return render(request, "outcomes/report_detail.html", {"report": report})


@require_GET
def report_status(request, pk):
    """The status panel alone, polled by htmx until the report is ready or failed."""
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    return render(request, "outcomes/_report_status.html", {"report": report})


@require_GET
def report_download(request, pk):
    """The file, through the access rules: stored files are never served by a public URL."""
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    if not report.is_ready:
        raise Http404
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.download_name)
