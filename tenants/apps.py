from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Tenants and pathways")

    def ready(self):
        from programmes import figures

        from . import audit  # noqa: F401
        from .selectors.figures import TenantsFigures

        figures.register(TenantsFigures())
