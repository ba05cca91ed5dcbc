from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .programmes import Programme


class Activity(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        COLLECTIVE_EVENT = "collective_event", _("Collective event")
        JOB_RALLY = "job_rally", _("Job rally")
        INFORMATION_SESSION = "information_session", _("Information session")
        TRAINING = "training", _("Training")
        IMMERSION = "immersion", _("Immersion internship")
        EXAM = "exam", _("Exam")
        WORK_HOURS = "work_hours", _("Work hours")
        INDIVIDUAL_APPOINTMENT = "individual_appointment", _("Individual appointment")

    # Kinds whose attendees are counted as event attendees (people not enrolled count too).
    EVENT_KINDS = (Kind.COLLECTIVE_EVENT, Kind.JOB_RALLY, Kind.INFORMATION_SESSION)

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="activities", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["programme__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="unique_activity_title"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_event(self):
        return self.kind in self.EVENT_KINDS


class Session(models.Model):
    """One occurrence of an activity: a date, a time slot and a place."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activity")
    )
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.activity} — {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("programmes:session_detail", kwargs={"pk": self.pk})

    @property
    def programme(self):
        return self.activity.programme

    @property
    def duration_hours(self):
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return (Decimal(end - start) / 60).quantize(Decimal("0.01"))
