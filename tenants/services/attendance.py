"""Writes for attendance: registering people to a session, the one-submit sheet, the signed proof."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.audit import log_bulk_update
from partners.locking import claim
from partners.models import Organisation, User
from partners.policy import require
from programmes.models import Session

from ..models import AttendanceSheet, Enrolment, Registration, SignInSheet

A = Registration.Attendance


@dataclass(frozen=True)
class AttendanceRow:
    """One line of a submitted sheet; `hours` None means "the whole session" for people present."""

    registration_id: int
    attendance: str
    hours: Decimal | None = None


class AttendanceInvalid(Exception):
    """Some rows are wrong; nothing was saved. `errors` maps a registration id to {field: message}."""

    def __init__(self, errors: dict[int, dict[str, str]], summary: list[str]):
        super().__init__("; ".join(summary))
        self.errors = errors
        self.summary = summary


def _row_errors(row: AttendanceRow, registration: Registration | None, session: Session) -> dict[str, str]:
    if registration is None:
        return {"attendance": _("This person is no longer registered to the session.")}
    if row.attendance not in (A.PRESENT, A.ABSENT, A.EXCUSED):
        return {"attendance": _("Mark this person present, absent or excused.")}
    hours = row.hours
    if hours is None:
        return {}
    if hours < 0:
        return {"hours": _("Hours cannot be negative.")}
    if hours > session.duration_hours:
        return {
            "hours": _("At most %(hours)s h: the session's length.")
            % {"hours": floatformat(session.duration_hours, -2)}
        }
    if hours and row.attendance != A.PRESENT:
        return {"hours": _("Only people present have hours.")}
    return {}


def _hours(row: AttendanceRow, session: Session) -> Decimal:
    if row.attendance != A.PRESENT:
        return Decimal(0)
    return session.duration_hours if row.hours is None else row.hours


@transaction.atomic
def attendance_save(*, session: Session, actor: User, version: int | None, rows: list[AttendanceRow]) -> int:
    """Save every row of a session's sheet at once, or nothing.

    `version` is the sheet's version when it was loaded: if someone saved since,
    StaleSave is raised. Returns how many rows changed.
    """
    require(actor, "attendance.record", session)
    _check_taken_place(session)
    registrations = {r.pk: r for r in session.registrations.select_related("tenant")}
    errors, summary, seen = {}, [], set()
    for number, row in enumerate(rows, start=1):
        # A row sent twice (a tampered form) is treated as a row that does not exist.
        registration = None if row.registration_id in seen else registrations.get(row.registration_id)
        seen.add(row.registration_id)
        row_errors = _row_errors(row, registration, session)
        if row_errors:
            errors[row.registration_id] = row_errors
            name = registration.person_name if registration else "?"
            for message in row_errors.values():
                summary.append(
                    _("Row %(number)s (%(name)s): %(message)s") % {"number": number, "name": name, "message": message}
                )
    if errors:
        raise AttendanceInvalid(errors, summary)

    # The sheet's row exists from the first save on; one statement, whoever races to create it.
    AttendanceSheet.objects.bulk_create([AttendanceSheet(session=session)], ignore_conflicts=True)
    claim(AttendanceSheet(session=session), version=version, by=actor)

    changed, changes = [], {}
    for row in rows:
        registration = registrations[row.registration_id]
        new = {"attendance": row.attendance, "hours": _hours(row, session)}
        diff = {
            field: [str(getattr(registration, field)), str(value)]
            for field, value in new.items()
            if getattr(registration, field) != value
        }
        if diff:
            for field, value in new.items():
                setattr(registration, field, value)
            changed.append(registration)
            changes[registration.pk] = diff
    Registration.objects.bulk_update(changed, ["attendance", "hours"])
    log_bulk_update(changed, changes, actor)
    return len(changed)


def _check_taken_place(session: Session) -> None:
    if session.date > timezone.localdate():
        raise ValidationError(_("This session has not taken place yet: attendance is recorded on the day or after."))


def _check_capacity(session: Session, adding: int) -> None:
    if session.capacity is None:
        return
    taken = session.registrations.filter(walk_in=False).count()
    if taken + adding > session.capacity:
        raise ValidationError(
            _("Only %(left)s place(s) left in this session (capacity %(capacity)s).")
            % {"left": max(session.capacity - taken, 0), "capacity": session.capacity}
        )


def _check_participants(session: Session, enrolments: list[Enrolment]) -> None:
    for enrolment in enrolments:
        if enrolment.programme_id != session.activity.programme_id or enrolment.status != Enrolment.Status.ACTIVE:
            raise ValidationError(
                _("%(name)s is not an active participant of this programme.") % {"name": enrolment.tenant}
            )


@transaction.atomic
def registrations_add(*, session: Session, actor: User, enrolments: list[Enrolment]) -> list[Registration]:
    """Register participants of the programme to a session ahead of it."""
    require(actor, "attendance.record", session)
    _check_participants(session, enrolments)
    _check_capacity(session, len(enrolments))
    already = set(
        session.registrations.filter(tenant__in=[e.tenant_id for e in enrolments]).values_list("tenant_id", flat=True)
    )
    registrations = [
        Registration(session=session, tenant_id=e.tenant_id) for e in enrolments if e.tenant_id not in already
    ]
    for registration in registrations:
        registration.save()  # one by one, so that the audit trail records each
    return registrations


@transaction.atomic
def walk_in_add(
    *,
    session: Session,
    actor: User,
    enrolment: Enrolment | None = None,
    name: str = "",
    landlord: Organisation | None = None,
    known_to_institutions: bool | None = None,
) -> Registration:
    """Someone came without registering: marked present for the whole session.

    A participant of the programme is recorded with their record. Anyone else, at an event
    open to all tenants (collective event, job rally, information session), is recorded by
    name and landlord only, without any record to look up (see README).
    """
    require(actor, "attendance.record", session)
    _check_taken_place(session)
    fields = {
        "session": session,
        "walk_in": True,
        "attendance": A.PRESENT,
        "hours": session.duration_hours,
        "known_to_institutions": known_to_institutions,
    }
    if enrolment is not None:
        _check_participants(session, [enrolment])
        if session.registrations.filter(tenant=enrolment.tenant_id).exists():
            raise ValidationError(_("%(name)s is already on the sheet.") % {"name": enrolment.tenant})
        return Registration.objects.create(tenant_id=enrolment.tenant_id, **fields)
    if not session.activity.is_event:
        raise ValidationError(
            _(
                "Only participants of the programme can join a %(kind)s; people not enrolled "
                "are counted at collective events, job rallies and information sessions."
            )
            % {"kind": session.activity.get_kind_display().lower()}
        )
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the person's name as they wrote it on the sheet."))
    if landlord is not None and not session.activity.programme.landlord_links.filter(landlord=landlord).exists():
        raise ValidationError(_("%(landlord)s does not take part in this programme.") % {"landlord": landlord})
    return Registration.objects.create(walk_in_name=name, walk_in_landlord=landlord, **fields)


@transaction.atomic
def registration_remove(*, registration: Registration, actor: User) -> None:
    require(actor, "attendance.record", registration.session)
    if registration.attendance:
        raise ValidationError(
            _("Attendance is already recorded for %(name)s: mark them absent or excused instead.")
            % {"name": registration.person_name}
        )
    registration.delete()


# Scans of signed sheets: PDF or images, recognised by their first bytes, not by their name.
SIGNATURES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
}


def _sniff(upload) -> tuple[str, str] | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


@transaction.atomic
def sign_in_sheet_upload(*, session: Session, actor: User, upload) -> SignInSheet:
    """Keep the scan of the signed paper sheet with the session, through the storage API."""
    require(actor, "attendance.record", session)
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1_048_576, 1), "limit": round(settings.UPLOAD_MAX_BYTES / 1_048_576, 1)}
        )
    kind = _sniff(upload)
    if kind is None:
        raise ValidationError(_("Upload a PDF, JPEG or PNG scan of the signed sheet."))
    content_type, suffix = kind
    original = (upload.name or "").rsplit("/", 1)[-1][:200] or f"scan{suffix}"
    sheet = SignInSheet(
        session=session, original_name=original, content_type=content_type, size=upload.size, uploaded_by=actor
    )
    sheet.file.save(f"scan{suffix}", upload, save=False)
    try:
        sheet.save()
    except Exception:
        sheet.file.delete(save=False)  # no row, so no orphan file in the storage either
        raise
    return sheet


@transaction.atomic
def walk_in_link(*, registration: Registration, actor: User, enrolment: Enrolment) -> Registration:
    """A walk-in kept by name has since enrolled: attach the visit to their record.

    The event then shows on their pathway, and the name typed on the day is no longer kept.
    """
    require(actor, "attendance.record", registration.session)
    if registration.tenant_id is not None:
        raise ValidationError(_("This row is already a participant's."))
    _check_participants(registration.session, [enrolment])
    if registration.session.registrations.filter(tenant=enrolment.tenant_id).exists():
        raise ValidationError(_("%(name)s is already on the sheet.") % {"name": enrolment.tenant})
    registration.tenant_id = enrolment.tenant_id
    registration.walk_in_name = ""
    registration.save(update_fields=["tenant", "walk_in_name"])
    return registration
