from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        # Each app may ship a `demo` module with a `load()`; they run in INSTALLED_APPS order,
        # which follows the apps' dependencies (partners → programmes → tenants → outcomes).
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    demo = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                demo.load()
                self.stdout.write(f"  {config.label}: ok")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
