from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation

from .exits import Exit

S = Exit.Situation

# The French funders' usual reading, used when a funder has not chosen otherwise.
DEFAULT_POSITIVE_SITUATIONS = [S.QUALIFYING_TRAINING, S.APPRENTICESHIP, S.INSERTION_EMPLOYER]
DEFAULT_DURABLE_MONTHS = 6


class FunderOutcomeSettings(models.Model):
    """How one funder reads exits: which situations are "positive", and the durable threshold."""

    funder = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="outcome_settings",
        limit_choices_to={"kind": Organisation.Kind.FUNDER},
        verbose_name=_("funder"),
    )
    positive_situations = models.JSONField(_("situations counted as positive exits"), default=list)
    durable_months = models.PositiveSmallIntegerField(
        _("months of contract for durable employment"), default=DEFAULT_DURABLE_MONTHS
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("funder's outcome settings")
        verbose_name_plural = _("funders' outcome settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(durable_months__gte=1) & models.Q(durable_months__lte=24),
                name="durable_months_between_1_and_24",
            ),
        ]

    def __str__(self):
        return str(self.funder)
