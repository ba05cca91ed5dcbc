"""The indicators a report prints: a stable code, an English label and definition (French
through the catalogue), the family that computes it and what kind of number it is.

Codes never change once published: funders' spreadsheets are built on them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    code: str
    family: str
    label: str
    definition: str
    kind: str = "count"  # count (of people: suppressed when small) | number | rate | hours | money
    numerator: str = ""  # rates: the counts they are made of, suppressed with them
    denominator: str = ""


FAMILIES = {
    "activity": _("Activity"),
    "participants": _("Participants at entry"),
    "results": _("Results"),
    "distance": _("Distance travelled"),
    "money": _("Budget and targets"),
}

I = Indicator  # noqa: E741 — one letter keeps the table below readable

INDICATORS = [
    # Activity
    I(
        "sessions_held",
        "activity",
        _("Sessions held"),
        _("Sessions of the programme's activities dated in the period, up to the data date."),
        kind="number",
    ),
    I(
        "attendance_hours",
        "activity",
        _("Hours attended"),
        _("Sum of the hours recorded for people marked present."),
        kind="hours",
    ),
    I(
        "work_hours",
        "activity",
        _("Hours worked"),
        _("Hours worked under Premières Heures contracts, weeks starting in the period."),
        kind="hours",
    ),
    I("attendance_present", "activity", _("Attendances"), _("Registrations marked present.")),
    I(
        "attendance_absent",
        "activity",
        _("Absences"),
        _("Registrations marked absent (excused absences are left out)."),
    ),
    I("attendance_recorded", "activity", _("Attendances recorded"), _("Registrations marked present or absent.")),
    I(
        "attendance_rate",
        "activity",
        _("Attendance rate"),
        _("Present / (present + absent), over every session of the period."),
        kind="rate",
        numerator="attendance_present",
        denominator="attendance_recorded",
    ),
    I(
        "event_registered",
        "activity",
        _("People registered at events"),
        _("Distinct people registered in advance at a collective event, job rally or information session."),
    ),
    I(
        "event_registered_came",
        "activity",
        _("Registered people who came"),
        _("Distinct people registered in advance at an event and marked present at it."),
    ),
    I(
        "event_attended",
        "activity",
        _("People who came to events"),
        _("Distinct people marked present at an event, walk-ins included (those without a record told apart by name)."),
    ),
    I(
        "event_attendance_rate",
        "activity",
        _("Event attendance rate"),
        _("Registered people who came / people registered."),
        kind="rate",
        numerator="event_registered_came",
        denominator="event_registered",
    ),
    I(
        "people_reached",
        "activity",
        _("People reached"),
        _("Distinct people who came to an event or were participants in the period."),
    ),
    I(
        "unknown_to_institutions",
        "activity",
        _("People unknown to institutions"),
        _(
            "People reached whom no employment or social body knew. People met at collective "
            "events count here, though someone supported one day or less is not a participant."
        ),
    ),
    I(
        "unknown_to_institutions_share",
        "activity",
        _("Share unknown to institutions"),
        _("People unknown to institutions / people reached."),
        kind="rate",
        numerator="unknown_to_institutions",
        denominator="people_reached",
    ),
    # Participants at entry (ESF+ common output indicators)
    I(
        "participants_total",
        "participants",
        _("Participants"),
        _(
            "People supported during the period (enrolled before its end, not exited before its "
            "start), counted once per programme with their data from their first entry; support "
            "of one day or less does not count."
        ),
    ),
    I(
        "participants_new",
        "participants",
        _("New participants"),
        _("Participants whose first entry falls in the period."),
    ),
    I("women", "participants", _("Women"), _("Participants recorded as women at entry.")),
    I("men", "participants", _("Men"), _("Participants recorded as men at entry.")),
    I("sex_not_given", "participants", _("Sex not given"), _("Participants whose sex is not recorded.")),
    I("age_under_18", "participants", _("Under 18"), _("Participants aged under 18 at entry.")),
    I("age_18_29", "participants", _("Aged 18 to 29"), _("Participants aged 18 to 29 at entry.")),
    I("age_30_54", "participants", _("Aged 30 to 54"), _("Participants aged 30 to 54 at entry.")),
    I("age_55_plus", "participants", _("Aged 55 or more"), _("Participants aged 55 or more at entry.")),
    I("unemployed", "participants", _("Unemployed"), _("Participants unemployed at entry.")),
    I(
        "long_term_unemployed",
        "participants",
        _("Long-term unemployed"),
        _("Participants unemployed for 12 months or more at entry (included in the unemployed)."),
    ),
    I("inactive", "participants", _("Inactive"), _("Participants neither employed nor looking for work at entry.")),
    I("employed", "participants", _("Employed"), _("Participants in employment at entry.")),
    I(
        "situation_other",
        "participants",
        _("In training or situation not given"),
        _("Participants in training at entry or whose situation is not recorded."),
    ),
    I(
        "isced_0_2",
        "participants",
        _("Education up to lower secondary (ISCED 0-2)"),
        _("Participants whose highest level at entry is ISCED 0 to 2."),
    ),
    I(
        "isced_3_4",
        "participants",
        _("Upper secondary education (ISCED 3-4)"),
        _("Participants whose highest level at entry is ISCED 3 or 4."),
    ),
    I(
        "isced_5_8",
        "participants",
        _("Higher education (ISCED 5-8)"),
        _("Participants whose highest level at entry is ISCED 5 to 8."),
    ),
    I(
        "education_unknown",
        "participants",
        _("Education level not given"),
        _("Participants whose education level is not recorded."),
    ),
    I("disability", "participants", _("With a disability"), _("Participants with a recognised disability at entry.")),
    I(
        "housing_exclusion",
        "participants",
        _("In housing exclusion"),
        _("Participants facing housing exclusion at entry."),
    ),
    I(
        "qpv_residents",
        "participants",
        _("Residents of priority neighbourhoods (QPV)"),
        _("Participants living in a priority neighbourhood at entry."),
    ),
    I(
        "single_parents",
        "participants",
        _("Single parents"),
        _("Participants heading a single-parent household at entry."),
    ),
    # Results
    I(
        "exits_total",
        "results",
        _("Exits"),
        _("Participants who left in the period; a person who left twice counts once, with their last exit."),
    ),
    I(
        "exit_durable_employment",
        "results",
        _("Durable employment exits"),
        _(
            "Permanent contract, fixed-term or temp work at or above the funder's threshold "
            "(6 months by default), business creation."
        ),
    ),
    I(
        "exit_transition_employment",
        "results",
        _("Transition employment exits"),
        _("Fixed-term or temp work under the threshold, subsidised contract."),
    ),
    I(
        "exit_positive",
        "results",
        _("Positive exits"),
        _(
            "Situations the funder counts as positive (by default qualifying training, "
            "apprenticeship, hiring by another insertion employer)."
        ),
    ),
    I(
        "exit_other",
        "results",
        _("Other exits"),
        _("Job search, inactivity, unknown situation and any situation not counted above."),
    ),
    I(
        "exit_dynamic",
        "results",
        _("Dynamic exits"),
        _('Durable employment + transition employment + positive exits ("sorties dynamiques").'),
    ),
    I(
        "dynamic_exit_rate",
        "results",
        _("Dynamic exit rate"),
        _("Dynamic exits / exits."),
        kind="rate",
        numerator="exit_dynamic",
        denominator="exits_total",
    ),
    I(
        "qualification_gained",
        "results",
        _("Qualification gained"),
        _("Exits with a qualification gained during the programme."),
    ),
    I("business_created", "results", _("Businesses created"), _("Exits into business creation.")),
    I("followup_due", "results", _("Follow-ups due"), _("Exits of the period at least 6 months before the data date.")),
    I("followup_answered", "results", _("Follow-ups answered"), _("Follow-ups due where the person answered.")),
    I(
        "followup_employed_6m",
        "results",
        _("In employment 6 months after exit"),
        _("Follow-ups due where the person was in employment."),
    ),
    I(
        "followup_response_rate",
        "results",
        _("Follow-up response rate"),
        _("Follow-ups answered / follow-ups due."),
        kind="rate",
        numerator="followup_answered",
        denominator="followup_due",
    ),
    # Distance travelled (barriers on the portal's single 0-4 scale)
    I(
        "distance_assessed",
        "distance",
        _("Pathways assessed twice or more"),
        _("Pathways of the period with at least two barrier assessments up to its end."),
    ),
    I(
        "distance_improved",
        "distance",
        _("Pathways whose barriers fell"),
        _("Pathways whose barrier levels add up to less at the last assessment than at the first."),
    ),
    I(
        "distance_improved_share",
        "distance",
        _("Share of pathways whose barriers fell"),
        _("Pathways whose barriers fell / pathways assessed twice or more."),
        kind="rate",
        numerator="distance_improved",
        denominator="distance_assessed",
    ),
    # Money and targets
    I(
        "budget_total",
        "money",
        _("Budget granted"),
        _("Funding granted for the period's years, every funder together."),
        kind="money",
    ),
    I(
        "cost_per_participant",
        "money",
        _("Cost per participant"),
        _("Budget granted / participants."),
        kind="money",
        numerator="budget_total",
        denominator="participants_total",
    ),
    I(
        "cost_per_dynamic_exit",
        "money",
        _("Cost per dynamic exit"),
        _("Budget granted / dynamic exits."),
        kind="money",
        numerator="budget_total",
        denominator="exit_dynamic",
    ),
    I(
        "target_participants",
        "money",
        _("Participant target"),
        _("Participants expected in the period; a target set for the whole programme is spread evenly over its years."),
        kind="number",
    ),
    I(
        "target_achievement",
        "money",
        _("Target achieved"),
        _("Participants / participant target."),
        kind="rate",
        numerator="participants_total",
        denominator="target_participants",
    ),
]

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# Counts that split a total exactly: complementary suppression works on these.
PARTITIONS = {
    "participants_total": [
        ["women", "men", "sex_not_given"],
        ["age_under_18", "age_18_29", "age_30_54", "age_55_plus"],
        ["unemployed", "inactive", "employed", "situation_other"],
        ["isced_0_2", "isced_3_4", "isced_5_8", "education_unknown"],
    ],
    "exits_total": [
        ["exit_durable_employment", "exit_transition_employment", "exit_positive", "exit_other"],
        ["exit_dynamic", "exit_other"],
    ],
    "exit_dynamic": [
        ["exit_durable_employment", "exit_transition_employment", "exit_positive"],
    ],
}
LANDLORD_PREFIX = "tenants_of_"
BARRIER_PREFIX = "barrier_change_"
