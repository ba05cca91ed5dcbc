"""Reads of the selection committee, already scoped by who may see what.

Applicants see the applications their organisations take part in; committee members see the
applications on the agenda of the meetings they sit on; programme admins see everything.
Results are aggregated in the database: one query for the votes of every agenda item, one for
the per-criterion means, whatever the number of applications.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import exports
from partners.models import Membership, User
from partners.policy import fields_visible, profile, scope

from .models import (
    AgendaItem,
    Application,
    Call,
    ConflictDeclaration,
    Criterion,
    Decision,
    Meeting,
    MeetingMember,
    Review,
    Score,
    Vote,
)

APPLICANT_ROLES = (Membership.Role.LANDLORD_STAFF, Membership.Role.COORDINATOR)


def applications_visible_to(user) -> QuerySet[Application]:
    return scope(user, Application).select_related("call", "lead_landlord")


def applications_of_applicant(user) -> QuerySet[Application]:
    """The user's own organisations' applications (what an applicant lists as "mine")."""
    return scope(user, Application, "take_part").select_related("call", "lead_landlord")


def applications_list(user) -> QuerySet[Application]:
    """Applications for the list page, with what the table shows in the same query."""
    latest_decision = Decision.objects.filter(item__application=OuterRef("pk")).order_by("-decided_at")
    return applications_visible_to(user).annotate(
        decision_outcome=latest_decision.values("outcome")[:1],
        decision_public=Exists(latest_decision.filter(item__meeting__status__in=Meeting.ENDED_STATUSES)),
    )


def calls_visible_to(user) -> QuerySet[Call]:
    """Calls are public to every portal user: applicants need them to apply."""
    submitted = Q(applications__status=Application.Status.SUBMITTED)
    return Call.objects.annotate(
        application_count=Count("applications", filter=submitted, distinct=True),
    ).prefetch_related("funders")


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return (
        scope(user, Meeting)
        .select_related("call")
        .annotate(item_count=Count("items", distinct=True), member_count=Count("memberships", distinct=True))
    )


def items_visible_to(user) -> QuerySet[AgendaItem]:
    return scope(user, AgendaItem).select_related("meeting__call", "application__lead_landlord")


def criteria_of(call) -> list[Criterion]:
    return list(call.criteria.all())


def declaration_of(item, user) -> ConflictDeclaration | None:
    return ConflictDeclaration.objects.filter(item=item, member=user).first()


def organisation_links_conflict(user, application) -> bool:
    """The member works for an organisation that applies or is a partner."""
    mine = profile(user).all_org_ids
    return bool(mine & application.organisation_ids())


def is_recused(user, item) -> bool:
    declaration = declaration_of(item, user)
    if declaration is not None and declaration.is_recusal:
        return True
    return organisation_links_conflict(user, item.application)


def has_voted(user, item) -> bool:
    return Vote.objects.filter(item=item, member=user).exists()


def scores_of(user, item) -> dict[int, Score]:
    return {s.criterion_id: s for s in Score.objects.filter(item=item, member=user)}


def review_version_of(user, item) -> int:
    """The version of the member's review (0 before their first save), for their review form."""
    return Review.objects.filter(item=item, member=user).values_list("version", flat=True).first() or 0


def vote_of(user, item) -> Vote | None:
    return Vote.objects.filter(item=item, member=user).first()


def member_reviews(item) -> list[dict]:
    """Each member's scores, vote and comment on one application (admins, or members after the end)."""
    scores = defaultdict(dict)
    for score in Score.objects.filter(item=item).select_related("criterion"):
        scores[score.member_id][score.criterion_id] = score
    votes = {v.member_id: v for v in Vote.objects.filter(item=item)}
    recused = set(item.declarations.exclude(kind=ConflictDeclaration.Kind.NONE).values_list("member_id", flat=True))
    rows = []
    for link in item.meeting.memberships.select_related("user", "organisation"):
        rows.append(
            {
                "member": link.user,
                "organisation": link.organisation,
                "recused": link.user_id in recused,
                "scores": scores.get(link.user_id, {}),
                "vote": votes.get(link.user_id),
            }
        )
    return rows


