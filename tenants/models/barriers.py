from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pathways import Enrolment
from .people import Tenant


class BarrierAssessment(models.Model):
    """How strong each barrier to work is for a participant on one date.

    Every assessment of every programme uses the same scale (BarrierScore.Level), so the
    entry assessment and a later one compare directly: the fall is the distance travelled.
    """

    class Stage(models.TextChoices):
        ENTRY = "entry", _("At entry")
        FOLLOW_UP = "follow_up", _("Follow-up")
        EXIT = "exit", _("At exit")

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="barrier_assessments",
        verbose_name=_("enrolment"),
    )
    assessed_on = models.DateField(_("assessed on"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    notes = models.TextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("barrier assessment")
        verbose_name_plural = _("barrier assessments")
        ordering = ["assessed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=models.Q(stage="entry"),
                name="one_entry_assessment",
                violation_error_message=_("The assessment at entry is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=models.Q(stage="exit"),
                name="one_exit_assessment",
                violation_error_message=_("The assessment at exit is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["enrolment", "assessed_on"],
                name="one_assessment_per_enrolment_and_day",
                violation_error_message=_("There is already an assessment on this day."),
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.get_stage_display()} {self.assessed_on:%d/%m/%Y}"


class BarrierScore(models.Model):
    """The level of one barrier in one assessment, on the portal's single 0–4 scale."""

    class Level(models.IntegerChoices):
        NONE = 0, _("0 — no barrier")
        LIGHT = 1, _("1 — light")
        MODERATE = 2, _("2 — moderate")
        STRONG = 3, _("3 — strong")
        BLOCKING = 4, _("4 — blocking")

    assessment = models.ForeignKey(
        BarrierAssessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("assessment"),
    )
    barrier = models.CharField(_("barrier"), max_length=32, choices=Tenant.Barrier.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)

    class Meta:
        verbose_name = _("barrier score")
        verbose_name_plural = _("barrier scores")
        ordering = ["assessment", "barrier"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "barrier"], name="one_score_per_barrier"),
            models.CheckConstraint(
                condition=models.Q(level__gte=0) & models.Q(level__lte=4),
                name="barrier_level_on_scale",
                violation_error_message=_("Levels go from 0 (no barrier) to 4 (blocking)."),
            ),
        ]

    def __str__(self):
        return f"{self.get_barrier_display()}: {self.level}"
