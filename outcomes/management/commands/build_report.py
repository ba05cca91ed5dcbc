import shutil

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from outcomes.models import Report
from outcomes.services.reports import FIRST_YEAR, report_build
from partners.models import Organisation
from programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Build a yearly report with the same code as the Celery task, archive it like one asked "
        "for on the portal, and copy it to --output."
    )

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--programme", metavar="SLUG", help="one programme")
        scope.add_argument("--funder", metavar="SLUG", help="every programme this funder finances")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=Report.Format.values, default=Report.Format.PDF)
        parser.add_argument("--language", choices=Report.Language.values, default=Report.Language.FR)
        parser.add_argument("--output", required=True, metavar="PATH")

    def handle(self, *args, programme, funder, year, format, language, output, **options):
        if not FIRST_YEAR <= year <= timezone.localdate().year:
            raise CommandError(f"--year must be between {FIRST_YEAR} and this year.")
        target = {}
        if programme:
            target["programme"] = Programme.objects.filter(slug=programme).first()
            if target["programme"] is None:
                raise CommandError(f"No programme with the short name {programme!r}.")
        else:
            target["funder"] = Organisation.objects.filter(slug=funder, kind=Organisation.Kind.FUNDER).first()
            if target["funder"] is None:
                raise CommandError(f"No funder with the short name {funder!r}.")
        report = Report.objects.create(year=year, format=format, language=language, **target)
        report = report_build(report.pk)
        with report.file.open("rb") as source, open(output, "wb") as destination:
            shutil.copyfileobj(source, destination)
        self.stdout.write(self.style.SUCCESS(f"{report} → {output} (sha256 {report.checksum})"))