# ---------------------------------------------------------------- results


def weighted_score(means: list[tuple[Decimal, int, float | None]]) -> Decimal | None:
    """Weighted score out of 100 from (weight, maximum, mean) per criterion.

    A criterion nobody scored (all "not applicable") is left out, weight included, so it
    neither lowers nor raises the result.
    """
    scored = [(Decimal(weight), max_score, Decimal(str(mean))) for weight, max_score, mean in means if mean is not None]
    total_weight = sum((weight for weight, _max, _mean in scored), Decimal(0))
    if not total_weight:
        return None
    points = sum((weight * mean / max_score for weight, max_score, mean in scored), Decimal(0))
    return (points / total_weight * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class ItemResult:
    item: AgendaItem
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    quorum: int = 0
    criterion_means: dict[int, Decimal | None] = field(default_factory=dict)
    score: Decimal | None = None
    recused: list = field(default_factory=list)
    pending: list = field(default_factory=list)

    @property
    def votes_cast(self):
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def quorum_reached(self):
        return self.votes_cast >= self.quorum

    @property
    def decision(self):
        return getattr(self.item, "decision", None)


def meeting_items(meeting) -> QuerySet[AgendaItem]:
    vote = Vote.Choice
    return meeting.items.select_related("application__lead_landlord", "decision__decided_by").annotate(
        votes_for=Count("votes", filter=Q(votes__choice=vote.FOR)),
        votes_against=Count("votes", filter=Q(votes__choice=vote.AGAINST)),
        abstentions=Count("votes", filter=Q(votes__choice=vote.ABSTAIN)),
    )


def meeting_results(meeting, *, with_people: bool = True) -> list[ItemResult]:
    """Per application: votes, quorum, weighted score, recusals and members yet to vote.

    A fixed number of queries: items with their vote counts, per-criterion means, criteria,
    and (with_people) declarations, votes and members of the whole meeting.
    """
    items = list(meeting_items(meeting))
    criteria = criteria_of(meeting.call)
    means = defaultdict(dict)
    for row in (
        Score.objects.filter(item__meeting=meeting, not_applicable=False)
        .values("item_id", "criterion_id")
        .annotate(mean=Avg("value"))
    ):
        means[row["item_id"]][row["criterion_id"]] = row["mean"]
    results = []
    for item in items:
        item_means = means.get(item.pk, {})
        results.append(
            ItemResult(
                item=item,
                votes_for=item.votes_for,
                votes_against=item.votes_against,
                abstentions=item.abstentions,
                quorum=meeting.quorum,
                criterion_means={c.pk: item_means.get(c.pk) for c in criteria},
                score=weighted_score([(c.weight, c.max_score, item_means.get(c.pk)) for c in criteria]),
            )
        )
    if with_people:
        _attach_people(meeting, results)
    return results


def item_result(item, *, with_people: bool = True) -> ItemResult:
    """The result of one agenda item, worked out with its meeting's (quorum, means, people)."""
    return next(r for r in meeting_results(item.meeting, with_people=with_people) if r.item.pk == item.pk)


def _attach_people(meeting, results: list[ItemResult]) -> None:
    members = list(meeting.memberships.select_related("user", "organisation"))
    recused = defaultdict(list)
    for declaration in (
        ConflictDeclaration.objects.filter(item__meeting=meeting)
        .exclude(kind=ConflictDeclaration.Kind.NONE)
        .select_related("member")
    ):
        recused[declaration.item_id].append(declaration)
    voted = defaultdict(set)
    for item_id, member_id in Vote.objects.filter(item__meeting=meeting).values_list("item_id", "member_id"):
        voted[item_id].add(member_id)
    for result in results:
        result.recused = recused.get(result.item.pk, [])
        out = {d.member_id for d in result.recused} | voted.get(result.item.pk, set())
        result.pending = [m for m in members if m.user_id not in out]


def members_present(meeting) -> QuerySet[MeetingMember]:
    """Members who took part: they declared on at least one application."""
    declared = ConflictDeclaration.objects.filter(item__meeting=meeting, member=OuterRef("user_id"))
    return meeting.memberships.select_related("user", "organisation").filter(Exists(declared))


def member_agenda(meeting, user) -> list[dict]:
    """The member's to-do on each application of the meeting: declare, score, vote."""
    items = meeting.items.select_related("application__lead_landlord").annotate(
        declared_kind=ConflictDeclaration.objects.filter(item=OuterRef("pk"), member=user).values("kind")[:1],
        voted=Exists(Vote.objects.filter(item=OuterRef("pk"), member=user)),
        scored=Count("scores", filter=Q(scores__member=user)),
    )
    return list(items)


def meetings_for_member_panel(user) -> QuerySet[Meeting]:
    """Meetings still to review where the user sits, with how many applications await their vote."""
    mine = MeetingMember.objects.filter(user=user).values("meeting_id")
    recused = Q(
        items__declarations__member=user,
        items__declarations__kind__in=[
            ConflictDeclaration.Kind.DECLARED,
            ConflictDeclaration.Kind.AUTOMATIC,
        ],
    )
    return (
        Meeting.objects.filter(pk__in=mine, status__in=Meeting.REVIEWING_STATUSES)
        .annotate(
            item_count=Count("items", distinct=True),
            done_count=Count("items", distinct=True, filter=Q(items__votes__member=user) | recused),
        )
        .order_by("starts_at")
    )


def committee_member_choices() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, memberships__role=Membership.Role.COMMITTEE_MEMBER)
        .distinct()
        .order_by("last_name", "first_name")
    )


