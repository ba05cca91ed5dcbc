from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation
from programmes.models import Programme


def report_upload_to(report, filename):
    return f"reports/{report.year}/{filename}"


class Report(models.Model):
    """One yearly report: of one programme, or of every programme a funder finances.

    The file is stored through Django's storage API and only referenced once it is complete
    (status READY), so a failed or retried build never leaves a half-written file reachable.
    """

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX (Excel)"

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Language(models.TextChoices):
        FR = "fr", _("French")
        EN = "en", _("English")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("programme"),
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        limit_choices_to={"kind": Organisation.Kind.FUNDER},
        verbose_name=_("funder"),
        help_text=_("Whose reading of exits applies; alone, every programme it funds."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.PDF)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FR)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True, max_length=255)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    figures = models.JSONField(_("figures"), null=True, blank=True, editable=False)
    data_date = models.DateTimeField(_("data as of"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(programme__isnull=False) | models.Q(funder__isnull=False),
                name="report_has_a_scope",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(checksum="")),
                name="ready_report_has_file_and_checksum",
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.scope_label} — {self.year} ({self.get_format_display()})"

    def get_absolute_url(self):
        return reverse("outcomes:report_detail", kwargs={"pk": self.pk})

    @property
    def scope_label(self):
        if self.programme_id:
            return str(self.programme)
        return _("All programmes funded by %(funder)s") % {"funder": self.funder}

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    @property
    def is_finished(self):
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def download_name(self):
        scope = self.programme.slug if self.programme_id else self.funder.slug
        return f"passerelles-{scope}-{self.year}-{self.language}.{self.format}"
