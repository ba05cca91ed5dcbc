from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners.documents import render_pdf
from partners.locking import StaleSave
from partners.policy import require
from programmes.models import Session

from ..forms.attendance import RegisterForm, SignInSheetForm, WalkInForm, WalkInLinkForm, attendance_formset
from ..models import Registration
from ..selectors import attendance as selectors
from ..services import attendance as services


def _session_to_record(request, pk) -> Session:
    """404 when the session is not visible to the user, 403 when visible but not theirs to record."""
    try:
        session = selectors.session_for_sheet(request.user, pk)
    except Session.DoesNotExist:
        raise Http404 from None
    require(request.user, "attendance.record", session)
    return session


def _rows(formset) -> list[services.AttendanceRow]:
    return [
        services.AttendanceRow(
            registration_id=form.cleaned_data["registration"],
            attendance=form.cleaned_data["attendance"] or "",
            hours=form.cleaned_data["hours"],
        )
        for form in formset
    ]


def _error_summary(formset) -> list[tuple[str, str]]:
    """Each error with the row it is on (number and name) and the id of its field, for a link."""
    summary = [
        (
            _("Row %(number)s (%(name)s): %(message)s")
            % {"number": number, "name": form.row.person_name if form.row else "?", "message": message},
            form[field].id_for_label if field in form.fields else "",
        )
        for number, form in enumerate(formset, start=1)
        for field, messages_ in form.errors.items()
        for message in messages_
    ]
    return summary or [(str(error), "") for error in formset.non_form_errors()]


def _sheet_page(request, session, formset, *, status=200, summary=(), conflict=False, upload_form=None):
    context = {
        "session": session,
        "programme": session.programme,
        "formset": formset,
        "version": selectors.attendance_sheet_of(session).version,
        "summary": summary,
        "conflict": conflict,
        "sign_in_sheets": selectors.sign_in_sheets_of(session),
        "upload_form": upload_form or SignInSheetForm(),
    }
    return render(request, "tenants/attendance_sheet.html", context, status=status)


def _mark_changed_rows(formset, current: list[Registration]) -> None:
    """After a conflict: flag the rows whose saved values differ from what this person typed."""
    by_pk = {r.pk: r for r in current}
    for form in formset:
        saved = by_pk.get(form.cleaned_data.get("registration"))
        if saved is None:
            continue
        form.row = saved
        typed = (form.cleaned_data.get("attendance") or "", form.cleaned_data.get("hours"))
        if saved.attendance != typed[0] or (typed[1] is not None and saved.hours != typed[1]):
            form.changed_meanwhile = saved


@require_http_methods(["GET", "POST"])
def attendance_sheet(request, pk):
    session = _session_to_record(request, pk)
    registrations = list(selectors.registrations_of(session))
    if request.method == "GET":
        return _sheet_page(request, session, attendance_formset(registrations))

    formset = attendance_formset(registrations, request.POST)
    if not formset.is_valid():
        return _sheet_page(request, session, formset, status=400, summary=_error_summary(formset))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.attendance_save(session=session, actor=request.user, version=version, rows=_rows(formset))
    except StaleSave as stale:
        # Nothing of theirs was saved: the sheet shows the other person's marks beside theirs.
        fresh = selectors.session_for_sheet(request.user, pk)
        _mark_changed_rows(formset, list(selectors.registrations_of(fresh)))
        messages.error(request, stale.message)
        return _sheet_page(request, fresh, formset, status=409, conflict=True)
    except ValidationError as error:
        summary = [(message, "") for message in error.messages]
        return _sheet_page(request, session, formset, status=400, summary=summary)
    except services.AttendanceInvalid as invalid:
        for form in formset:
            for field, message in invalid.errors.get(form.cleaned_data["registration"], {}).items():
                form.add_error(field, message)
        return _sheet_page(request, session, formset, status=400, summary=_error_summary(formset))
    messages.success(request, _("Attendance saved."))
    return redirect("tenants:attendance_sheet", pk=session.pk)


@require_http_methods(["GET", "POST"])
def session_register(request, pk):
    session = _session_to_record(request, pk)
    form = RegisterForm(request.POST or None, enrolments=selectors.enrolments_to_register(session))
    if form.is_valid():
        try:
            added = services.registrations_add(
                session=session, actor=request.user, enrolments=list(form.cleaned_data["enrolments"])
            )
        except ValidationError as error:
            form.add_error("enrolments", error)
        else:
            messages.success(request, _("%(count)s participant(s) registered.") % {"count": len(added)})
            return redirect("tenants:attendance_sheet", pk=session.pk)
    context = {"session": session, "form": form, "registrations": selectors.registrations_of(session)}
    return render(request, "tenants/session_register.html", context)


@require_POST
def registration_remove(request, pk):
    registration = get_object_or_404(selectors.registrations_visible_to(request.user), pk=pk)
    try:
        services.registration_remove(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is no longer registered.") % {"name": registration.person_name})
    return redirect("tenants:session_register", pk=registration.session_id)


@require_http_methods(["GET", "POST"])
def walk_in_add(request, pk):
    session = _session_to_record(request, pk)
    form = WalkInForm(
        request.POST or None,
        enrolments=selectors.enrolments_to_register(session),
        landlords=selectors.landlords_of(session),
    )
    if form.is_valid():
        try:
            registration = services.walk_in_add(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s added as present.") % {"name": registration.person_name})
            return redirect("tenants:attendance_sheet", pk=session.pk)
    return render(request, "tenants/walk_in_form.html", {"session": session, "form": form})


@require_GET
def sign_in_sheet_pdf(request, pk):
    session = _session_to_record(request, pk)
    registrations = list(selectors.registrations_of(session))
    context = {
        "session": session,
        "programme": session.programme,
        "registrations": registrations,
        "funders": selectors.funding_lines_of(session),
        "blank_rows": range(10 if session.activity.is_event else 3),
    }
    pdf = render_pdf("tenants/pdf/sign_in_sheet.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"emargement-{session.date:%Y-%m-%d}-{slugify(session.activity.title)}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_POST
def sign_in_sheet_upload(request, pk):
    session = _session_to_record(request, pk)
    form = SignInSheetForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.sign_in_sheet_upload(session=session, actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Signed sheet kept with the session."))
            return redirect("tenants:attendance_sheet", pk=session.pk)
    formset = attendance_formset(list(selectors.registrations_of(session)))
    return _sheet_page(request, session, formset, status=400, upload_form=form)


@require_GET
def sign_in_sheet_download(request, pk):
    sheet = get_object_or_404(selectors.sign_in_sheets_visible_to(request.user), pk=pk)
    require(request.user, "attendance.record", sheet.session)
    return FileResponse(sheet.file.open("rb"), content_type=sheet.content_type, filename=sheet.original_name)


@require_http_methods(["GET", "POST"])
def walk_in_link(request, pk):
    registration = get_object_or_404(selectors.walk_ins_visible_to(request.user), pk=pk)
    session = registration.session
    require(request.user, "attendance.record", session)
    form = WalkInLinkForm(request.POST or None, enrolments=selectors.enrolments_to_register(session))
    if form.is_valid():
        try:
            services.walk_in_link(registration=registration, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("enrolment", error)
        else:
            messages.success(
                request,
                _("The visit now shows on %(name)s's pathway.") % {"name": form.cleaned_data["enrolment"].tenant},
            )
            return redirect("tenants:attendance_sheet", pk=session.pk)
    context = {"session": session, "registration": registration, "form": form}
    return render(request, "tenants/walk_in_link.html", context)
