from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.locking import Versioned
from partners.models import Neighbourhood, Organisation


class Tenant(Versioned):
    """A person living in a landlord's home. Fields are minimal and mostly optional."""

    class Sex(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")

    class Household(models.TextChoices):
        SINGLE_PARENT = "single_parent", _("Single parent")
        COUPLE_WITH_CHILDREN = "couple_with_children", _("Couple with children")
        COUPLE_WITHOUT_CHILDREN = "couple_without_children", _("Couple without children")
        ALONE = "alone", _("Person living alone")
        AGED_60_PLUS = "aged_60_plus", _("Aged 60 or more")
        OTHER = "other", _("Other")

    class Situation(models.TextChoices):
        UNEMPLOYED = "unemployed", _("Unemployed")
        INACTIVE = "inactive", _("Inactive")
        EMPLOYED = "employed", _("Employed")
        IN_TRAINING = "in_training", _("In training")

    class EducationLevel(models.TextChoices):
        # ISCED levels, as the ESF+ indicators group them.
        ISCED_0_2 = "isced_0_2", _("Up to lower secondary (ISCED 0-2)")
        ISCED_3_4 = "isced_3_4", _("Upper secondary or post-secondary (ISCED 3-4)")
        ISCED_5_8 = "isced_5_8", _("Higher education (ISCED 5-8)")

    class Barrier(models.TextChoices):
        MOBILITY = "mobility", _("Mobility")
        CHILD_CARE = "child_care", _("Child care")
        LANGUAGE = "language", _("Language")
        DIGITAL = "digital", _("Digital skills")
        HEALTH = "health", _("Health")
        HOUSING = "housing", _("Housing")
        ADMINISTRATIVE = "administrative", _("Administrative")
        CONFIDENCE = "confidence", _("Confidence")

    landlord = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="tenants",
        limit_choices_to={"kind": Organisation.Kind.LANDLORD},
        verbose_name=_("landlord"),
    )
    lease_reference = models.CharField(_("lease reference"), max_length=50)
    last_name = models.CharField(_("last name"), max_length=150)
    first_name = models.CharField(_("first name"), max_length=150)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tenants",
        verbose_name=_("neighbourhood"),
    )
    household = models.CharField(_("household"), max_length=32, choices=Household.choices, blank=True)
    situation = models.CharField(_("situation"), max_length=16, choices=Situation.choices, blank=True)
    unemployed_since = models.DateField(_("unemployed since"), null=True, blank=True)
    registered_with_employment_service = models.BooleanField(
        _("registered with the public employment service"), null=True, blank=True
    )
    known_to_institutions = models.BooleanField(_("known to an employment or social body"), null=True, blank=True)
    education_level = models.CharField(_("education level"), max_length=16, choices=EducationLevel.choices, blank=True)
    disability_recognised = models.BooleanField(_("recognised disability (RQTH)"), null=True, blank=True)
    housing_exclusion = models.BooleanField(_("housing exclusion"), default=False)
    barriers = models.JSONField(_("barriers named"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("tenant")
        verbose_name_plural = _("tenants")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "lease_reference", "last_name", "first_name", "birth_date"],
                name="unique_tenant_per_landlord",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("tenants:tenant_detail", kwargs={"pk": self.pk})

    @property
    def is_qpv_resident(self):
        return bool(self.neighbourhood_id and self.neighbourhood.qpv_code)

    def age_on(self, day):
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class Consent(models.Model):
    """A tenant's consent to be referred and followed, with the text they were given."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="consents", verbose_name=_("tenant"))
    given_on = models.DateField(_("given on"))
    text_version = models.CharField(_("information text version"), max_length=30)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="one_active_consent_per_tenant",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"{self.tenant} — {self.given_on:%d/%m/%Y}"

    @property
    def is_active(self):
        return self.withdrawn_on is None
