from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from partners.models import Organisation, User
from tenants.services.imports import ImportFileError, tenants_import, tenants_import_for_system


class Command(BaseCommand):
    help = (
        "Import a landlord's tenants from a CSV (French Excel) or XLSX file. Nothing is saved while "
        "any row is bad; each bad row is printed on stderr with its line number in the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--landlord", required=True, help="the landlord's short name (slug)")
        parser.add_argument("--dry-run", action="store_true", help="check the file, save nothing")
        parser.add_argument("--as", dest="as_user", help="e-mail of the landlord staff member importing")

    def handle(self, *args, file: Path, landlord: str, dry_run: bool, as_user: str | None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(file, landlord, dry_run, as_user)

    def _import(self, file, slug, dry_run, as_user):
        landlord = Organisation.objects.filter(slug=slug, kind=Organisation.Kind.LANDLORD).first()
        if landlord is None:
            raise CommandError(_("No landlord with the short name “%(slug)s”.") % {"slug": slug})
        actor = None
        if as_user:
            actor = User.objects.filter(email__iexact=as_user, is_active=True).first()
            if actor is None:
                raise CommandError(_("No active user %(email)s.") % {"email": as_user})
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        arguments = {"landlord": landlord, "file_name": file.name, "content": content, "commit": not dry_run}
        try:
            # Given --as, the import is that person's and their access is checked as on the portal.
            report = tenants_import(actor=actor, **arguments) if actor else tenants_import_for_system(**arguments)
        except PermissionDenied as exc:
            raise CommandError(
                _("%(email)s may not import the tenants of %(landlord)s.") % {"email": as_user, "landlord": landlord}
            ) from exc
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        for error in report.errors:
            self.stderr.write(f"{file.name}: {error}")
        if not report.is_valid:
            raise CommandError(_("%(count)s error(s): nothing was saved.") % {"count": len(report.errors)})
        counts = {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "landlord": landlord,
        }
        if dry_run:
            summary = _(
                "Checked, nothing saved: %(created)s new, %(updated)s updated, %(unchanged)s unchanged "
                "tenant(s) for %(landlord)s."
            )
        else:
            summary = _(
                "Saved: %(created)s new, %(updated)s updated, %(unchanged)s unchanged tenant(s) for %(landlord)s."
            )
        self.stdout.write(summary % counts)
        for column in report.ignored_columns:
            self.stdout.write(_("Column ignored: %(column)s") % {"column": column})