def agenda_candidates(meeting) -> QuerySet[Application]:
    """Submitted applications of the meeting's call not yet on its agenda."""
    return (
        meeting.call.applications.filter(status=Application.Status.SUBMITTED)
        .exclude(pk__in=meeting.items.values("application_id"))
        .select_related("lead_landlord")
    )


def applicant_users(application) -> QuerySet[User]:
    """The people told of a decision: landlord staff and coordinators of the applying organisations."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id__in=application.organisation_ids(),
        memberships__role__in=APPLICANT_ROLES,
    ).distinct()


def scores_export(meeting) -> exports.Export:
    """One row per member and application: each criterion's score, the vote and the comment."""
    criteria = criteria_of(meeting.call)
    results = {r.item.pk: r for r in meeting_results(meeting, with_people=False)}
    scores = defaultdict(dict)
    for score in Score.objects.filter(item__meeting=meeting):
        scores[(score.item_id, score.member_id)][score.criterion_id] = score
    votes = {(v.item_id, v.member_id): v for v in Vote.objects.filter(item__meeting=meeting)}
    declarations = {(d.item_id, d.member_id): d for d in ConflictDeclaration.objects.filter(item__meeting=meeting)}
    links = list(meeting.memberships.select_related("user", "organisation"))
    rows = [
        {
            "item": item,
            "link": link,
            "declaration": declarations.get((item.pk, link.user_id)),
            "vote": votes.get((item.pk, link.user_id)),
            "marks": scores.get((item.pk, link.user_id), {}),
        }
        for item in meeting.items.select_related("application")
        for link in links
    ]
    columns = [
        exports.Column(_("Application"), lambda row: str(row["item"].application)),
        exports.Column(_("Member"), lambda row: str(row["link"].user)),
        exports.Column(_("Organisation"), lambda row: str(row["link"].organisation)),
        exports.Column(
            _("Declaration"), lambda row: row["declaration"].get_kind_display() if row["declaration"] else ""
        ),
        *[
            exports.Column(
                f"{c.name} (/{c.max_score}, ×{number_format(c.weight.normalize())})",
                lambda row, criterion=c.pk: _mark(row["marks"].get(criterion)),
                exports.Kind.NUMBER,
            )
            for c in criteria
        ],
        exports.Column(_("Vote"), lambda row: row["vote"].get_choice_display() if row["vote"] else ""),
        exports.Column(_("Comment"), lambda row: row["vote"].comment if row["vote"] else ""),
        exports.Column(_("Weighted score /100"), lambda row: results[row["item"].pk].score, exports.Kind.NUMBER),
    ]
    title = _("Scores and votes — %(meeting)s — %(call)s — %(date)s") % {
        "meeting": meeting.title,
        "call": meeting.call,
        "date": f"{exports.local(meeting.starts_at):%d/%m/%Y %H:%M}",
    }
    return exports.Export(sheet=_("Scores and votes"), title=title, columns=columns, rows=rows)


