from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Tenants and pathways")

    def ready(self):
        from programmes import figures

        from . import audit, rules  # noqa: F401  the audit trail; the access policy
        from .selectors.figures import TenantsFigures

        figures.register(TenantsFigures())
