from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme

from .people import Tenant
from .referrals import Referral


class Enrolment(models.Model):
    """The pathway of one person in one programme, from entry to exit.

    The situation at entry is copied from the tenant record when the person enters, so a
    closed year's report gives the same figures after the record is later edited.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXITED = "exited", _("Exited")

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("tenant"))
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("programme")
    )
    referral = models.OneToOneField(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolment",
        verbose_name=_("referral"),
    )
    entered_on = models.DateField(_("entry date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tutored_enrolments",
        verbose_name=_("tutor (landlord)"),
    )
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored_enrolments",
        verbose_name=_("sponsor (association)"),
    )
    # Situation at entry (ESF+ common output indicators), frozen at entry.
    entry_age = models.PositiveSmallIntegerField(_("age at entry"))
    entry_sex = models.CharField(_("sex"), max_length=1, choices=Tenant.Sex.choices, blank=True)
    entry_situation = models.CharField(
        _("situation at entry"), max_length=16, choices=Tenant.Situation.choices, blank=True
    )
    entry_long_term_unemployed = models.BooleanField(_("long-term unemployed at entry"), default=False)
    entry_education_level = models.CharField(
        _("education level at entry"),
        max_length=16,
        choices=Tenant.EducationLevel.choices,
        blank=True,
    )
    entry_disability = models.BooleanField(_("disability at entry"), default=False)
    entry_single_parent = models.BooleanField(_("single parent at entry"), default=False)
    entry_qpv_resident = models.BooleanField(_("QPV resident at entry"), default=False)
    entry_housing_exclusion = models.BooleanField(_("housing exclusion at entry"), default=False)
    entry_known_to_institutions = models.BooleanField(_("known to institutions at entry"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-entered_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "programme"],
                condition=models.Q(status="active"),
                name="one_active_enrolment_per_tenant_and_programme",
            ),
        ]

    def __str__(self):
        return f"{self.tenant} — {self.programme}"

    def get_absolute_url(self):
        return reverse("tenants:enrolment_detail", kwargs={"pk": self.pk})
