import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from partners.audit import log_view
from partners.forms import add_errors
from partners.lists import list_page
from partners.policy import require, scope
from programmes.models import Programme

from ..forms.pathways import (
    AssessmentForm,
    ContractForm,
    EnrolmentFilter,
    NoteForm,
    StepForm,
    TeamForm,
    WeekChoiceForm,
    WeeklyHoursForm,
    WorkContractFilter,
    week_hours_formset,
)
from ..models import Enrolment
from ..selectors import pathways as selectors
from ..services import pathways as services
from ..tables.pathways import EnrolmentTable, WorkContractTable


def _enrolment_to_edit(request, pk) -> Enrolment:
    """404 outside the user's participants, 403 for those they only read (landlord staff)."""
    enrolment = get_object_or_404(selectors.enrolments_visible_to(request.user), pk=pk)
    require(request.user, "enrolment.edit", enrolment)
    return enrolment


def _form_page(request, enrolment, form, title):
    return render(request, "tenants/pathway_form.html", {"enrolment": enrolment, "form": form, "title": title})


@require_GET
def enrolment_list(request):
    require(request.user, "enrolment.list")
    return list_page(
        request,
        queryset=selectors.enrolments_for_list(request.user),
        filterset_class=EnrolmentFilter,
        table_class=EnrolmentTable,
        template="tenants/enrolment_list.html",
        title=gettext_lazy("Participants"),
        export_name="participants",
        filterset_kwargs={"programmes": scope(request.user, Programme).order_by("name")},
        table_kwargs={"user": request.user},
    )


