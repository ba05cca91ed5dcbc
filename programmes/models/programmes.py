from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Neighbourhood, Organisation


class Programme(models.Model):
    """A project run jointly by landlords and partner organisations for tenants."""

    class TargetPeriod(models.TextChoices):
        PER_YEAR = "per_year", _("per year")
        TOTAL = "total", _("in total")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="programmes", blank=True, verbose_name=_("neighbourhoods")
    )
    target_participants = models.PositiveIntegerField(_("target participants"), null=True, blank=True)
    target_period = models.CharField(
        _("target period"),
        max_length=16,
        choices=TargetPeriod.choices,
        default=TargetPeriod.PER_YEAR,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", kwargs={"slug": self.slug})


class ProgrammeLandlord(models.Model):
    """A landlord taking part in a programme; exactly one of them leads it."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="landlord_links",
        verbose_name=_("programme"),
    )
    landlord = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programme_landlord_links",
        limit_choices_to={"kind": Organisation.Kind.LANDLORD},
        verbose_name=_("landlord"),
    )
    is_lead = models.BooleanField(_("lead landlord"), default=False)

    class Meta:
        verbose_name = _("programme landlord")
        verbose_name_plural = _("programme landlords")
        constraints = [
            models.UniqueConstraint(fields=["programme", "landlord"], name="unique_programme_landlord"),
            models.UniqueConstraint(
                fields=["programme"],
                condition=models.Q(is_lead=True),
                name="one_lead_landlord",
            ),
        ]

    def __str__(self):
        return f"{self.landlord} — {self.programme}"


class ProgrammePartner(models.Model):
    class Role(models.TextChoices):
        CARRIER = "carrier", _("Carrier")
        COORDINATOR = "coordinator", _("Coordinator")
        TRAINER = "trainer", _("Trainer")
        EMPLOYER = "employer", _("Employer")
        EVALUATOR = "evaluator", _("Evaluator")
        FUNDER = "funder", _("Funder")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="partner_links",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programme_partner_links",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("programme partner")
        verbose_name_plural = _("programme partners")
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation", "role"], name="unique_programme_partner_role"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()}) — {self.programme}"


class FundingLine(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        GRANTED = "granted", _("granted")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="funding_lines",
        verbose_name=_("programme"),
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funding_lines",
        verbose_name=_("funder"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.GRANTED)

    class Meta:
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["year", "funder__name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_amount_positive"),
            models.UniqueConstraint(fields=["programme", "funder", "year", "status"], name="unique_funding_line"),
        ]

    def __str__(self):
        return f"{self.funder} {self.year}: {self.amount} €"
