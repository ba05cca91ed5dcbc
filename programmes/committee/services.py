"""Writes of the selection committee: calls, applications, meetings, reviews and decisions.

Each service checks access itself (partners.policy.require) and runs in one transaction;
status changes leave a transition row, and votes, scores and decisions are in the audit trail.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.template.defaultfilters import filesizeformat, floatformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partners.audit import log_bulk_update
from partners.jobs import enqueue_on_commit
from partners.locking import Versioned, claim, stamp
from partners.models import Membership, Organisation
from partners.policy import profile, profiles_prefetch, require
from partners.services import notify
from programmes.models import FundingLine, Programme, ProgrammeLandlord, ProgrammePartner

from . import selectors
from .models import (
    AgendaItem,
    Application,
    ApplicationPartner,
    ApplicationTransition,
    Attachment,
    Call,
    CoFinancingLine,
    ConflictDeclaration,
    Decision,
    Meeting,
    MeetingMember,
    MeetingTransition,
    Review,
    Score,
    Vote,
)


def _claim(obj: Versioned, *, version: int | None, actor) -> None:
    """A new row records who made it; an existing one is saved only from its current version."""
    if obj.pk is None:
        stamp(obj, by=actor)
    else:
        claim(obj, version=version, by=actor)


# ------------------------------------------------------------------ lines of a page


@dataclass(frozen=True)
class CriterionRow:
    """A line of a call's scoring grid as submitted: `id` None is a new line."""

    id: int | None
    name: str = ""
    max_score: int | None = None
    weight: Decimal | None = None
    description: str = ""
    delete: bool = False


@dataclass(frozen=True)
class PartnerRow:
    """An application's partner as submitted."""

    id: int | None
    organisation: Organisation | None = None
    role: str = ""
    delete: bool = False


@dataclass(frozen=True)
class CoFinancingRow:
    """A line of an application's budget as submitted."""

    id: int | None
    funder: Organisation | None = None
    year: int | None = None
    amount: Decimal | None = None
    status: str = ""
    delete: bool = False


