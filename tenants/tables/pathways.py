import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from partners.tables import PolicyTable
from programmes.tables.delivery import NumberColumn

from ..models import Enrolment, WorkContract
from ..models.work_hours import CONTRACT_MONTHS_LIMIT


class EnrolmentTable(PolicyTable):
    name = tables.Column(
        accessor="tenant",
        verbose_name=_("Participant"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("tenant__last_name", "tenant__first_name"),
    )
    programme = tables.Column(accessor="programme__name", verbose_name=_("Programme"))
    landlord = tables.Column(accessor="tenant__landlord__name", verbose_name=_("Landlord"))
    entered_on = tables.DateColumn(short=True, verbose_name=_("Entered on"))
    status = tables.Column(verbose_name=_("Status"))
    sessions_attended = NumberColumn(verbose_name=_("Sessions attended"))
    hours_attended = NumberColumn(verbose_name=_("Hours"))
    steps_count = NumberColumn(verbose_name=_("Steps"))
    distance_travelled = NumberColumn(verbose_name=_("Distance travelled"), default="—")

    class Meta:
        model = Enrolment
        fields = ["entered_on", "status"]
        sequence = [
            "name",
            "programme",
            "landlord",
            "entered_on",
            "status",
            "sessions_attended",
            "hours_attended",
            "steps_count",
            "distance_travelled",
        ]
        attrs = {"class": "table table-hover align-middle"}
        empty_text = _("No participant.")

    def render_distance_travelled(self, value):
        return f"+{value}" if value > 0 else value

    def value_distance_travelled(self, value):
        return value


class WorkContractTable(tables.Table):
    name = tables.Column(
        accessor="enrolment__tenant",
        verbose_name=_("Participant"),
        linkify=lambda record: record.enrolment.get_absolute_url(),
        order_by=("enrolment__tenant__last_name", "enrolment__tenant__first_name"),
    )
    programme = tables.Column(accessor="enrolment__programme__name", verbose_name=_("Programme"))
    employer = tables.Column(accessor="employer__name", verbose_name=_("Employer"))
    starts_on = tables.DateColumn(short=True, verbose_name=_("Start"))
    ends_on = tables.DateColumn(short=True, verbose_name=_("End"))
    weeks_recorded = NumberColumn(verbose_name=_("Weeks recorded"))
    total_hours = NumberColumn(verbose_name=_("Total hours"))
    weeks_over_limit = NumberColumn(verbose_name=_("Weeks over 16 h"))
    duration = tables.Column(empty_values=(), orderable=False, verbose_name=_("12-month limit"))

    class Meta:
        model = WorkContract
        fields = ["starts_on", "ends_on"]
        sequence = [
            "name",
            "programme",
            "employer",
            "starts_on",
            "ends_on",
            "weeks_recorded",
            "total_hours",
            "weeks_over_limit",
            "duration",
        ]
        attrs = {"class": "table table-hover align-middle"}
        empty_text = _("No work contract.")

    def render_weeks_over_limit(self, value):
        return format_html('<span class="badge text-bg-warning">{}</span>', value) if value else value

    def value_weeks_over_limit(self, value):
        return value

    def render_duration(self, record):
        if record.exceeds_duration():
            return format_html(
                '<span class="badge text-bg-warning">{}</span>',
                _("over %(months)s months") % {"months": CONTRACT_MONTHS_LIMIT},
            )
        return record.limit_date.strftime("%d/%m/%Y")

    def value_duration(self, record):
        if record.exceeds_duration():
            return _("over %(months)s months") % {"months": CONTRACT_MONTHS_LIMIT}
        return record.limit_date  # a date cell in the exports
