"""`make bench`: how long the indicator queries and the report builds take, and how many queries.

Runs on a throw-away SQLite database (or on BENCH_DATABASE_URL, e.g. a scratch PostgreSQL
database: it is emptied and filled), with the demo data plus synthetic programmes of 50, 500
and 5,000 participants. Prints one table; nothing is asserted (tests check the query counts).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="passerelles-bench-"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ["CELERY_BROKER_URL"] = ""
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from outcomes.indicators import Scope, compute  # noqa: E402
from outcomes.models import Report  # noqa: E402
from outcomes.services.reports import report_build  # noqa: E402
from outcomes.volume import volume_programme  # noqa: E402
from partners.models import Organisation  # noqa: E402
from programmes.models import Programme  # noqa: E402

RUNS = 3


def timed(action):
    """Median seconds of RUNS runs, and the queries of the last one."""
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries)


def main():
    call_command("migrate", verbosity=0)
    if "BENCH_DATABASE_URL" in os.environ:
        call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    print(f"load_demo: {time.perf_counter() - started:.1f} s ({connection.vendor})\n")
    today = timezone.localdate()
    rows = []
    for people in (50, 500, 5000):
        programme = volume_programme(f"bench-{people}", people, sessions=10)
        scope = Scope.year([programme.pk], 2024, as_of=today)
        seconds, queries = timed(lambda scope=scope: compute(scope))
        rows.append((f"indicators, {people} participants, 10 sessions", seconds, queries))
    funder = Organisation.objects.get(slug="dreets-hdf")
    for label, target, year in [
        ("report 400 locataires 2024", {"programme": Programme.objects.get(slug="400-locataires")}, 2024),
        ("report INCREASE 2022", {"programme": Programme.objects.get(slug="increase")}, 2022),
        ("report DREETS, all programmes 2024", {"funder": funder}, 2024),
    ]:
        for format in Report.Format.values:

            def build(target=target, year=year, format=format):
                # A closed year reuses the figures first published: drop them to time a full build.
                Report.objects.filter(year=year, **target).delete()
                report_build(Report.objects.create(year=year, format=format, **target).pk)

            seconds, queries = timed(build)
            rows.append((f"{label} ({format})", seconds, queries))
    width = max(len(label) for label, _s, _q in rows)
    print(f"{'what'.ljust(width)}  {'median':>9}  {'queries':>7}")
    for label, seconds, queries in rows:
        print(f"{label.ljust(width)}  {seconds * 1000:7.0f} ms  {queries:7d}")


if __name__ == "__main__":
    main()
