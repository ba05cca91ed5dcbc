import django_filters
import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from partners.audit import log_view
from partners.forms import add_errors
from partners.lists import list_page
from partners.policy import require, scope
from programmes.models import Programme
from tenants.models import Enrolment

from ..forms.exits import ExitForm, FollowUpForm, FunderSettingsForm
from ..models import Exit
from ..selectors.exits import enrolments_for_exits, exits_visible_to, funders_of, settings_of
from ..services import exits as services


class ExitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="search")
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=None)
    state = django_filters.ChoiceFilter(
        label=_("Exit"),
        method="by_state",
        empty_label=_("All"),
        choices=[
            ("active", _("Still in the programme")),
            ("exited", _("Exited")),
            ("follow_up", _("Follow-up to record")),
        ],
    )

    class Meta:
        model = Enrolment
        fields = ["q", "programme", "state"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = scope(user, Programme, "run")

    def search(self, queryset, name, value):
        return queryset.filter(Q(tenant__last_name__icontains=value) | Q(tenant__first_name__icontains=value))

    def by_state(self, queryset, name, value):
        if value == "active":
            return queryset.filter(exit__isnull=True)
        if value == "exited":
            return queryset.filter(exit__isnull=False)
        return queryset.filter(exit__isnull=False, exit__follow_up__isnull=True)


class ExitTable(tables.Table):
    person = tables.Column(
        verbose_name=_("Participant"), accessor="tenant", order_by=("tenant__last_name", "tenant__first_name")
    )
    programme = tables.Column(verbose_name=_("Programme"))
    entered_on = tables.DateColumn(verbose_name=_("Entry"), format="d/m/Y")
    exit_date = tables.DateColumn(verbose_name=_("Exit"), accessor="exit__exit_date", format="d/m/Y")
    situation = tables.Column(verbose_name=_("Situation at exit"), accessor="exit__situation")
    follow_up = tables.Column(verbose_name=_("Follow-up"), accessor="exit__follow_up__result", orderable=False)
    actions = tables.Column(verbose_name="", accessor="pk", orderable=False, exclude_from_export=True)

    class Meta:
        model = Enrolment
        fields = ["person", "programme", "entered_on", "exit_date", "situation", "follow_up", "actions"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No participant matches.")

    def render_situation(self, record):
        return record.exit.get_situation_display()

    def render_follow_up(self, record):
        return record.exit.follow_up.get_result_display()

    def render_actions(self, record):
        # Plain HTML rather than a template per row: a template cell would rerun the context
        # processors (and their queries) for every row.
        exit = getattr(record, "exit", None)
        if exit is None:
            return format_html(
                '<a class="btn btn-sm btn-primary" href="{}">{}</a>',
                reverse("outcomes:exit_record", args=[record.pk]),
                _("Record exit"),
            )
        follow_up = getattr(exit, "follow_up", None)
        return format_html(
            '<a class="btn btn-sm btn-outline-secondary" href="{}">{}</a> '
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>',
            reverse("outcomes:exit_record", args=[record.pk]),
            _("Edit exit"),
            reverse("outcomes:follow_up_record", args=[exit.pk]),
            _("Edit follow-up") if follow_up else _("Record follow-up"),
        )


@require_GET
def exit_list(request):
    require(request.user, "exit.list")
    return list_page(
        request,
        queryset=enrolments_for_exits(request.user),
        filterset_class=ExitFilter,
        filterset_kwargs={"user": request.user},
        table_class=ExitTable,
        template="outcomes/exit_list.html",
        title=_("Exits and follow-ups"),
        export_name="sorties",
    )


def _saved(form, save) -> bool:
    """Run `save()` once the form is valid; put the service's refusals on the form."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        add_errors(form, error)
    else:
        return True
    return False


@require_http_methods(["GET", "POST"])
def exit_record(request, pk):
    # Only the pathways the user may edit: a 404 to everyone else.
    enrolment = get_object_or_404(enrolments_for_exits(request.user), pk=pk)
    log_view(enrolment)
    exit = getattr(enrolment, "exit", None)
    form = ExitForm(request.POST or None, instance=exit)

    def save(data):
        fields = {key: value for key, value in data.items() if key != "version"}
        if exit is None:
            services.exit_record(enrolment=enrolment, actor=request.user, **fields)
        else:
            services.exit_update(exit=exit, actor=request.user, version=data["version"], **fields)

    if _saved(form, save):
        messages.success(request, _("Exit saved."))
        return redirect("outcomes:exit_list")
    return render(request, "outcomes/exit_form.html", {"enrolment": enrolment, "form": form})


@require_http_methods(["GET", "POST"])
def follow_up_record(request, pk):
    exit = get_object_or_404(exits_visible_to(request.user), pk=pk)
    log_view(exit.enrolment)
    form = FollowUpForm(request.POST or None, instance=getattr(exit, "follow_up", None))

    def save(data):
        services.follow_up_record(
            exit=exit,
            actor=request.user,
            contacted_on=data["contacted_on"],
            result=data["result"],
            improved=data["improved"],
            version=data["version"],
        )

    if _saved(form, save):
        messages.success(request, _("Follow-up saved."))
        return redirect("outcomes:exit_list")
    return render(request, "outcomes/follow_up_form.html", {"exit": exit, "form": form})


@require_http_methods(["GET", "POST"])
def funder_settings(request, slug):
    funder = get_object_or_404(funders_of(request.user), slug=slug)
    form = FunderSettingsForm(request.POST or None, instance=settings_of(funder))
    if form.is_valid():
        services.funder_settings_update(
            funder=funder,
            actor=request.user,
            positive_situations=form.cleaned_data["positive_situations"],
            durable_months=form.cleaned_data["durable_months"],
        )
        messages.success(request, _("Settings saved; reports built from now on use them."))
        return redirect(reverse("outcomes:report_list"))
    return render(
        request, "outcomes/funder_settings.html", {"funder": funder, "form": form, "situations": Exit.Situation}
    )
