"""Small counts are hidden from funders, and never recoverable from the totals shown."""

import datetime

import pytest

from outcomes.indicators import Scope, compute, indicator_rows, public_figures
from outcomes.indicators.definitions import PARTITIONS
from outcomes.indicators.presentation import hidden_codes

pytestmark = pytest.mark.django_db


def values(**counts):
    base = dict.fromkeys(
        [
            "participants_total",
            "women",
            "men",
            "sex_not_given",
            "age_under_18",
            "age_18_29",
            "age_30_54",
            "age_55_plus",
            "unemployed",
            "inactive",
            "employed",
            "situation_other",
            "isced_0_2",
            "isced_3_4",
            "isced_5_8",
            "education_unknown",
            "exits_total",
            "exit_durable_employment",
            "exit_transition_employment",
            "exit_positive",
            "exit_other",
            "exit_dynamic",
        ],
        0,
    )
    return {**base, **counts}


def test_a_lone_small_count_hides_the_next_smallest_of_its_group():
    shown = values(participants_total=43, women=3, men=40, age_30_54=43, unemployed=43, education_unknown=43)
    hidden = hidden_codes(shown, [], 5)
    assert "women" in hidden
    assert "sex_not_given" in hidden  # else women = 43 − 40 − 0
    assert "men" not in hidden and "participants_total" not in hidden


def test_a_small_total_hides_all_its_parts():
    hidden = hidden_codes(values(participants_total=4, women=2, men=2, age_18_29=4), [], 5)
    assert {"participants_total", "women", "men", "age_18_29"} <= hidden


def test_the_threshold_is_a_setting(settings):
    settings.SMALL_COUNT_THRESHOLD = 3
    shown = values(participants_total=10, women=4, men=6, age_18_29=10, employed=10, isced_3_4=10)
    public = public_figures(
        {"values": shown, "landlords": [], "barriers": [], "participants_by_month": [], "attendance_by_activity": []}
    )
    assert public["values"]["women"] == 4


def test_landlord_rows_are_a_group_of_their_own():
    landlords = [{"code": "tenants_of_a", "name": "A", "value": 2}, {"code": "tenants_of_b", "name": "B", "value": 30}]
    counts = values(participants_total=32, women=32, age_18_29=32, employed=32, isced_3_4=32)
    hidden = hidden_codes(counts, landlords, 5)
    assert "tenants_of_a" in hidden and "tenants_of_b" in hidden


def test_on_real_figures_no_hidden_count_can_be_worked_out_and_totals_stay_true(dataset):
    figures = compute(Scope.year([dataset["programme"].pk], 2024, as_of=datetime.date(2025, 3, 1)))
    public = public_figures(figures)
    raw, shown, hidden = figures["values"], public["values"], set(public["hidden"])
    assert shown["participants_total"] == raw["participants_total"] == 7
    assert shown["exits_total"] == raw["exits_total"] == 6
    for total, groups in PARTITIONS.items():
        for group in groups:
            concealed = [code for code in group if code in hidden]
            assert total in hidden or len(concealed) != 1, (total, group)
            # What is shown plus what is hidden adds up to the true total.
            assert sum(raw[code] for code in group) == raw[total]
            assert all(shown[code] == raw[code] for code in group if code not in hidden)
    # One "other" exit is hidden, so the 5 dynamic exits are too (6 − 5 would give it away),
    # and so is the rate built on them.
    assert {"exit_other", "exit_dynamic", "dynamic_exit_rate"} <= hidden
    rows = {row["code"]: row for row in indicator_rows(public)}
    assert rows["women"]["display"] == "< 5"
    assert rows["participants_total"]["display"] == "7"


def test_reports_never_show_a_count_between_one_and_four(dataset):
    figures = compute(Scope.year([dataset["programme"].pk], 2024, as_of=datetime.date(2025, 3, 1)))
    for row in indicator_rows(public_figures(figures)):
        if row["kind"] == "count" and not row["hidden"]:
            assert row["value"] == 0 or row["value"] >= 5, row["code"]


def test_an_activity_rate_never_gives_away_a_hidden_count():
    rows = [
        {"title": "A", "present": 10, "absent": 2, "rate": 83.3},  # 10 at 83.3 % gives 2 absent
        {"title": "B", "present": 2, "absent": 3, "rate": 40.0},  # both < 5: 40 % can only be 2 of 5
        {"title": "C", "present": 10, "absent": 0, "rate": 100.0},
    ]
    public = public_figures(
        {
            "values": values(),
            "landlords": [],
            "barriers": [],
            "participants_by_month": [],
            "attendance_by_activity": rows,
        },
        5,
    )
    a, b, c = public["attendance_by_activity"]
    assert a["absent"] is None and a["rate"] is None
    assert b["present"] is None and b["rate"] is None
    assert c["rate"] == 100.0
