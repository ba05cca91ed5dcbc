from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Organisations and accounts")

    def ready(self):
        from . import audit  # noqa: F401  registers models with the audit trail
