"""The committee's part of the access policy (see partners.policy and docs/access.md): who sees which
applications, meetings and agenda items, who may act on them, and who reads the deliberation."""

import rules
from django.db.models import Exists, OuterRef, Q

from partners import policy
from partners.policy import is_admin, is_coordinator, is_landlord_staff, profile

from . import selectors
from .models import AgendaItem, Application, ApplicationPartner, ConflictDeclaration, Decision, Meeting, MeetingMember


# --- Rows -------------------------------------------------------------------------------------
def applicant_org_ids(user) -> frozenset[int]:
    """Organisations on whose behalf the user may write applications."""
    return profile(user).landlord_ids | profile(user).coordinated_org_ids


def applied_by(org_ids) -> Q:
    """Applications that one of `org_ids` leads, joins as landlord or partners."""
    co = Application.co_landlords.through.objects.filter(organisation_id__in=org_ids).values("application_id")
    partners = ApplicationPartner.objects.filter(organisation_id__in=org_ids).values("application_id")
    return Q(lead_landlord_id__in=org_ids) | Q(pk__in=co) | Q(pk__in=partners)


def on_agenda_of(user) -> Q:
    """Applications on the agenda of a meeting the user sits on, except where they are recused.

    A recused member (by their own declaration, or because their organisation applies or is a
    partner) keeps the agenda item's recusal notice but never reads the application itself.
    """
    recused = ConflictDeclaration.objects.filter(item=OuterRef("pk"), member=user).exclude(
        kind=ConflictDeclaration.Kind.NONE
    )
    linked = Application.objects.filter(applied_by(profile(user).all_org_ids)).values("pk")
    items = (
        AgendaItem.objects.filter(meeting__memberships__user=user)
        .exclude(Exists(recused))
        .exclude(application__in=linked)
        .values("application_id")
    )
    return Q(pk__in=items)


def _applications(user) -> Q:
    return Q() if profile(user).is_admin else applied_by(applicant_org_ids(user)) | on_agenda_of(user)


def _seats(user):
    return MeetingMember.objects.filter(user=user).values("meeting_id")


policy.rows(Application, "view", _applications)
# The user's own organisations' applications: what an applicant lists as "mine".
policy.rows(Application, "take_part", lambda user: applied_by(applicant_org_ids(user)))
policy.rows(Meeting, "view", lambda user: Q() if profile(user).is_admin else Q(pk__in=_seats(user)))
policy.rows(AgendaItem, "view", lambda user: Q() if profile(user).is_admin else Q(meeting__in=_seats(user)))


# --- Objects ----------------------------------------------------------------------------------
@rules.predicate
def takes_part(user, application) -> bool:
    return application is not None and policy.in_scope(user, application, "take_part")


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
def sits_on_item_meeting(user, item) -> bool:
    return item is not None and item.meeting.memberships.filter(user=user).exists()


@rules.predicate
def item_under_review(user, item) -> bool:
    return item is not None and item.meeting.is_reviewing


@rules.predicate
def declared_no_conflict(user, item) -> bool:
    declaration = selectors.declaration_of(item, user)
    return declaration is not None and not declaration.is_recusal


@rules.predicate
def recused_on(user, item) -> bool:
    return item is not None and selectors.is_recused(user, item)


@rules.predicate
def is_laureate_without_programme(user, application) -> bool:
    return (
        application is not None
        and application.programme_id is None
        and application.agenda_items.filter(
            decision__outcome=Decision.Outcome.LAUREATE, meeting__status__in=Meeting.ENDED_STATUSES
        ).exists()
    )


@rules.predicate
def voted_after_the_end(user, item) -> bool:
    """Blind review: others' scores and votes only after one's own vote and the meeting's end."""
    return (
        item is not None
        and item.meeting.is_ended
        and selectors.has_voted(user, item)
        and not selectors.is_recused(user, item)
    )


@rules.predicate
def sits_on_a_meeting(user) -> bool:
    return MeetingMember.objects.filter(user=user).exists()


# Calls, meetings, members, agenda, decisions, minutes, conversion into a programme.
policy.rule("committee.manage", is_admin)
policy.rule("application.create", is_admin | is_landlord_staff | is_coordinator)
policy.rule("application.edit", (is_admin | takes_part) & is_draft)
policy.rule("application.revise", (is_admin | takes_part) & can_be_revised)
policy.rule("application.withdraw", (is_admin | takes_part) & can_be_withdrawn)
policy.rule("application.convert", is_admin & is_laureate_without_programme)
policy.rule("item.declare", sits_on_item_meeting & item_under_review)
policy.rule("item.review", sits_on_item_meeting & item_under_review & declared_no_conflict & ~recused_on)


# --- Fields -----------------------------------------------------------------------------------
# Applicants learn a decision when the meeting closes, not while it deliberates; the trail of
# decisions is the operator's.
policy.fields(
    Application,
    "deliberation",
    ["decisions.pending", "decisions.history"],
    readers=is_admin,
    holders=is_admin,
)
# Each member's scores, vote and comment, and the result of an agenda item.
policy.fields(
    AgendaItem,
    "reviews",
    ["reviews", "result"],
    readers=is_admin | voted_after_the_end,
    holders=is_admin | sits_on_a_meeting,
)
