from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import Session

from .people import Tenant


class Registration(models.Model):
    """One person expected at (or walked in to) one session, and whether they came."""

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("tenant")
    )
    walk_in = models.BooleanField(_("walk-in"), default=False)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True, default=""
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, default=0)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["tenant__last_name", "tenant__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "tenant"], name="unique_registration"),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="hours_not_negative"),
        ]

    def __str__(self):
        return f"{self.tenant} @ {self.session}"
