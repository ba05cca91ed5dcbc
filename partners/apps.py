from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Organisations and accounts")

    def ready(self):
        # The audit trail; each session's security state at login; the access policy.
        from . import audit, authentication, rules  # noqa: F401