def _mark(score):
    if score is None:
        return ""
    return "N/A" if score.not_applicable else score.value


def application_detail_data(application, *, user) -> dict:
    """What the application's pages show `user`: a decision only once its meeting has ended,
    unless they may read the deliberation."""
    decisions = Decision.objects.filter(item__application=application)
    if "decisions.pending" not in fields_visible(user, application):
        decisions = decisions.filter(item__meeting__status__in=Meeting.ENDED_STATUSES)
    return {
        "partners": application.partner_links.select_related("organisation"),
        "co_landlords": application.co_landlords.all(),
        "neighbourhoods": application.neighbourhoods.all(),
        "cofinancing": application.cofinancing_lines.select_related("funder"),
        "attachments": application.attachments.select_related("uploaded_by"),
        "transitions": application.transitions.select_related("by"),
        "decisions": decisions.select_related("item__meeting", "decided_by").order_by("decided_at"),
    }


def application_history(application, *, user, decisions: QuerySet[Decision]) -> list[dict]:
    """The application's audit trail: who edited what; the trail of `decisions` (those the page
    shows, read once for both) only for those who may read the deliberation."""
    readable = fields_visible(user, application)
    return audit_history(application, *(decisions if "decisions.history" in readable else []))


def open_calls() -> QuerySet[Call]:
    now = timezone.now()
    return Call.objects.filter(opens_on__lte=timezone.localdate(now), deadline__gte=now).order_by("deadline")


def meetings_to_run(user) -> QuerySet[Meeting]:
    """The admin's meetings still under way, with how many applications are decided."""
    return (
        meetings_visible_to(user)
        .filter(status__in=Meeting.REVIEWING_STATUSES)
        .annotate(decided_count=Count("items__decision", distinct=True))
        .order_by("starts_at")
    )


ACTION_LABELS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("viewed"),
}


def audit_history(*objects):
    """Audit-trail entries of `objects`, oldest first, in one query; updates carry their readable
    changes (a creation's values are on the page itself)."""
    pks_by_type = defaultdict(list)
    for obj in objects:
        pks_by_type[type(obj)].append(obj.pk)
    if not pks_by_type:
        return []
    types = ContentType.objects.get_for_models(*pks_by_type)
    of_objects = Q()
    for model, pks in pks_by_type.items():
        of_objects |= Q(content_type=types[model], object_id__in=pks)
    entries = list(LogEntry.objects.filter(of_objects).select_related("actor", "content_type").order_by("timestamp"))
    for entry in entries:
        entry.action_label = ACTION_LABELS.get(entry.action, "")
        entry.readable_changes = (
            []
            if entry.action == LogEntry.Action.CREATE
            else [(field, shown(old), shown(new)) for field, (old, new) in entry.changes_display_dict.items()]
        )
    return entries


def shown(value: str) -> str:
    # auditlog keeps a missing value as the text "None": a reader sees a dash.
    return "—" if value == "None" else value
