import rules

from partners.access import is_admin, is_coordinator, is_landlord_staff

from . import selectors as committee_selectors
from .models import Decision, Meeting


@rules.predicate
def applies_with(user, application) -> bool:
    """One of the user's organisations leads, joins or partners the application."""
    orgs = committee_selectors.applicant_org_ids(user)
    return application is not None and bool(orgs & application.organisation_ids())


@rules.predicate
def is_draft(user, application) -> bool:
    return application is not None and application.is_draft


@rules.predicate
def can_be_revised(user, application) -> bool:
    return (
        application is not None
        and application.status == application.Status.SUBMITTED
        and application.call.is_open
        and not application.agenda_items.exists()
        and not hasattr(application, "next_revision")
    )


@rules.predicate
def can_be_withdrawn(user, application) -> bool:
    return (
        application is not None
        and application.status in (application.Status.DRAFT, application.Status.SUBMITTED)
        and not application.agenda_items.exists()
    )


@rules.predicate
def sits_on_agenda_of(user, application) -> bool:
    return application is not None and application.agenda_items.filter(meeting__memberships__user=user).exists()


@rules.predicate
def sits_on(user, meeting) -> bool:
    return meeting is not None and meeting.memberships.filter(user=user).exists()


@rules.predicate
def sits_on_item_meeting(user, item) -> bool:
    return item is not None and sits_on(user, item.meeting)


@rules.predicate
def item_under_review(user, item) -> bool:
    return item is not None and item.meeting.is_reviewing


@rules.predicate
def declared_no_conflict(user, item) -> bool:
    declaration = committee_selectors.declaration_of(item, user)
    return declaration is not None and not declaration.is_recusal


@rules.predicate
def recused_on(user, item) -> bool:
    return item is not None and committee_selectors.is_recused(user, item)


@rules.predicate
def is_laureate_without_programme(user, application) -> bool:
    return (
        application is not None
        and application.programme_id is None
        and application.agenda_items.filter(
            decision__outcome=Decision.Outcome.LAUREATE, meeting__status__in=Meeting.ENDED_STATUSES
        ).exists()
    )


rules.add_rule("committee.manage", is_admin)
rules.add_rule("application.create", is_admin | is_landlord_staff | is_coordinator)
rules.add_rule("application.view", is_admin | applies_with | sits_on_agenda_of)
rules.add_rule("application.edit", (is_admin | applies_with) & is_draft)
rules.add_rule("application.revise", (is_admin | applies_with) & can_be_revised)
rules.add_rule("application.withdraw", (is_admin | applies_with) & can_be_withdrawn)
rules.add_rule("application.convert", is_admin & is_laureate_without_programme)
rules.add_rule("meeting.view", is_admin | sits_on)
rules.add_rule("item.declare", sits_on_item_meeting & item_under_review)
rules.add_rule("item.review", sits_on_item_meeting & item_under_review & declared_no_conflict & ~recused_on)
