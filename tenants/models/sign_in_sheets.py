import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import Session


def sign_in_sheet_path(instance, filename: str) -> str:
    # A random name: the stored path reveals neither the people nor the original file name.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"sign-in-sheets/{instance.session_id}/{uuid.uuid4().hex}{suffix}"


class SignInSheet(models.Model):
    """The scan of a session's signed paper sign-in sheet: the proof of attendance funders ask for.

    Files go through Django's storage API and are served only by a view that checks access.
    """

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="sign_in_sheets", verbose_name=_("session")
    )
    file = models.FileField(_("file"), upload_to=sign_in_sheet_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed sign-in sheet")
        verbose_name_plural = _("signed sign-in sheets")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="sign_in_sheet_not_empty"),
        ]

    def __str__(self):
        return f"{self.session} — {self.original_name}"
