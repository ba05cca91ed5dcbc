from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Organisations and accounts")

    def ready(self):
        # Registers models with the audit trail; starts each session's security state at login.
        from . import audit, authentication  # noqa: F401
