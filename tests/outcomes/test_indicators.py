"""Each indicator on the hand-made dataset of conftest.py; the right answers are worked out there."""

import datetime

import pytest

from outcomes.indicators import INDICATORS, Scope, compute
from outcomes.models import Exit

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2025, 3, 1)  # follow-ups are due for exits up to 1 September 2024


def figures(dataset, **reading):
    return compute(Scope.year([dataset["programme"].pk], 2024, as_of=AS_OF, **reading))


def test_every_indicator_has_a_stable_code_a_label_and_a_definition():
    codes = [indicator.code for indicator in INDICATORS]
    assert len(codes) == len(set(codes))
    assert all(indicator.label and indicator.definition for indicator in INDICATORS)


def test_activity_indicators(dataset):
    values = figures(dataset)["values"]
    assert values["sessions_held"] == 3  # the 2023 workshop is out of the period
    assert values["attendance_hours"] == 19.0  # 3 + 3 + 3 at workshops, 5 × 2 at the rally
    assert values["work_hours"] == 18.0  # the December 2023 week is out

    assert values["attendance_present"] == 8
    assert values["attendance_absent"] == 3  # the excused absence is left out
    assert values["attendance_rate"] == 72.7
    assert values["event_registered"] == 4  # A, K, L, N (M walked in)
    assert values["event_registered_came"] == 3
    assert values["event_attended"] == 5  # A, K, M, N and Samira, who has no record
    assert values["event_attendance_rate"] == 75.0
    assert values["people_reached"] == 11  # 7 participants + K, M, N and Samira who came to the rally
    assert values["unknown_to_institutions"] == 3  # B, K, Samira; L was unknown but never came
    assert values["unknown_to_institutions_share"] == 27.3


def test_participants_at_entry(dataset):
    values = figures(dataset)["values"]
    assert values["participants_total"] == 7  # F came back but counts once; the day-long pathway does not
    assert values["participants_new"] == 5  # A, C, D, E, J; B and F first entered in 2023


def test_participants_breakdowns(dataset):
    values = figures(dataset)["values"]
    assert (values["women"], values["men"], values["sex_not_given"]) == (4, 3, 0)
    assert (values["age_under_18"], values["age_18_29"], values["age_30_54"], values["age_55_plus"]) == (1, 2, 3, 1)
    # F's first entry (unemployed, aged 22) is what counts, not her return as inactive at 23.
    assert (values["unemployed"], values["inactive"], values["employed"], values["situation_other"]) == (4, 2, 1, 0)
    assert values["long_term_unemployed"] == 1
    assert (values["isced_0_2"], values["isced_3_4"], values["isced_5_8"], values["education_unknown"]) == (3, 2, 1, 1)
    assert values["disability"] == 1
    assert values["housing_exclusion"] == 1
    assert values["qpv_residents"] == 1
    assert values["single_parents"] == 1


def test_participants_per_landlord_and_over_the_year(dataset):
    result = figures(dataset)
    l1, l2 = dataset["landlords"]
    assert {row["name"]: row["value"] for row in result["landlords"]} == {l1.name: 4, l2.name: 3}
    # Entered by the end of each month: B, F (2023), E, J (January), A, C, D.
    assert result["participants_by_month"] == [4, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7]


def test_results_with_the_default_reading(dataset):
    values = figures(dataset)["values"]
    assert values["exits_total"] == 6  # F's two exits count once (her last, a business creation)
    assert values["exit_durable_employment"] == 3  # A (CDI), B (8-month CDD), F (business)
    assert values["exit_transition_employment"] == 1  # C (3-month CDD)
    assert values["exit_positive"] == 1  # D (qualifying training)
    assert values["exit_other"] == 1  # J (job search)
    assert values["exit_dynamic"] == 5
    assert values["dynamic_exit_rate"] == 83.3
    assert values["qualification_gained"] == 1
    assert values["business_created"] == 1
    assert values["followup_due"] == 5  # all but C, who left on 15 October
    assert values["followup_answered"] == 3  # A, F, J (B did not answer, D was not reached)
    assert values["followup_employed_6m"] == 2
    assert values["followup_response_rate"] == 60.0


def test_a_funders_reading_changes_the_categories(dataset):
    values = figures(dataset, positive_situations=frozenset(), durable_months=12)["values"]
    assert values["exit_durable_employment"] == 2  # B's 8-month CDD is under 12 months now
    assert values["exit_transition_employment"] == 2
    assert values["exit_positive"] == 0  # this funder counts no training as positive
    assert values["exit_other"] == 2
    assert values["exit_dynamic"] == 4


def test_a_situation_the_funder_adds_counts_as_positive(dataset):
    reading = {"positive_situations": frozenset({Exit.Situation.JOB_SEARCH}), "durable_months": 6}
    values = figures(dataset, **reading)["values"]
    assert values["exit_positive"] == 1  # J now; D's training no longer
    assert values["exit_other"] == 1


def test_distance_travelled(dataset):
    result = figures(dataset)
    values = result["values"]
    assert values["distance_assessed"] == 4  # A, C, D, J; E was assessed once
    assert values["distance_improved"] == 2  # A (−2) and C (−1 in all)
    assert values["distance_improved_share"] == 50.0
    barriers = {row["barrier"]: (row["n"], row["value"]) for row in result["barriers"]}
    assert barriers == {
        "mobility": (3, -0.33),  # A −2, C +1, J 0
        "child_care": (1, 0.0),
        "language": (1, -2.0),
        "confidence": (1, 1.0),
    }


def test_money_and_targets(dataset):
    result = figures(dataset)
    values = result["values"]
    assert values["budget_total"] == 14000.0  # requested and 2023 lines left out
    assert values["cost_per_participant"] == 2000.0
    assert values["cost_per_dynamic_exit"] == 2800.0
    assert values["target_participants"] == 8
    assert values["target_achievement"] == 87.5
    assert [row["amount"] for row in result["funding"]] == [10000.0, 4000.0]


def test_attendance_by_activity(dataset):
    rows = {row["title"]: row for row in figures(dataset)["attendance_by_activity"]}
    assert (rows["Atelier couture"]["present"], rows["Atelier couture"]["absent"]) == (3, 2)
    assert rows["Atelier couture"]["rate"] == 60.0
    assert rows["Rallye de l'emploi"]["rate"] == 83.3  # 5 present, L absent


def test_the_previous_year_is_computed_the_same_way(dataset):
    previous = compute(Scope.year([dataset["programme"].pk], 2024, as_of=AS_OF).previous_year())["values"]
    # 2023: B (entered in May), F (November) and the person who left on 31 December.
    assert previous["participants_total"] == 3
    assert previous["exits_total"] == 1
    assert previous["budget_total"] == 9000.0
