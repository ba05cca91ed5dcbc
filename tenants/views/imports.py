"""Import tenants from a spreadsheet in the browser: upload, preview every row, confirm.

Between the preview and the confirmation the file is kept through Django's storage API (so
several web machines share it) under a random name remembered in the person's session, and
deleted once imported or replaced; the session keeps the versions of the records the preview
showed, so that the confirmation overwrites no record saved in between.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.imports import TenantImportForm
from ..selectors.people import landlords_of
from ..services.imports import COLUMNS, REQUIRED, ImportFileError, tenants_import

SESSION_KEY = "tenant_import"


def _landlords(user):
    landlords = landlords_of(user)
    if not landlords:
        raise Http404
    return landlords


def _forget(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        default_storage.delete(pending["path"])


def _render(request, form, report=None, file_error=""):
    context = {
        "form": form,
        "report": report,
        "file_error": file_error,
        "columns": list(COLUMNS),
        "required": REQUIRED,
    }
    refused = (form.is_bound and form.errors) or file_error or (report and not report.is_valid)
    return render(request, "tenants/tenant_import.html", context, status=400 if refused else 200)


@require_http_methods(["GET", "POST"])
def tenant_import(request):
    landlords = _landlords(request.user)
    form = TenantImportForm(request.POST or None, request.FILES or None, landlords=landlords)
    if not form.is_valid():
        return _render(request, form)
    _forget(request)
    landlord, upload = form.cleaned_data["landlord"], form.cleaned_data["file"]
    content = upload.read()
    try:
        report = tenants_import(
            actor=request.user, landlord=landlord, file_name=upload.name, content=content, commit=False
        )
    except ImportFileError as error:
        return _render(request, form, file_error=str(error))
    if report.is_valid:
        path = default_storage.save(
            f"tenant-imports/{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}", ContentFile(content)
        )
        request.session[SESSION_KEY] = {
            "path": path,
            "name": upload.name,
            "landlord": landlord.pk,
            "versions": list(report.versions.items()),  # pairs: the session is JSON
        }
    return _render(request, form, report=report)


@require_POST
def tenant_import_confirm(request):
    landlords = _landlords(request.user)
    pending = request.session.get(SESSION_KEY)
    landlord = landlords.filter(pk=pending["landlord"]).first() if pending else None
    if landlord is None or not default_storage.exists(pending["path"]):
        messages.error(request, _("There is no checked file to import any more: send it again."))
        return redirect("tenants:tenant_import")
    with default_storage.open(pending["path"], "rb") as stored:
        content = stored.read()
    form = TenantImportForm(landlords=landlords)
    try:
        report = tenants_import(
            actor=request.user,
            landlord=landlord,
            file_name=pending["name"],
            content=content,
            commit=True,
            versions=dict(pending.get("versions", [])),
        )
    except ImportFileError as error:
        _forget(request)
        return _render(request, form, file_error=str(error))
    if not report.saved:  # the records changed since the preview: show what is wrong now
        _forget(request)
        return _render(request, form, report=report)
    _forget(request)
    messages.success(
        request,
        _("Import done: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    return redirect("tenants:tenant_list")
