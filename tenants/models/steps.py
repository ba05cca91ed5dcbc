from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation

from .pathways import Enrolment


class PathwayStep(models.Model):
    """One stage of a participant's pathway: a diagnostic, a training, a job contract..."""

    class Kind(models.TextChoices):
        DIAGNOSTIC = "diagnostic", _("Diagnostic")
        WORKSHOPS = "workshops", _("Workshops")
        TRAINING = "training", _("Training")
        IMMERSION = "immersion", _("Immersion internship")
        EXAM = "exam", _("Exam")
        CERTIFICATION = "certification", _("Certification")
        JOB_CONTRACT = "job_contract", _("Job contract")
        BUSINESS_CREATION = "business_creation", _("Business creation")

    class Result(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        ABANDONED = "abandoned", _("Abandoned")

    # A step with one of these results is over, so it has an end date.
    FINISHED_RESULTS = (Result.COMPLETED, Result.PASSED, Result.FAILED, Result.ABANDONED)

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="steps", verbose_name=_("enrolment")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pathway_steps",
        verbose_name=_("with (employer, training body...)"),
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, default=Result.PLANNED)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="pathway_step_ends_after_start",
                violation_error_message=_("The step cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~models.Q(result__in=["completed", "passed", "failed", "abandoned"])
                | models.Q(ended_on__isnull=False),
                name="finished_pathway_step_has_end_date",
                violation_error_message=_("A step with this result is over: give its end date."),
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("tenants:enrolment_detail", kwargs={"pk": self.enrolment_id})


class PathwayNote(models.Model):
    """A dated note on a participant's pathway, shown on its timeline."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="notes", verbose_name=_("enrolment")
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pathway note")
        verbose_name_plural = _("pathway notes")
        ordering = ["written_on", "pk"]

    def __str__(self):
        return f"{self.enrolment} — {self.written_on:%d/%m/%Y}"
