import rules

from partners import access
from partners.access import is_admin
from programmes.access import runs_programme


# Pathways, attendance and work hours (issue 4).
@rules.predicate
def runs_session_programme(user, session) -> bool:
    return session is not None and runs_programme(user, session.activity.programme)


@rules.predicate
def runs_enrolment_programme(user, enrolment) -> bool:
    return enrolment is not None and runs_programme(user, enrolment.programme)


@rules.predicate
def rents_from_users_landlord(user, enrolment) -> bool:
    return enrolment is not None and enrolment.tenant.landlord_id in access.landlord_ids(user)


rules.add_rule("attendance.record", is_admin | runs_session_programme)
rules.add_rule("pathway.view", is_admin | runs_enrolment_programme | rents_from_users_landlord)
rules.add_rule("pathway.edit", is_admin | runs_enrolment_programme)
rules.add_rule("pathway.list", is_admin | access.is_coordinator | access.is_landlord_staff)
