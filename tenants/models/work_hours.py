import calendar
import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.locking import Versioned
from partners.models import Organisation

from .pathways import Enrolment

# Premières Heures: at most 16 hours a week, for at most 12 months. Going over is allowed
# (the portal records what happened) but warned about.
WEEKLY_HOURS_LIMIT = 16
CONTRACT_MONTHS_LIMIT = 12


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class WorkContract(models.Model):
    """A Premières Heures work contract of a participant with an employer."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="work_contracts", verbose_name=_("enrolment")
    )
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="work_contracts",
        verbose_name=_("employer"),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("work contract")
        verbose_name_plural = _("work contracts")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="work_contract_ends_after_start",
                violation_error_message=_("The contract cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.employer} ({self.starts_on:%d/%m/%Y})"

    @property
    def limit_date(self) -> datetime.date:
        """The last day the contract may run within the 12-month limit."""
        return add_months(self.starts_on, CONTRACT_MONTHS_LIMIT) - datetime.timedelta(days=1)

    def exceeds_duration(self, today: datetime.date | None = None) -> bool:
        end = self.ends_on or today or datetime.date.today()
        return end > self.limit_date


class WeeklyHours(Versioned):
    """Hours a participant worked under a contract in one week (Monday to Sunday)."""

    contract = models.ForeignKey(
        WorkContract, on_delete=models.CASCADE, related_name="weeks", verbose_name=_("contract")
    )
    week_start = models.DateField(_("week of (Monday)"), db_index=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["contract", "week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "week_start"],
                name="one_entry_per_contract_week",
                violation_error_message=_("Hours are already recorded for this week."),
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) & models.Q(hours__lte=168),
                name="weekly_hours_in_a_week",
                violation_error_message=_("Between 0 and 168 hours in a week."),
            ),
        ]

    def __str__(self):
        return f"{self.contract.enrolment} — {self.week_start:%d/%m/%Y}: {self.hours} h"

    @property
    def over_limit(self) -> bool:
        return self.hours > WEEKLY_HOURS_LIMIT