@require_GET
def enrolment_detail(request, pk):
    try:
        enrolment = selectors.enrolment_for_page(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    log_view(enrolment.tenant)
    assessments, barrier_rows = selectors.barrier_table(request.user, enrolment)
    contracts = selectors.contracts_of(enrolment)
    context = {
        "enrolment": enrolment,
        "tenant": enrolment.tenant,
        "steps": enrolment.steps.select_related("organisation"),
        "assessments": assessments,
        "barrier_rows": barrier_rows,
        "timeline": selectors.pathway_timeline(request.user, enrolment),
        "attendance": selectors.attendance_of(enrolment),
        "contracts": [(contract, services.work_hours_warnings(contract)) for contract in contracts],
        "weekly_limit": services.WEEKLY_HOURS_LIMIT,
        "today": timezone.localdate(),
    }
    return render(request, "tenants/enrolment_detail.html", context)


@require_http_methods(["GET", "POST"])
def step_create(request, pk):
    enrolment = _enrolment_to_edit(request, pk)
    form = StepForm(request.POST or None, programme=enrolment.programme, initial={"started_on": timezone.localdate()})
    if form.is_valid():
        try:
            services.pathway_step_create(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Step added to the pathway."))
            return redirect(enrolment)
    return _form_page(request, enrolment, form, _("New step"))


@require_http_methods(["GET", "POST"])
def step_update(request, pk):
    step = get_object_or_404(selectors.steps_visible_to(request.user), pk=pk)
    require(request.user, "enrolment.edit", step.enrolment)
    form = StepForm(request.POST or None, instance=step, programme=step.enrolment.programme)
    if form.is_valid():
        try:
            services.pathway_step_update(step=step, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Step saved."))
            return redirect(step.enrolment)
    return _form_page(request, step.enrolment, form, _("Edit the step"))


@require_http_methods(["GET", "POST"])
def note_create(request, pk):
    enrolment = _enrolment_to_edit(request, pk)
    form = NoteForm(request.POST or None, initial={"written_on": timezone.localdate()})
    if form.is_valid():
        try:
            services.pathway_note_create(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Note added."))
            return redirect(enrolment)
    return _form_page(request, enrolment, form, _("New note"))


@require_http_methods(["GET", "POST"])
def assessment_create(request, pk):
    enrolment = _enrolment_to_edit(request, pk)
    initial = {
        "assessed_on": timezone.localdate(),
        "stage": selectors.next_assessment_stage(enrolment),
        **{barrier: str(level) for barrier, level in selectors.latest_levels(enrolment).items()},
    }
    form = AssessmentForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.barrier_assessment_create(
                enrolment=enrolment,
                actor=request.user,
                stage=form.cleaned_data["stage"],
                assessed_on=form.cleaned_data["assessed_on"],
                notes=form.cleaned_data["notes"],
                levels=form.levels(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Barrier assessment recorded."))
            return redirect(enrolment)
    return render(request, "tenants/assessment_form.html", {"enrolment": enrolment, "form": form})


@require_http_methods(["GET", "POST"])
def team_update(request, pk):
    enrolment = _enrolment_to_edit(request, pk)
    form = TeamForm(
        request.POST or None,
        instance=enrolment,
        tutors=selectors.tutor_choices(enrolment),
        sponsors=selectors.sponsor_choices(enrolment),
    )
    if form.is_valid():
        try:
            services.enrolment_team_set(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Tutor and sponsor saved."))
            return redirect(enrolment)
    return _form_page(request, enrolment, form, _("Tutor and sponsor"))


@require_http_methods(["GET", "POST"])
def contract_create(request, pk):
    enrolment = _enrolment_to_edit(request, pk)
    form = ContractForm(request.POST or None, programme=enrolment.programme)
    if form.is_valid():
        try:
            services.work_contract_create(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Work contract recorded."))
            return redirect(enrolment)
    return _form_page(request, enrolment, form, _("New work contract"))


@require_http_methods(["GET", "POST"])
def weekly_hours_record(request, pk):
    contract = get_object_or_404(selectors.work_contracts_visible_to(request.user), pk=pk)
    require(request.user, "enrolment.edit", contract.enrolment)
    form = WeeklyHoursForm(request.POST or None, initial={"week_start": timezone.localdate()})
    if form.is_valid():
        try:
            _week, warnings = services.weekly_hours_record(contract=contract, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Hours recorded."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(contract.enrolment)
    title = _("Hours worked for %(employer)s") % {"employer": contract.employer}
    return _form_page(request, contract.enrolment, form, title)


@require_GET
def work_hours_list(request):
    require(request.user, "enrolment.list")
    return list_page(
        request,
        queryset=selectors.work_contracts_for_list(request.user),
        filterset_class=WorkContractFilter,
        table_class=WorkContractTable,
        template="tenants/work_hours_list.html",
        title=gettext_lazy("Premières Heures hours"),
        export_name="premieres-heures",
        filterset_kwargs={"programmes": scope(request.user, Programme).order_by("name")},
    )


@require_http_methods(["GET", "POST"])
def work_hours_week(request):
    """Premières Heures: one week's hours of every contract of a programme, in one submit."""
    require(request.user, "enrolment.list")
    programmes = scope(request.user, Programme, "run").order_by("name")
    today = timezone.localdate()
    defaults = {"week": today, "programme": programmes.first() if programmes.count() == 1 else None}
    choice = WeekChoiceForm(request.GET or None, initial=defaults, programmes=programmes)
    programme = week = None
    if choice.is_valid():
        programme, week = choice.cleaned_data["programme"], choice.cleaned_data["week"]
    elif not request.GET and defaults["programme"]:
        programme, week = defaults["programme"], today
    context = {"choice": choice, "programme": programme}
    if programme is None:
        return render(request, "tenants/work_hours_week.html", context)
    monday = week - datetime.timedelta(days=week.weekday())
    contracts = list(selectors.contracts_in_week(programme, monday))
    recorded = selectors.weeks_recorded(contracts, monday)
    formset = week_hours_formset(contracts, recorded, request.POST if request.method == "POST" else None)
    context.update({"monday": monday, "formset": formset, "limit": services.WEEKLY_HOURS_LIMIT})
    if request.method == "POST" and formset.is_valid():
        rows = [(f.cleaned_data["contract"], f.cleaned_data["hours"], f.cleaned_data["version"]) for f in formset]
        try:
            warnings = services.week_hours_save(programme=programme, actor=request.user, week_start=monday, rows=rows)
        except services.WeekHoursInvalid as invalid:
            for form in formset:
                if form.cleaned_data["contract"] in invalid.errors:
                    form.add_error("hours", invalid.errors[form.cleaned_data["contract"]])
        else:
            messages.success(request, _("Hours of the week saved."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(request.get_full_path())
    status = 400 if request.method == "POST" else 200
    if status == 400:
        context["nothing_saved"] = True
    return render(request, "tenants/work_hours_week.html", context, status=status)
