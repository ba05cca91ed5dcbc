import django_tables2 as tables
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from .models import Application, Call, Decision, Meeting


class CallTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Call"))
    funders = tables.ManyToManyColumn(verbose_name=_("Funders"), orderable=False)
    application_count = tables.Column(verbose_name=_("Submitted applications"))

    class Meta:
        model = Call
        fields = ["title", "funders", "opens_on", "deadline", "budget_envelope", "application_count"]
        attrs = {"class": "table table-hover align-middle"}
        order_by = "-deadline"

    def render_budget_envelope(self, value):
        return f"{floatformat(value, '0g')} €"

    def value_budget_envelope(self, value):
        return value


class ApplicationTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Application"))
    call = tables.Column(verbose_name=_("Call"))
    lead_landlord = tables.Column(verbose_name=_("Lead landlord"))
    decision_outcome = tables.Column(verbose_name=_("Decision"), empty_values=(), orderable=False)

    class Meta:
        model = Application
        fields = ["title", "call", "lead_landlord", "status", "submitted_at", "decision_outcome"]
        attrs = {"class": "table table-hover align-middle"}

    def __init__(self, *args, show_all_decisions=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_all_decisions = show_all_decisions

    def render_decision_outcome(self, value, record):
        # Applicants learn the decision when the meeting closes, not while it deliberates.
        if not value or not (record.decision_public or self.show_all_decisions):
            return "—"
        return Decision.Outcome(value).label


class MeetingTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Meeting"))
    call = tables.Column(verbose_name=_("Call"))
    item_count = tables.Column(verbose_name=_("Applications"))
    member_count = tables.Column(verbose_name=_("Members"))

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "place", "call", "status", "item_count", "member_count"]
        attrs = {"class": "table table-hover align-middle"}
        order_by = "-starts_at"
