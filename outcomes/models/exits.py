from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Enrolment


class Exit(models.Model):
    """How and when a participant left a programme; one per enrolment."""

    class Situation(models.TextChoices):
        CDI = "cdi", _("Permanent contract (CDI)")
        CDD_LONG = "cdd_long", _("Fixed-term or temp work of 6 months or more")
        CDD_SHORT = "cdd_short", _("Fixed-term or temp work under 6 months")
        SUBSIDISED = "subsidised", _("Subsidised contract")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        QUALIFYING_TRAINING = "qualifying_training", _("Qualifying training")
        INSERTION_EMPLOYER = "insertion_employer", _("Hired by another insertion employer")
        BUSINESS_CREATION = "business_creation", _("Business creation")
        JOB_SEARCH = "job_search", _("Job search")
        INACTIVE = "inactive", _("Inactive")
        UNKNOWN = "unknown", _("Unknown")

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="exit", verbose_name=_("enrolment")
    )
    exit_date = models.DateField(_("exit date"), db_index=True)
    situation = models.CharField(_("situation at exit"), max_length=32, choices=Situation.choices)
    contract_months = models.PositiveSmallIntegerField(
        _("contract length (months)"), null=True, blank=True
    )
    qualification_gained = models.BooleanField(_("qualification gained"), default=False)
    qualification = models.CharField(_("qualification"), max_length=200, blank=True)
    agrees_to_contact = models.BooleanField(_("agrees to be contacted again"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        ordering = ["-exit_date"]

    def __str__(self):
        return f"{self.enrolment} — {self.get_situation_display()}"
