import pkgutil
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings


def demo_modules(config):
    """The app's `demo` module first, then its `demo_<area>` modules in name order.

    One module per area of an app (people, pathways...) keeps each demo small and lets the
    areas grow apart without touching each other.
    """
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([config.path])
        if info.name == "demo" or info.name.startswith("demo_")
    )
    return [import_module(f"{config.name}.{name}") for name in names]


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        # Apps run in INSTALLED_APPS order, which follows their dependencies
        # (partners → programmes → tenants → outcomes).
        # Demo referrals and decisions notify demo people: keep those mails off the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            for config in apps.get_app_configs():
                for demo in demo_modules(config):
                    demo.load()
                    self.stdout.write(f"  {demo.__name__}: ok")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
