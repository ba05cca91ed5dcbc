from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "programmes.committee"
    label = "committee"
    verbose_name = _("Selection committee")

    def ready(self):
        from . import audit, rules  # noqa: F401  the audit trail; the access policy
