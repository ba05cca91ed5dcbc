from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Organisations and accounts")

    def ready(self):
        from . import audit, rules  # noqa: F401  the audit trail; the access policy
