from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.locking import Versioned
from tenants.models import Enrolment


class Exit(Versioned):
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

    # Fixed-term situations, whose length decides between durable and transition employment.
    FIXED_TERM = (Situation.CDD_LONG, Situation.CDD_SHORT)

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="exit", verbose_name=_("enrolment")
    )
    # Copied from the enrolment so the database itself refuses an exit before the entry.
    entered_on = models.DateField(_("entry date"), editable=False)
    exit_date = models.DateField(_("exit date"), db_index=True)
    situation = models.CharField(_("situation at exit"), max_length=32, choices=Situation.choices)
    contract_months = models.PositiveSmallIntegerField(_("contract length (months)"), null=True, blank=True)
    qualification_gained = models.BooleanField(_("qualification gained"), default=False)
    qualification = models.CharField(_("qualification"), max_length=200, blank=True)
    agrees_to_contact = models.BooleanField(_("agrees to be contacted again"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        ordering = ["-exit_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exit_date__gte=models.F("entered_on")),
                name="exit_not_before_entry",
            ),
            models.CheckConstraint(
                condition=~models.Q(situation__in=["cdd_long", "cdd_short"]) | models.Q(contract_months__gte=1),
                name="fixed_term_exit_has_length",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.get_situation_display()}"


class FollowUp(Versioned):
    """What became of a person about six months after their exit."""

    class Result(models.TextChoices):
        EMPLOYED = "employed", _("In employment")
        NOT_EMPLOYED = "not_employed", _("Not in employment")
        NO_ANSWER = "no_answer", _("No answer")

    exit = models.OneToOneField(Exit, on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("exit"))
    contacted_on = models.DateField(_("follow-up date"))
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    improved = models.BooleanField(_("situation improved"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-contacted_on"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(result="no_answer") | models.Q(improved__isnull=True),
                name="follow_up_without_answer_has_no_improvement",
            ),
        ]

    def __str__(self):
        return f"{self.exit.enrolment} — {self.get_result_display()}"

    @property
    def answered(self):
        return self.result != self.Result.NO_ANSWER
