from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation
from programmes.models import Programme

from .people import Tenant


class Referral(models.Model):
    """A landlord's proposal that one tenant joins one programme."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        ENROLLED = "enrolled", _("Enrolled")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.SENT, Status.ACCEPTED)

    class DeclineReason(models.TextChoices):
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        PROGRAMME_FULL = "programme_full", _("Programme full")
        NOT_REACHABLE = "not_reachable", _("Could not reach the person")
        PERSON_DECLINED = "person_declined", _("The person declined")
        BETTER_ELSEWHERE = "better_elsewhere", _("Another programme fits better")
        OTHER = "other", _("Other")

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("tenant"))
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("programme")
    )
    landlord = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("referring landlord"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred by"),
    )
    reason = models.TextField(_("reason"))
    needs = models.TextField(_("needs"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SENT, db_index=True)
    decline_reason = models.CharField(
        _("reason for declining"), max_length=32, choices=DeclineReason.choices, blank=True
    )
    decline_comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "programme"],
                condition=models.Q(status__in=["sent", "accepted"]),
                name="one_open_referral_per_tenant_and_programme",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="declined_referral_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.tenant} → {self.programme}"

    def get_absolute_url(self):
        return reverse("tenants:referral_detail", kwargs={"pk": self.pk})


class ReferralTransition(models.Model):
    """One step of a referral's history: from which status to which, who, when."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("referral")
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Referral.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("referral transition")
        verbose_name_plural = _("referral transitions")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.referral}: {self.from_status} → {self.to_status}"
