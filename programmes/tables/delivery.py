import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partners.exports import Kind

from ..models import Programme, Session
from ..templatetags.delivery import (
    ATTENDANCE_COUNTS,
    HIDDEN_RATE,
    TARGET_COUNTS,
    percent,
    rate_hidden,
    small_count,
)


class NumberColumn(tables.Column):
    export_kind = Kind.NUMBER

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)


class PercentColumn(NumberColumn):
    export_kind = Kind.PERCENT
    export_digits = 1

    def render(self, value):
        return percent(value)

    def value(self, value):
        return value


class CountColumn(NumberColumn):
    """A count of people: shown as "< 5" when small, unless the row's programme is in the
    table's `exact_ids` (programmes the user runs or whose landlord takes part)."""

    def __init__(self, *args, programme_id=lambda record: record.pk, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme_id = programme_id

    def render(self, value, record, table):
        return small_count(value, self.programme_id(record) in table.exact_ids)

    def value(self, value, record, table):
        return self.render(value, record, table)


class GuardedPercentColumn(PercentColumn):
    """A rate that funders do not see where it would give away a count shown as "< 5";
    `counts` are the record's counts it is made of."""

    def __init__(self, *args, counts, programme_id=lambda record: record.pk, **kwargs):
        super().__init__(*args, **kwargs)
        self.counts = counts
        self.programme_id = programme_id

    def _hidden(self, record, table) -> bool:
        return rate_hidden(record, self.counts, self.programme_id(record) in table.exact_ids)

    def render(self, value, record, table):
        return HIDDEN_RATE if self._hidden(record, table) else percent(value)

    def value(self, value, record, table):
        return HIDDEN_RATE if self._hidden(record, table) else value


class CountsTable(tables.Table):
    def __init__(self, *args, exact_ids=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.exact_ids = exact_ids


def session_programme(record):
    return record.activity.programme_id


class ProgrammeTable(CountsTable):
    name = tables.Column(linkify=True, verbose_name=_("Programme"))
    lead_landlord_name = tables.Column(verbose_name=_("Lead landlord"))
    start_date = tables.DateColumn(short=True, verbose_name=_("Start"))
    end_date = tables.DateColumn(short=True, verbose_name=_("End"))
    referrals_waiting = CountColumn(verbose_name=_("Referrals waiting"))
    participants_active = CountColumn(verbose_name=_("Active participants"))
    target_reached = GuardedPercentColumn(verbose_name=_("Target reached"), counts=TARGET_COUNTS)
    attendance_rate = GuardedPercentColumn(verbose_name=_("Attendance rate"), counts=ATTENDANCE_COUNTS)

    class Meta:
        model = Programme
        fields = ["name", "lead_landlord_name", "start_date", "end_date"]
        sequence = [
            "name",
            "lead_landlord_name",
            "start_date",
            "end_date",
            "referrals_waiting",
            "participants_active",
            "target_reached",
            "attendance_rate",
        ]
        attrs = {"class": "table table-hover align-middle"}
        empty_text = _("No programme.")


class SessionTable(CountsTable):
    date = tables.DateColumn(format="D d/m/Y", linkify=True, verbose_name=_("Date"))
    time = tables.TemplateColumn(
        "{{ record.start_time|time:'H:i' }}–{{ record.end_time|time:'H:i' }}",
        verbose_name=_("Time"),
        order_by=("start_time",),
    )
    programme = tables.Column(accessor="activity__programme__name", verbose_name=_("Programme"))
    activity = tables.Column(accessor="activity__title", verbose_name=_("Activity"))
    kind = tables.Column(accessor="activity__kind", verbose_name=_("Kind"))
    place = tables.Column(verbose_name=_("Place"))
    registered_count = CountColumn(verbose_name=_("Registered"), programme_id=session_programme)
    present_count = CountColumn(verbose_name=_("Present"), programme_id=session_programme)
    attendance_rate = GuardedPercentColumn(
        verbose_name=_("Attendance rate"), counts=ATTENDANCE_COUNTS, programme_id=session_programme
    )

    class Meta:
        model = Session
        fields = ["date", "place"]
        sequence = [
            "date",
            "time",
            "programme",
            "activity",
            "kind",
            "place",
            "registered_count",
            "present_count",
            "attendance_rate",
        ]
        attrs = {"class": "table table-hover align-middle"}
        empty_text = _("No session.")

    def render_kind(self, record):
        return record.activity.get_kind_display()

    def value_kind(self, record):
        return record.activity.get_kind_display()
