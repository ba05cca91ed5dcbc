from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.locking import Versioned
from partners.models import Organisation
from programmes.models import Session

from .people import Tenant


class Registration(models.Model):
    """One person expected at (or walked in to) one session, and whether they came.

    A registration points to a tenant record when the person is a participant. A walk-in
    the coordinator has no record of (a tenant not enrolled in the programme, whose record
    belongs to their landlord) is kept by name only, with the landlord they say they rent
    from: coordinators never search a landlord's tenants to record who came to an event.
    """

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    tenant = models.ForeignKey(
        Tenant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("tenant"),
    )
    walk_in = models.BooleanField(_("walk-in"), default=False)
    walk_in_name = models.CharField(_("name"), max_length=200, blank=True)
    walk_in_landlord = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.LANDLORD},
        verbose_name=_("landlord"),
    )
    known_to_institutions = models.BooleanField(_("known to an employment or social body"), null=True, blank=True)
    attendance = models.CharField(_("attendance"), max_length=8, choices=Attendance.choices, blank=True, default="")
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, default=0)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["tenant__last_name", "tenant__first_name", "walk_in_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "tenant"], name="unique_registration"),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="hours_not_negative"),
            models.CheckConstraint(
                condition=models.Q(tenant__isnull=False) | (models.Q(walk_in=True) & ~models.Q(walk_in_name="")),
                name="registration_has_tenant_or_walk_in_name",
                violation_error_message=_("Give the person's name as they wrote it on the sheet."),
            ),
            # Only people who came have hours.
            models.CheckConstraint(
                condition=models.Q(attendance="present") | models.Q(hours=0),
                name="hours_only_when_present",
                violation_error_message=_("Only people present have hours."),
            ),
        ]

    def __str__(self):
        return f"{self.person_name} @ {self.session}"

    @property
    def person_name(self) -> str:
        return str(self.tenant) if self.tenant_id else self.walk_in_name


class AttendanceSheet(Versioned):
    """Who last saved a session's attendance, and when: the lock that refuses a stale sheet
    (partners/locking.py) rather than overwriting the marks someone saved meanwhile."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, primary_key=True, related_name="attendance_sheet", verbose_name=_("session")
    )

    class Meta:
        verbose_name = _("attendance sheet")
        verbose_name_plural = _("attendance sheets")

    def __str__(self):
        return str(self.session)
