"""Pages of the selection committee: calls, applications, meetings, reviews and decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners import exports
from partners.forms import add_errors
from partners.lists import list_page
from partners.policy import may, may_read_field, profile, require

from . import forms, selectors, services
from .models import AgendaItem, Application, Attachment, Call, Meeting
from .tables import ApplicationTable, CallTable, MeetingTable


def _refuse(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _render(request, template, context):
    context["perms_manage"] = may(request.user, "committee.manage")
    return render(request, template, context)


def _list_page(request, **options):
    """The committee's lists: the portal's list page, with the buttons to manage when allowed."""
    return list_page(request, context={"perms_manage": may(request.user, "committee.manage")}, **options)


# ------------------------------------------------------------------ calls


@require_GET
def call_list(request):
    return _list_page(
        request,
        queryset=selectors.calls_visible_to(request.user),
        filterset_class=forms.CallFilter,
        table_class=CallTable,
        export_name="appels-a-projets",
        template="committee/call_list.html",
        title=_("Calls for projects"),
    )


@require_GET
def call_detail(request, pk):
    call = get_object_or_404(selectors.calls_visible_to(request.user), pk=pk)
    context = {
        "call": call,
        "criteria": selectors.criteria_of(call),
        "may_apply": call.is_open and may(request.user, "application.create"),
        "my_applications": selectors.applications_of_applicant(request.user).filter(call=call),
        "meetings": selectors.meetings_visible_to(request.user).filter(call=call),
    }
    return _render(request, "committee/call_detail.html", context)


@require_http_methods(["GET", "POST"])
def call_edit(request, pk=None):
    require(request.user, "committee.manage")
    call = get_object_or_404(Call, pk=pk) if pk else Call()
    form = forms.CallForm(request.POST or None, instance=call)
    formset = forms.CriterionFormSet(request.POST or None, instance=call, prefix="criteria")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            call = services.call_save(
                actor=request.user,
                call=form.save(commit=False),
                funders=form.cleaned_data["funders"],
                criteria=forms.formset_rows(formset, services.CriterionRow),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Call saved."))
            return redirect(call)
    return render(request, "committee/call_form.html", {"form": form, "formset": formset, "call": call})


# ------------------------------------------------------------------ applications


@require_GET
def application_list(request):
    return _list_page(
        request,
        queryset=selectors.applications_list(request.user),
        filterset_class=forms.ApplicationFilter,
        table_class=ApplicationTable,
        table_kwargs={"show_all_decisions": may_read_field(request.user, Application, "decisions.pending")},
        export_name="dossiers",
        template="committee/application_list.html",
        title=_("Applications"),
    )


@require_http_methods(["GET", "POST"])
def application_create(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    require(request.user, "application.create")
    landlords = profile(request.user).landlord_ids
    form = forms.ApplicationCreateForm(
        request.POST or None, initial={"lead_landlord": min(landlords) if landlords else None}
    )
    if form.is_valid():
        try:
            application = services.application_create(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Draft created: complete it with your partners, then submit it."))
            return redirect("committee:application_edit", pk=application.pk)
    return render(request, "committee/application_create.html", {"form": form, "call": call})


def _visible_application(request, pk):
    return get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)


@require_GET
def application_detail(request, pk):
    application = _visible_application(request, pk)
    user = request.user
    data = selectors.application_detail_data(application, user=user)
    context = {
        "application": application,
        **data,
        "may_edit": may(user, "application.edit", application),
        "may_revise": may(user, "application.revise", application),
        "may_withdraw": may(user, "application.withdraw", application),
        "may_convert": may(user, "application.convert", application),
        "missing": services.missing_for_submission(application) if application.is_draft else [],
        "history": selectors.application_history(application, user=user, decisions=data["decisions"]),
    }
    return render(request, "committee/application_detail.html", context)


@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = _visible_application(request, pk)
    require(request.user, "application.edit", application)
    data = request.POST if request.method == "POST" else None
    form = forms.ApplicationForm(data, instance=application)
    partners = forms.PartnerFormSet(data, instance=application, prefix="partners")
    co_financing = forms.CoFinancingFormSet(data, instance=application, prefix="cofinancing")
    if data is not None and form.is_valid() and partners.is_valid() and co_financing.is_valid():
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name not in ("version", "co_landlords", "neighbourhoods")
        }
        try:
            services.application_update(
                actor=request.user,
                application=application,
                version=form.cleaned_data["version"],
                fields=fields,
                co_landlords=form.cleaned_data["co_landlords"],
                neighbourhoods=form.cleaned_data["neighbourhoods"],
                partners=forms.formset_rows(partners, services.PartnerRow),
                co_financing=forms.formset_rows(co_financing, services.CoFinancingRow),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Application saved."))
            return redirect("committee:application_edit", pk=application.pk)
    context = {
        "application": application,
        "form": form,
        "partner_formset": partners,
        "cofinancing_formset": co_financing,
        "attachment_form": forms.AttachmentForm(),
        "attachments": application.attachments.all(),
    }
    return render(request, "committee/application_form.html", context)


@require_POST
def attachment_upload(request, pk):
    application = _visible_application(request, pk)
    require(request.user, "application.edit", application)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(actor=request.user, application=application, upload=form.cleaned_data["file"])
        messages.success(request, _("Attachment added."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect("committee:application_edit", pk=application.pk)


def _visible_attachment(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("application"), pk=pk)
    if not selectors.applications_visible_to(request.user).filter(pk=attachment.application_id).exists():
        raise Http404
    return attachment


@require_POST
def attachment_delete(request, pk):
    attachment = _visible_attachment(request, pk)
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("Attachment removed."))
    return redirect("committee:application_edit", pk=attachment.application_id)


@require_GET
def attachment_download(request, pk):
    attachment = _visible_attachment(request, pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def _application_action(request, pk, action, success):
    """Run `action`; land on the application it returns (a new revision) or on the same one."""
    application = _visible_application(request, pk)
    try:
        result = action(actor=request.user, application=application)
    except ValidationError as error:
        _refuse(request, error)
        return redirect(application)
    messages.success(request, success)
    return redirect(result if isinstance(result, Application) else application)


@require_POST
def application_submit(request, pk):
    return _application_action(
        request, pk, services.application_submit, _("Application submitted. It can no longer change.")
    )


@require_POST
def application_revise(request, pk):
    return _application_action(
        request, pk, services.application_revise, _("A new revision was started; the submitted one is kept as it is.")
    )


@require_POST
def application_withdraw(request, pk):
    return _application_action(request, pk, services.application_withdraw, _("The application is withdrawn."))


@require_POST
def application_convert(request, pk):
    return _application_action(
        request, pk, services.application_convert, _("The programme was created from the application.")
    )


# ------------------------------------------------------------------ meetings


@require_GET
def meeting_list(request):
    return _list_page(
        request,
        queryset=selectors.meetings_visible_to(request.user),
        filterset_class=forms.MeetingFilter,
        table_class=MeetingTable,
        export_name="comites",
        template="committee/meeting_list.html",
        title=_("Committee meetings"),
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk=None):
    require(request.user, "committee.manage")
    meeting = get_object_or_404(Meeting, pk=pk) if pk else Meeting(call_id=request.GET.get("call") or None)
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if form.is_valid():
        try:
            meeting = services.meeting_save(
                actor=request.user,
                meeting=form.save(commit=False),
                members=form.cleaned_data["members"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect(meeting)
    return render(request, "committee/meeting_form.html", {"form": form, "meeting": meeting})


def _visible_meeting(request, pk):
    return get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)


@require_GET
def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    user = request.user
    context = {"meeting": meeting, "transitions": meeting.transitions.select_related("by")}
    if may(user, "committee.manage"):
        context.update(
            {
                "history": selectors.audit_history(meeting),
                "results": selectors.meeting_results(meeting),
                "criteria": selectors.criteria_of(meeting.call),
                "members": meeting.memberships.select_related("user", "organisation"),
                "agenda_form": forms.AgendaItemForm(meeting=meeting) if meeting.is_reviewing else None,
            }
        )
        return render(request, "committee/meeting_admin.html", context)
    context["agenda"] = selectors.member_agenda(meeting, user)
    return render(request, "committee/meeting_member.html", context)


@require_POST
def agenda_add(request, pk):
    meeting = _visible_meeting(request, pk)
    require(request.user, "committee.manage")
    form = forms.AgendaItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _refuse(request, error)
        else:
            messages.success(request, _("Application put on the agenda."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(meeting)


@require_POST
def agenda_remove(request, pk):
    item = _visible_item(request, pk)
    try:
        services.agenda_item_remove(actor=request.user, item=item)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Application taken off the agenda."))
    return redirect(item.meeting)


MEETING_ACTIONS = {
    "open": (services.meeting_open, _("The meeting is open.")),
    "close": (services.meeting_close, _("The meeting is closed; every applicant has been told of their decision.")),
    "approve": (services.meeting_approve_minutes, _("The minutes are approved.")),
}


@require_POST
def meeting_transition(request, pk, action):
    meeting = _visible_meeting(request, pk)
    if action not in MEETING_ACTIONS:
        raise Http404
    service, success = MEETING_ACTIONS[action]
    try:
        service(actor=request.user, meeting=meeting)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, str(success))
    return redirect(meeting)


@require_GET
def meeting_minutes(request, pk):
    meeting = _visible_meeting(request, pk)
    if not meeting.is_ended:
        raise Http404
    # Built by a task when the meeting closes and when its minutes are approved: a download
    # (a GET) never writes, so missing minutes are said to be on their way.
    if not meeting.minutes:
        messages.info(request, _("The minutes are being prepared; try again in a minute."))
        return redirect(meeting)
    filename = f"proces-verbal-{slugify(meeting.title)}-{meeting.starts_at:%Y-%m-%d}.pdf"
    return FileResponse(meeting.minutes.open("rb"), as_attachment=True, filename=filename)


@require_GET
def meeting_export(request, pk, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    meeting = _visible_meeting(request, pk)
    require(request.user, "committee.manage")
    return exports.response(selectors.scores_export(meeting), fmt, stem=f"notes-{meeting.title}")


# ------------------------------------------------------------------ one application at a meeting


def _visible_item(request, pk):
    return get_object_or_404(selectors.items_visible_to(request.user), pk=pk)


@require_GET
def item_detail(request, pk):
    item = _visible_item(request, pk)
    if may(request.user, "committee.manage"):
        return _render_admin_item(request, item)
    return render(request, "committee/item_member.html", _member_context(item, request.user))


def _item_context(item):
    return {
        "item": item,
        "meeting": item.meeting,
        "application": item.application,
        "criteria": selectors.criteria_of(item.meeting.call),
    }


def _render_admin_item(request, item, decision_form=None):
    decision = getattr(item, "decision", None)
    reviews = selectors.member_reviews(item)
    if decision_form is None and item.meeting.status == Meeting.Status.OPEN:
        decision_form = forms.DecisionForm(decision=decision)
    context = {
        **_item_context(item),
        **selectors.application_detail_data(item.application, user=request.user),
        "result": selectors.item_result(item),
        "reviews": reviews,
        "decision_form": decision_form,
        "history": selectors.audit_history(
            *[r["vote"] for r in reviews if r["vote"]], *([decision] if decision else [])
        ),
    }
    return render(request, "committee/item_admin.html", context)


def _member_context(item, user, review_form=None, declaration_form=None):
    context = _item_context(item)
    declaration = selectors.declaration_of(item, user)
    recused = selectors.is_recused(user, item)
    context.update({"declaration": declaration, "recused": recused})
    if declaration is None and not recused:
        context["declaration_form"] = declaration_form or forms.DeclarationForm()
        return context
    if recused:
        return context
    vote = selectors.vote_of(user, item)
    context.update(
        {
            "vote": vote,
            **selectors.application_detail_data(item.application, user=user),
            "review_form": review_form
            or forms.ReviewForm(
                criteria=context["criteria"],
                scores=selectors.scores_of(user, item),
                vote=vote,
                version=selectors.review_version_of(user, item),
            ),
            "may_review": may(user, "item.review", item),
            "history": selectors.audit_history(declaration, *([vote] if vote else [])),
        }
    )
    if may_read_field(user, AgendaItem, "reviews", item):
        context["reviews"] = selectors.member_reviews(item)
        context["result"] = selectors.item_result(item)
    return context


@require_POST
def item_declare(request, pk):
    item = _visible_item(request, pk)
    require(request.user, "item.declare", item)
    form = forms.DeclarationForm(request.POST)
    if form.is_valid():
        try:
            declaration = services.conflict_declare(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _refuse(request, error)
        else:
            if declaration.is_recusal:
                messages.info(request, _("You are recused on this application: you will not score or vote on it."))
            return redirect(item)
    return render(request, "committee/item_member.html", _member_context(item, request.user, declaration_form=form))


@require_POST
def item_review(request, pk):
    item = _visible_item(request, pk)
    require(request.user, "item.review", item)
    criteria = selectors.criteria_of(item.meeting.call)
    form = forms.ReviewForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            services.review_save(
                actor=request.user,
                item=item,
                scores=form.score_values(),
                vote=form.cleaned_data["vote"],
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your vote is recorded.")
                if form.cleaned_data["vote"]
                else _("Your scores are saved. Vote when you are ready."),
            )
            return redirect(item)
    return render(request, "committee/item_member.html", _member_context(item, request.user, review_form=form))


@require_POST
def item_decide(request, pk):
    item = _visible_item(request, pk)
    require(request.user, "committee.manage")
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decision_record(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(item.meeting)
    return _render_admin_item(request, item, decision_form=form)
