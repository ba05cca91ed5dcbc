"""The indicator queries do not grow with the number of people, sessions or exits."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outcomes.indicators import Scope, compute
from outcomes.volume import volume_programme

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2025, 6, 1)


def count_queries(people):
    programme = volume_programme(f"volume-{people}", people)
    with CaptureQueriesContext(connection) as queries:
        figures = compute(Scope.year([programme.pk], 2024, as_of=AS_OF))
    assert figures["values"]["participants_total"] == people
    assert figures["values"]["exits_total"] == people // 2
    return len(queries)


def test_indicator_queries_are_the_same_for_50_and_500_participants():
    assert count_queries(50) == count_queries(500) == 12


@pytest.mark.parametrize("people", [5, 50])
def test_indicator_queries_stay_within_one_per_family(people, django_assert_max_num_queries):
    programme = volume_programme(f"small-{people}", people)
    with django_assert_max_num_queries(12):
        compute(Scope.year([programme.pk], 2024, as_of=AS_OF))
