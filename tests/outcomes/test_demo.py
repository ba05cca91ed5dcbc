"""The demo history gives every programme figures, and the headline figures the programmes publish."""

from outcomes.indicators import Scope, compute
from programmes.models import Programme
from tenants.models import Registration, Tenant
from tests.demo_database import DEMO_TODAY as TODAY


def values(slug, year):
    programme = Programme.objects.get(slug=slug)
    return compute(Scope.year([programme.pk], year, as_of=TODAY))["values"]


def test_the_history_holds_years_of_people_and_attendance(demo):
    assert Tenant.objects.count() > 500 and Registration.objects.count() > 5000


def test_400_locataires_events_show_90_percent_attendance_and_20_percent_unknown(demo):
    for year in (2023, 2024, 2025):
        figures = values("400-locataires", year)
        assert figures["event_attendance_rate"] == 90.0
        assert figures["unknown_to_institutions_share"] == 20.0
    assert sum(values("400-locataires", year)["event_attended"] for year in (2023, 2024, 2025)) > 300


def test_increase_shows_41_percent_dynamic_exits(demo):
    for year in range(2019, 2024):
        assert values("increase", year)["dynamic_exit_rate"] == 41.0


def test_the_conciergerie_shows_14_of_51(demo):
    figures = values("conciergerie-solidaire", 2024)
    assert (figures["participants_total"], figures["exit_dynamic"]) == (51, 14)
    assert figures["work_hours"] > 0


def test_every_programme_has_figures_every_year(demo):
    for programme in Programme.objects.all():
        last = (programme.end_date or TODAY).year
        for year in range(programme.start_date.year, last + 1):
            figures = values(programme.slug, year)
            assert figures["participants_total"] > 0, (programme.slug, year)
            assert figures["sessions_held"] > 0, (programme.slug, year)
        assert values(programme.slug, min(last, 2025))["distance_assessed"] > 0, programme.slug
