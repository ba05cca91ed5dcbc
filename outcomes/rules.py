import rules

from partners import access
from partners.access import is_admin, is_coordinator, is_funder
from programmes.access import funds_programme, runs_programme


@rules.predicate
def runs_enrolment_programme(user, enrolment) -> bool:
    return enrolment is not None and runs_programme(user, enrolment.programme)


@rules.predicate
def works_for_funder(user, funder) -> bool:
    return funder is not None and funder.pk in access.funder_ids(user)


@rules.predicate
def may_see_report(user, report) -> bool:
    """Its programme's coordinators and funders, or its funder's staff for a funder-wide report."""
    if report is None:
        return False
    if report.funder_id and works_for_funder(user, report.funder):
        return True
    if not report.programme_id:
        return False
    if runs_programme(user, report.programme):
        return True
    return report.funder_id is None and funds_programme(user, report.programme)


rules.add_rule("exit.list", is_admin | is_coordinator)
rules.add_rule("exit.record", is_admin | runs_enrolment_programme)
rules.add_rule("report.list", is_admin | is_coordinator | is_funder)
rules.add_rule("report.view", is_admin | may_see_report)
rules.add_rule("report.request_programme", is_admin | runs_programme | funds_programme)
rules.add_rule("report.request_funder", is_admin | works_for_funder)
rules.add_rule("funder_settings.change", is_admin | works_for_funder)