def _lines_save(lines: QuerySet, rows, **parent) -> bool:
    """Apply submitted rows to a parent's lines: create, change or delete each, checked by the
    model and its constraints. A row naming a line that is not among `lines` is refused.
    Returns whether anything changed."""
    existing = {line.pk: line for line in lines}
    changed = False
    for row in rows:
        values = {f.name: getattr(row, f.name) for f in dataclasses.fields(row) if f.name not in ("id", "delete")}
        if row.id is None:
            if row.delete:
                continue
            line = lines.model(**parent, **values)
        else:
            line = existing.get(row.id)
            if line is None:
                raise ValidationError(_("A line of this page was removed meanwhile: reload the page."))
            if row.delete:
                line.delete()
                changed = True
                continue
            if all(getattr(line, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(line, name, value)
        line.full_clean()
        line.save()
        changed = True
    return changed


# ------------------------------------------------------------------ calls


@transaction.atomic
def call_save(*, actor, call: Call, funders, criteria: Sequence[CriterionRow], version: int | None = None) -> Call:
    """Create or update a call with its scoring grid (frozen once members have scored)."""
    require(actor, "committee.manage")
    _claim(call, version=version, actor=actor)
    scored = call.pk is not None and Score.objects.filter(criterion__call=call).exists()
    call.full_clean()
    call.save()
    call.funders.set(funders)
    if _lines_save(call.criteria.all(), criteria, call=call) and scored:
        raise ValidationError(_("The scoring grid can no longer change: members have already scored."))
    if not call.criteria.exists():
        raise ValidationError(_("A call needs at least one scoring criterion."))
    return call


# ------------------------------------------------------------------ applications


def _transition(application: Application, to_status: str, actor) -> None:
    ApplicationTransition.objects.create(
        application=application, from_status=application.status, to_status=to_status, by=actor
    )
    application.status = to_status


@transaction.atomic
def application_create(*, actor, call: Call, title: str, lead_landlord) -> Application:
    """Start a draft; a coordinator whose association does not lead is added as its partner."""
    require(actor, "application.create")
    if not call.is_open:
        raise ValidationError(_("This call is not open for applications."))
    application = Application(call=call, title=title, lead_landlord=lead_landlord, created_by=actor)
    application.full_clean()
    application.save()
    ApplicationTransition.objects.create(application=application, to_status=application.status, by=actor)
    facts = profile(actor)
    if not facts.is_admin and lead_landlord.pk not in facts.landlord_ids:
        coordinated = sorted(facts.coordinated_org_ids)
        if not coordinated:
            raise ValidationError(_("You can only apply on behalf of a landlord you work for."))
        ApplicationPartner.objects.create(
            application=application, organisation_id=coordinated[0], role=ProgrammePartner.Role.COORDINATOR
        )
    return application


@transaction.atomic
def application_update(
    *,
    actor,
    application: Application,
    version: int | None,
    fields: dict,
    co_landlords,
    neighbourhoods,
    partners: Sequence[PartnerRow] = (),
    co_financing: Sequence[CoFinancingRow] = (),
) -> Application:
    """Save a draft and its partner and co-financing lines; a stale page is refused."""
    require(actor, "application.edit", application)
    _claim(application, version=version, actor=actor)
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    application.co_landlords.set(co_landlords)
    application.neighbourhoods.set(neighbourhoods)
    _lines_save(application.partner_links.all(), partners, application=application)
    _lines_save(application.cofinancing_lines.all(), co_financing, application=application)
    return application


ALLOWED_UPLOADS = {
    ".pdf": Attachment.Kind.PDF,
    ".docx": Attachment.Kind.DOCX,
    ".xlsx": Attachment.Kind.XLSX,
}
# What an Office Open XML archive of each kind must hold.
OOXML_MARKERS = {Attachment.Kind.DOCX: "word/document.xml", Attachment.Kind.XLSX: "xl/workbook.xml"}


def upload_kind(upload) -> str:
    """The kind of an uploaded file, checked by extension, size and content (not by its claimed type)."""
    name = upload.name or ""
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    kind = ALLOWED_UPLOADS.get(extension)
    if kind is None:
        raise ValidationError(_("Only PDF, Word (DOCX) and Excel (XLSX) files are accepted."))
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    if kind == Attachment.Kind.PDF:
        valid = upload.read(5) == b"%PDF-"
    else:
        try:
            with zipfile.ZipFile(upload) as archive:
                valid = OOXML_MARKERS[kind] in archive.namelist()
        except zipfile.BadZipFile:
            valid = False
    upload.seek(0)
    if not valid:
        raise ValidationError(_("The file's content does not match its extension (%(ext)s).") % {"ext": extension})
    return kind


@transaction.atomic
def attachment_add(*, actor, application: Application, upload) -> Attachment:
    require(actor, "application.edit", application)
    kind = upload_kind(upload)
    name = upload.name.rsplit("/", 1)[-1][:200]
    attachment = Attachment(application=application, name=name, kind=kind, size=upload.size, uploaded_by=actor)
    attachment.file.save(name, upload, save=False)  # through the storage API
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    require(actor, "application.edit", attachment.application)
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def missing_for_submission(application: Application) -> list[str]:
    """What an application still needs before the committee can read it."""
    required = {
        "summary": _("summary"),
        "objectives": _("objectives"),
        "actions": _("actions"),
        "duration_months": _("duration"),
        "target_participants": _("target participants"),
        "total_budget": _("total budget"),
    }
    missing = [label for name, label in required.items() if getattr(application, name) in (None, "")]
    if not application.neighbourhoods.exists():
        missing.append(_("at least one neighbourhood"))
    return missing


@transaction.atomic
def application_submit(*, actor, application: Application) -> Application:
    """Submit before the deadline; the application is frozen, a previous revision superseded."""
    require(actor, "application.edit", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft:
        raise ValidationError(_("This application has already been submitted."))
    if timezone.now() > application.call.deadline:
        raise ValidationError(_("The deadline of this call has passed: the application can no longer be submitted."))
    if application.previous_id and application.previous.agenda_items.exists():
        raise ValidationError(
            _("The submitted version is already on a committee's agenda: this revision can no longer replace it.")
        )
    missing = missing_for_submission(application)
    if missing:
        raise ValidationError(
            _("Complete the application before submitting it: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    _transition(application, Application.Status.SUBMITTED, actor)
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    if application.previous_id:
        previous = application.previous
        _transition(previous, Application.Status.SUPERSEDED, actor)
        previous.save(update_fields=["status"])
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    """The applicants give up, before the application is put on a committee's agenda."""
    require(actor, "application.withdraw", application)
    _transition(application, Application.Status.WITHDRAWN, actor)
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def application_revise(*, actor, application: Application) -> Application:
    """A new draft copied from a submitted application; the submitted one stays as it was."""
    require(actor, "application.revise", application)
    copy = Application.objects.get(pk=application.pk)
    copy.pk = copy.id = None
    copy.status = Application.Status.DRAFT
    copy.submitted_at = None
    copy.revision = application.revision + 1
    copy.previous = application
    copy.programme = None
    copy.created_by = actor
    stamp(copy, by=actor)
    copy.save()
    copy.co_landlords.set(application.co_landlords.all())
    copy.neighbourhoods.set(application.neighbourhoods.all())
    ApplicationPartner.objects.bulk_create(
        ApplicationPartner(application=copy, organisation_id=p.organisation_id, role=p.role)
        for p in application.partner_links.all()
    )
    CoFinancingLine.objects.bulk_create(
        CoFinancingLine(
            application=copy, funder_id=line.funder_id, year=line.year, amount=line.amount, status=line.status
        )
        for line in application.cofinancing_lines.all()
    )
    Attachment.objects.bulk_create(
        Attachment(application=copy, file=a.file.name, name=a.name, kind=a.kind, size=a.size, uploaded_by=a.uploaded_by)
        for a in application.attachments.all()
    )
    ApplicationTransition.objects.create(application=copy, to_status=copy.status, by=actor)
    return copy


# ------------------------------------------------------------------ meetings


def _meeting_step(*, actor, meeting: Meeting, from_status: str, to_status: str, refusal: str, **fields) -> None:
    """Move a meeting on by one status, on a locked and fresh row, leaving a transition behind."""
    require(actor, "committee.manage")
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk"))
    meeting.refresh_from_db()
    if meeting.status != from_status:
        raise ValidationError(refusal)
    MeetingTransition.objects.create(meeting=meeting, from_status=from_status, to_status=to_status, by=actor)
    meeting.status = to_status
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=["status", *fields])


def _represented_organisations(users) -> dict[int, int]:
    """The organisation each member sits for: their committee organisation, else their first one."""
    first: dict[int, int] = {}
    committee: dict[int, int] = {}
    for link in Membership.objects.filter(user__in=users, organisation__is_active=True):
        first.setdefault(link.user_id, link.organisation_id)
        if link.role == Membership.Role.COMMITTEE_MEMBER:
            committee.setdefault(link.user_id, link.organisation_id)
    chosen = {**first, **committee}
    for user in users:
        if user.pk not in chosen:
            raise ValidationError(_("%(user)s belongs to no organisation.") % {"user": user})
    return chosen


@transaction.atomic
def meeting_save(*, actor, meeting: Meeting, members, version: int | None = None) -> Meeting:
    require(actor, "committee.manage")
    _claim(meeting, version=version, actor=actor)
    creating = meeting.pk is None
    if not creating and meeting.is_ended:
        raise ValidationError(_("A closed meeting can no longer change."))
    meeting.full_clean()
    meeting.save()
    if creating:
        MeetingTransition.objects.create(meeting=meeting, to_status=meeting.status, by=actor)
    wanted = {user.pk: user for user in members}
    current = set(meeting.memberships.values_list("user_id", flat=True))
    leaving = current - wanted.keys()
    if leaving and (
        Vote.objects.filter(item__meeting=meeting, member_id__in=leaving).exists()
        or Score.objects.filter(item__meeting=meeting, member_id__in=leaving).exists()
    ):
        raise ValidationError(_("A member who has already scored or voted cannot be removed."))
    meeting.memberships.filter(user_id__in=leaving).delete()
    joining = [user for pk, user in wanted.items() if pk not in current]
    represented = _represented_organisations(joining) if joining else {}
    MeetingMember.objects.bulk_create(
        MeetingMember(meeting=meeting, user=user, organisation_id=represented[user.pk]) for user in joining
    )
    recusals_refresh(actor=actor, meeting=meeting)
    return meeting


def recusals_refresh(*, actor, meeting: Meeting) -> int:
    """Record an automatic recusal for every member whose organisation takes part in an application;
    a member who had declared no conflict there loses their scores and vote on it. `actor` is the
    person whose change (new members, a new agenda item) brought the recusals; returns how many
    recusals are new."""
    items = list(meeting.items.select_related("application"))
    members = [link.user for link in meeting.memberships.select_related("user")]
    profiles_prefetch(members)
    applying = Application.organisation_ids_of([item.application for item in items])
    declared = {(d.item_id, d.member_id): d for d in ConflictDeclaration.objects.filter(item__meeting=meeting)}
    new, overruled = [], []
    for item in items:
        for user in members:
            if not profile(user).all_org_ids & applying[item.application_id]:
                continue
            declaration = declared.get((item.pk, user.pk))
            if declaration is None:
                new.append(ConflictDeclaration(item=item, member=user, kind=ConflictDeclaration.Kind.AUTOMATIC))
            elif declaration.kind == ConflictDeclaration.Kind.NONE:
                overruled.append(declaration)
    ConflictDeclaration.objects.bulk_create(new)
    log_bulk_update(new, {d.pk: model_instance_diff(None, d) for d in new}, actor, LogEntry.Action.CREATE)
    if overruled:
        automatic = ConflictDeclaration.Kind.AUTOMATIC
        ConflictDeclaration.objects.filter(pk__in=[d.pk for d in overruled]).update(kind=automatic)
        log_bulk_update(overruled, {d.pk: {"kind": [d.kind, automatic]} for d in overruled}, actor)
        # Deleted one by one (with their audit entries): a review that no longer counts stays traced.
        reviews = Q()
        for declaration in overruled:
            reviews |= Q(item_id=declaration.item_id, member_id=declaration.member_id)
        Score.objects.filter(reviews).delete()
        Vote.objects.filter(reviews).delete()
    return len(new)


def _require_reviewing(meeting: Meeting) -> None:
    if not meeting.is_reviewing:
        raise ValidationError(_("This meeting is closed: nothing can change any more."))


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    meeting: Meeting,
    application: Application,
    audition_start: datetime.time | None = None,
    audition_end: datetime.time | None = None,
) -> AgendaItem:
    require(actor, "committee.manage")
    _require_reviewing(meeting)
    if application.call_id != meeting.call_id or application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only submitted applications to this meeting's call can be put on its agenda."))
    item = AgendaItem(
        meeting=meeting,
        application=application,
        audition_start=audition_start,
        audition_end=audition_end,
        position=meeting.items.count() + 1,
    )
    item.full_clean()
    if audition_start and audition_end:
        clash = meeting.items.filter(audition_start__lt=audition_end, audition_end__gt=audition_start)
        clash = clash.select_related("application").first()
        if clash is not None:
            raise ValidationError(
                _("This audition overlaps the one of “%(other)s” (%(start)s–%(end)s).")
                % {
                    "other": clash.application,
                    "start": f"{clash.audition_start:%H:%M}",
                    "end": f"{clash.audition_end:%H:%M}",
                }
            )
    item.save()
    recusals_refresh(actor=actor, meeting=meeting)
    return item


@transaction.atomic
def agenda_item_remove(*, actor, item: AgendaItem) -> None:
    require(actor, "committee.manage")
    _require_reviewing(item.meeting)
    if item.votes.exists() or item.scores.exists():
        raise ValidationError(_("Members have already scored or voted on this application: it stays on the agenda."))
    item.delete()


@transaction.atomic
def meeting_open(*, actor, meeting: Meeting) -> Meeting:
    require(actor, "committee.manage")
    if not meeting.items.exists() or not meeting.memberships.exists():
        raise ValidationError(_("Put applications on the agenda and members on the committee before opening."))
    _meeting_step(
        actor=actor,
        meeting=meeting,
        from_status=Meeting.Status.PLANNED,
        to_status=Meeting.Status.OPEN,
        refusal=_("Only a planned meeting can be opened."),
    )
    return meeting


@transaction.atomic
def meeting_close(*, actor, meeting: Meeting) -> Meeting:
    """Close: votes freeze, every applicant is told their decision at once, the minutes are built."""
    require(actor, "committee.manage")
    undecided = meeting.items.filter(decision__isnull=True).select_related("application")
    undecided = [str(item.application) for item in undecided]
    if undecided:
        raise ValidationError(
            _("Record a decision on every application before closing: %(list)s.") % {"list": ", ".join(undecided)}
        )
    _meeting_step(
        actor=actor,
        meeting=meeting,
        from_status=Meeting.Status.OPEN,
        to_status=Meeting.Status.CLOSED,
        refusal=_("Only an open meeting can be closed."),
        closed_at=timezone.now(),
    )
    for item in meeting.items.select_related("application", "decision"):
        application = item.application
        notify(
            recipients=selectors.applicant_users(application),
            message=_("Selection committee decision on “%(title)s”: %(outcome)s.")
            % {"title": application.title, "outcome": item.decision.get_outcome_display()},
            url=application.get_absolute_url(),
        )
    minutes_build_later(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_approve_minutes(*, actor, meeting: Meeting) -> Meeting:
    _meeting_step(
        actor=actor,
        meeting=meeting,
        from_status=Meeting.Status.CLOSED,
        to_status=Meeting.Status.MINUTES_APPROVED,
        refusal=_("Minutes can be approved once the meeting is closed."),
    )
    minutes_build_later(meeting=meeting)
    return meeting


BUILD_MINUTES = "programmes.committee.tasks.build_meeting_minutes"


def minutes_build_later(*, meeting: Meeting) -> None:
    """Once the transaction commits, a task renders the meeting's minutes to PDF."""
    enqueue_on_commit(BUILD_MINUTES, meeting.pk)


def minutes_store(*, meeting: Meeting, pdf: bytes) -> None:
    """Save the minutes through the storage API, replacing the previous version."""
    old = meeting.minutes.name
    meeting.minutes.save(f"minutes-{meeting.pk}-{timezone.now():%Y%m%d%H%M%S}.pdf", ContentFile(pdf), save=False)
    meeting.minutes_built_at = timezone.now()
    meeting.save(update_fields=["minutes", "minutes_built_at"])
    if old and old != meeting.minutes.name:
        meeting.minutes.storage.delete(old)


# ------------------------------------------------------------------ reviews


@transaction.atomic
def conflict_declare(*, actor, item: AgendaItem, has_conflict: bool, comment: str = "") -> ConflictDeclaration:
    """A member's declaration before opening an application; organisation links recuse anyway."""
    require(actor, "item.declare", item)
    if ConflictDeclaration.objects.filter(item=item, member=actor).exists():
        raise ValidationError(_("You have already made your declaration on this application."))
    if selectors.organisation_links_conflict(actor, item.application):
        kind = ConflictDeclaration.Kind.AUTOMATIC
    else:
        kind = ConflictDeclaration.Kind.DECLARED if has_conflict else ConflictDeclaration.Kind.NONE
    return ConflictDeclaration.objects.create(item=item, member=actor, kind=kind, comment=comment)


@transaction.atomic
def review_save(
    *,
    actor,
    item: AgendaItem,
    scores: dict[int, int | None],
    vote: str = "",
    comment: str = "",
    version: int | None = None,
) -> None:
    """Save a member's scores (None: not applicable) and, when given, their vote.

    `version` is the one of the member's review their page showed (0: none yet): a save from a
    page they (another tab, a double submit) have saved since is refused (partners/locking.py);
    without it (a caller in code) the current one is taken."""
    item = AgendaItem.objects.select_related("meeting__call", "application").get(pk=item.pk)
    if selectors.is_recused(actor, item):
        raise PermissionDenied(_("You are recused on this application."))
    require(actor, "item.review", item)
    criteria = {c.pk: c for c in item.meeting.call.criteria.all()}
    if set(scores) - set(criteria):
        raise ValidationError(_("Unknown criterion."))
    # The review's row exists from the first save on; one statement, whoever races to create it.
    Review.objects.bulk_create([Review(item=item, member=actor)], ignore_conflicts=True)
    review = Review.objects.get(item=item, member=actor)
    claim(review, version=review.version if version is None else version, by=actor)
    for criterion_id, value in scores.items():
        criterion = criteria[criterion_id]
        if value is not None and not 0 <= value <= criterion.max_score:
            raise ValidationError(
                _("The score on “%(name)s” must be between 0 and %(max)s.")
                % {"name": criterion.name, "max": criterion.max_score}
            )
        score, _created = Score.objects.get_or_create(
            item=item,
            member=actor,
            criterion=criterion,
            defaults={"value": value, "not_applicable": value is None},
        )
        if score.value != value or score.not_applicable != (value is None):
            score.value, score.not_applicable = value, value is None
            score.save()
    if vote:
        if len(scores) < len(criteria):
            raise ValidationError(_("Score every criterion (or mark it not applicable) before voting."))
        existing = Vote.objects.filter(item=item, member=actor).first()
        if existing is None:
            Vote.objects.create(item=item, member=actor, choice=vote, comment=comment)
        elif (existing.choice, existing.comment) != (vote, comment):
            existing.choice, existing.comment = vote, comment
            existing.save()


@transaction.atomic
def decision_record(
    *,
    actor,
    item: AgendaItem,
    outcome: str,
    reason: str = "",
    amount_granted: Decimal | None = None,
    version: int | None = None,
) -> Decision:
    """Record or amend the decision on one application; an amendment from a stale page is refused."""
    require(actor, "committee.manage")
    list(AgendaItem.objects.select_for_update().filter(pk=item.pk).values_list("pk"))
    item.meeting.refresh_from_db()
    if item.meeting.status != Meeting.Status.OPEN:
        raise ValidationError(_("Decisions are recorded while the meeting is open."))
    reason = reason.strip()
    if outcome == Decision.Outcome.REJECTED and not reason:
        raise ValidationError({"reason": _("Give the reason for not retaining this application.")})
    if outcome != Decision.Outcome.LAUREATE:
        amount_granted = None
    elif amount_granted is None:
        raise ValidationError({"amount_granted": _("Give the amount granted to a laureate.")})
    if outcome != Decision.Outcome.DEFERRED:
        result = selectors.item_result(item, with_people=False)
        if not result.quorum_reached:
            raise ValidationError(
                _(
                    "The quorum is not reached (%(cast)s votes of %(quorum)s needed): "
                    "the application can only be deferred."
                )
                % {"cast": result.votes_cast, "quorum": result.quorum}
            )
    if amount_granted:
        granted = Decision.objects.filter(item__meeting__call=item.meeting.call).exclude(item=item).aggregate(
            total=Sum("amount_granted")
        )["total"] or Decimal(0)
        envelope = item.meeting.call.budget_envelope
        if granted + amount_granted > envelope:
            raise ValidationError(
                {
                    "amount_granted": _(
                        "The call's envelope is %(envelope)s €, of which %(granted)s € are already granted: "
                        "at most %(left)s € remain."
                    )
                    % {
                        "envelope": floatformat(envelope, "0g"),
                        "granted": floatformat(granted, "0g"),
                        "left": floatformat(envelope - granted, "0g"),
                    }
                }
            )
    decision = Decision.objects.filter(item=item).first() or Decision(item=item)
    if decision.pk is None and version is not None:
        raise ValidationError(_("The decision you were amending no longer exists. Reload the page."))
    _claim(decision, version=version, actor=actor)
    decision.outcome, decision.reason, decision.amount_granted = outcome, reason, amount_granted
    decision.decided_by = actor
    decision.full_clean()
    decision.save()
    return decision


# ------------------------------------------------------------------ conversion


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "programme"
    slug, n = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def application_convert(*, actor, application: Application) -> Programme:
    """Turn a laureate into a programme with its landlords, partners, neighbourhoods, targets and funding."""
    require(actor, "application.convert", application)
    if Programme.objects.filter(name=application.title).exists():
        raise ValidationError(_("A programme named “%(name)s” already exists.") % {"name": application.title})
    decision = (
        Decision.objects.filter(item__application=application, outcome=Decision.Outcome.LAUREATE)
        .select_related("item__meeting__call")
        .latest("decided_at")
    )
    start = application.planned_start or timezone.localdate()
    end = (
        _add_months(start, application.duration_months) - datetime.timedelta(days=1)
        if application.duration_months
        else None
    )
    programme = Programme.objects.create(
        name=application.title,
        slug=_unique_slug(application.title),
        summary=application.summary,
        start_date=start,
        end_date=end,
        target_participants=application.target_participants,
        target_period=application.target_period,
    )
    programme.neighbourhoods.set(application.neighbourhoods.all())
    ProgrammeLandlord.objects.create(programme=programme, landlord=application.lead_landlord, is_lead=True)
    ProgrammeLandlord.objects.bulk_create(
        ProgrammeLandlord(programme=programme, landlord=landlord)
        for landlord in application.co_landlords.exclude(pk=application.lead_landlord_id)
    )
    ProgrammePartner.objects.bulk_create(
        ProgrammePartner(programme=programme, organisation_id=p.organisation_id, role=p.role)
        for p in application.partner_links.all()
    )
    lines: dict[tuple, Decimal] = {}
    for line in application.cofinancing_lines.all():
        key = (line.funder_id, line.year, line.status)
        lines[key] = lines.get(key, Decimal(0)) + line.amount
    funder = decision.item.meeting.call.funders.order_by("pk").first()
    if funder is not None and decision.amount_granted:
        key = (funder.pk, start.year, FundingLine.Status.GRANTED)
        lines[key] = lines.get(key, Decimal(0)) + decision.amount_granted
    FundingLine.objects.bulk_create(
        FundingLine(programme=programme, funder_id=funder_id, year=year, status=status, amount=amount)
        for (funder_id, year, status), amount in lines.items()
    )
    application.programme = programme
    application.save(update_fields=["programme"])
    return programme
