from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from partners.lists import list_page
from partners.policy import may, require, scope, scope_ids

from ..forms.delivery import ActivityForm, ProgrammeFilter, SessionFilter, SessionForm
from ..models import Activity, Programme, Session
from ..selectors import delivery as selectors
from ..services import delivery as services
from ..tables.delivery import ProgrammeTable, SessionTable


@require_GET
def programme_list(request):
    return list_page(
        request,
        queryset=selectors.programmes_for_list(request.user),
        filterset_class=ProgrammeFilter,
        table_class=ProgrammeTable,
        template="programmes/programme_list.html",
        title=gettext_lazy("Programmes"),
        export_name="programmes",
        table_kwargs={"exact_ids": scope_ids(request.user, Programme, "count_exactly")},
    )


@require_GET
def programme_detail(request, slug):
    try:
        programme = selectors.programme_for_page(request.user, slug)
    except Programme.DoesNotExist:
        raise Http404 from None
    sessions = selectors.sessions_visible_to(request.user).filter(activity__programme=programme)
    context = {
        "programme": programme,
        "can_run": may(request.user, "programme.run", programme),
        "exact_counts": may(request.user, "programme.count_exactly", programme),
        "activities": selectors.activities_with_rates(programme),
        "upcoming": selectors.upcoming_sessions(sessions),
        **selectors.programme_relations(programme),
    }
    return render(request, "programmes/programme_detail.html", context)


def _programme_to_run(request, slug) -> Programme:
    programme = get_object_or_404(scope(request.user, Programme), slug=slug)
    require(request.user, "programme.run", programme)
    return programme


def _activity_to_run(request, pk) -> Activity:
    activity = get_object_or_404(scope(request.user, Activity).select_related("programme"), pk=pk)
    require(request.user, "programme.run", activity.programme)
    return activity


@require_http_methods(["GET", "POST"])
def activity_create(request, slug):
    programme = _programme_to_run(request, slug)
    form = ActivityForm(request.POST or None, programme=programme)
    if form.is_valid():
        activity = services.activity_create(programme=programme, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Activity “%(title)s” created.") % {"title": activity.title})
        return redirect("programmes:activity_detail", pk=activity.pk)
    return render(request, "programmes/activity_form.html", {"form": form, "programme": programme})


@require_http_methods(["GET", "POST"])
def activity_update(request, pk):
    activity = _activity_to_run(request, pk)
    form = ActivityForm(request.POST or None, instance=activity, programme=activity.programme)
    if form.is_valid():
        services.activity_update(activity=activity, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Activity saved."))
        return redirect("programmes:activity_detail", pk=activity.pk)
    return render(
        request, "programmes/activity_form.html", {"form": form, "programme": activity.programme, "activity": activity}
    )


@require_GET
def activity_detail(request, pk):
    try:
        activity = selectors.activity_for_page(request.user, pk)
    except Activity.DoesNotExist:
        raise Http404 from None
    sessions = selectors.sessions_with_rates(activity.sessions.all()).order_by("-date", "-start_time")
    context = {
        "activity": activity,
        "programme": activity.programme,
        "sessions": sessions,
        "today": timezone.localdate(),
        "can_run": may(request.user, "programme.run", activity.programme),
        "exact_counts": may(request.user, "programme.count_exactly", activity.programme),
    }
    return render(request, "programmes/activity_detail.html", context)


@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    activity = _activity_to_run(request, pk)
    form = SessionForm(request.POST or None, initial={"date": timezone.localdate()})
    if form.is_valid():
        session = services.session_create(activity=activity, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Session scheduled."))
        return redirect(session)
    return render(request, "programmes/session_form.html", {"form": form, "activity": activity})


@require_http_methods(["GET", "POST"])
def session_update(request, pk):
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    require(request.user, "programme.run", session.programme)
    form = SessionForm(request.POST or None, instance=session)
    if form.is_valid():
        services.session_update(session=session, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Session saved."))
        return redirect(session)
    context = {"form": form, "activity": session.activity, "session": session}
    return render(request, "programmes/session_form.html", context)


@require_GET
def session_list(request):
    return list_page(
        request,
        queryset=selectors.sessions_with_rates(selectors.sessions_visible_to(request.user)),
        filterset_class=SessionFilter,
        table_class=SessionTable,
        template="programmes/session_list.html",
        title=gettext_lazy("Sessions"),
        export_name="sessions",
        defaults={"when": "upcoming"},
        filterset_kwargs={"programmes": scope(request.user, Programme).order_by("name")},
        table_kwargs={"exact_ids": scope_ids(request.user, Programme, "count_exactly")},
    )


@require_GET
def session_detail(request, pk):
    try:
        session = selectors.session_for_page(request.user, pk)
    except Session.DoesNotExist:
        raise Http404 from None
    context = {
        "session": session,
        "programme": session.programme,
        "can_run": may(request.user, "programme.run", session.programme),
        "exact_counts": may(request.user, "programme.count_exactly", session.programme),
    }
    return render(request, "programmes/session_detail.html", context)
