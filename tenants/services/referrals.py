"""The referral state machine: sent → accepted → enrolled, or declined, or withdrawn.

Each change is recorded as a ReferralTransition (who, when) and tells the other
side: in-portal at once, by e-mail once the transaction commits (partners.services.notify).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import User
from partners.policy import require
from partners.services import notify
from programmes.models import Programme

from ..models import Enrolment, Referral, ReferralTransition, Tenant
from ..selectors.people import has_active_consent
from ..selectors.referrals import coordinators_of, landlord_contacts, programmes_open_to
from .conflicts import refused_on_conflict

S = Referral.Status

# Which statuses each status may be reached from, and the rule that allows it.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    S.ACCEPTED: ((S.SENT,), "referral.decide"),
    S.DECLINED: ((S.SENT, S.ACCEPTED), "referral.decide"),
    S.ENROLLED: ((S.ACCEPTED,), "referral.decide"),
    S.WITHDRAWN: ((S.SENT, S.ACCEPTED), "referral.withdraw"),
}

# Twelve months or more without work counts as long-term unemployment (ESF+ indicators).
LONG_TERM_UNEMPLOYMENT = timedelta(days=365)


def allowed_transitions(referral: Referral) -> list[str]:
    return [to for to, (sources, _rule) in TRANSITIONS.items() if referral.status in sources]


def announce(*, recipients, message, url: str, subject, **params) -> None:
    """Notify `recipients` of `message` and `subject` (lazy texts formatted with `params`)."""
    # Notifications are stored as text: write them in the portal's language, not the actor's.
    with translation.override(settings.LANGUAGE_CODE):
        params = {key: str(value) for key, value in params.items()}
        notify(
            recipients=recipients,
            message=str(message) % params,
            url=url,
            subject=str(subject) % params,
            personal=True,
        )


def _tell(*, recipients, referral: Referral, message, **params) -> None:
    announce(
        recipients=recipients,
        message=message,
        url=referral.get_absolute_url(),
        subject=gettext_lazy("Referral: %(tenant)s to %(programme)s"),
        tenant=referral.tenant,
        programme=referral.programme,
        landlord=referral.landlord,
        **params,
    )


def _transition(*, referral: Referral, to: str, actor: User, comment: str = "", **fields) -> Referral:
    # The row is locked and its status read again, so two people deciding at once cannot
    # both succeed: the second is told what happened instead.
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if current.status not in TRANSITIONS[to][0]:
        raise ValidationError(
            _("This referral is now “%(status)s”: it can no longer be changed that way.")
            % {"status": current.get_status_display()}
        )
    from_status = current.status
    current.status = to
    for name, value in fields.items():
        setattr(current, name, value)
    current.save(update_fields=["status", "updated_at", *fields])  # through save(): the audit trail sees it
    ReferralTransition.objects.create(
        referral=referral, from_status=from_status, to_status=to, by=actor, comment=comment
    )
    referral.refresh_from_db()
    return referral


def _require_step(actor: User, referral: Referral, to: str) -> None:
    require(actor, TRANSITIONS[to][1], referral)
    if referral.status not in TRANSITIONS[to][0]:
        raise ValidationError(
            _("A referral that is “%(status)s” cannot become “%(target)s”.")
            % {"status": referral.get_status_display(), "target": S(to).label}
        )


def _step(*, actor: User, referral: Referral, to: str, comment: str, recipients, message) -> Referral:
    """A step with nothing to check but the rule and the status: take it and tell `recipients(referral)`."""
    _require_step(actor, referral, to)
    referral = _transition(referral=referral, to=to, actor=actor, comment=comment)
    _tell(recipients=recipients(referral), message=message, referral=referral)
    return referral


@transaction.atomic
def referral_create(*, actor: User, tenant: Tenant, programme: Programme, reason: str, needs: str = "") -> Referral:
    require(actor, "referral.create", tenant)
    if not has_active_consent(tenant):
        raise ValidationError(_("Record the person's consent before referring them."))
    if not programmes_open_to(tenant).filter(pk=programme.pk).exists():
        raise ValidationError(
            {"programme": _("%(landlord)s does not take part in this programme.") % {"landlord": tenant.landlord}}
        )
    already_open = {"programme": _("This person already has an open referral to this programme.")}
    if tenant.referrals.filter(programme=programme, status__in=Referral.OPEN_STATUSES).exists():
        raise ValidationError(already_open)
    if tenant.enrolments.filter(programme=programme, status=Enrolment.Status.ACTIVE).exists():
        raise ValidationError({"programme": _("This person already takes part in this programme.")})
    with refused_on_conflict(already_open):
        referral = Referral.objects.create(
            tenant=tenant,
            programme=programme,
            landlord=tenant.landlord,
            referred_by=actor,
            reason=reason,
            needs=needs,
        )
    ReferralTransition.objects.create(referral=referral, from_status="", to_status=S.SENT, by=actor)
    _tell(
        recipients=coordinators_of([programme.pk]),
        message=gettext_lazy("%(landlord)s referred %(tenant)s to %(programme)s."),
        referral=referral,
    )
    return referral


@transaction.atomic
def referral_accept(*, actor: User, referral: Referral, comment: str = "") -> Referral:
    return _step(
        actor=actor,
        referral=referral,
        to=S.ACCEPTED,
        comment=comment,
        recipients=landlord_contacts,
        message=gettext_lazy("%(programme)s accepted the referral of %(tenant)s."),
    )


@transaction.atomic
def referral_decline(*, actor: User, referral: Referral, reason: str, comment: str = "") -> Referral:
    _require_step(actor, referral, S.DECLINED)
    if reason not in Referral.DeclineReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    if reason == Referral.DeclineReason.OTHER and not comment.strip():
        raise ValidationError({"comment": _("Say why in the comment when the reason is “Other”.")})
    referral = _transition(
        referral=referral,
        to=S.DECLINED,
        actor=actor,
        comment=comment,
        decline_reason=reason,
        decline_comment=comment,
    )
    _tell(
        recipients=landlord_contacts(referral),
        message=gettext_lazy("%(programme)s declined the referral of %(tenant)s: %(reason)s."),
        reason=Referral.DeclineReason(reason).label,
        referral=referral,
    )
    return referral


def entry_snapshot(tenant: Tenant, entered_on: date) -> dict:
    """The person's situation on entry, frozen on the enrolment for the yearly figures."""
    long_term = bool(
        tenant.situation == Tenant.Situation.UNEMPLOYED
        and tenant.unemployed_since
        and entered_on - tenant.unemployed_since >= LONG_TERM_UNEMPLOYMENT
    )
    return {
        "entry_age": tenant.age_on(entered_on),
        "entry_sex": tenant.sex,
        "entry_situation": tenant.situation,
        "entry_long_term_unemployed": long_term,
        "entry_education_level": tenant.education_level,
        "entry_disability": bool(tenant.disability_recognised),
        "entry_single_parent": tenant.household == Tenant.Household.SINGLE_PARENT,
        "entry_qpv_resident": tenant.is_qpv_resident,
        "entry_housing_exclusion": tenant.housing_exclusion,
        "entry_known_to_institutions": tenant.known_to_institutions,
    }


@transaction.atomic
def referral_enrol(*, actor: User, referral: Referral, entered_on: date) -> Enrolment:
    """Enrol the referred person: their pathway in the programme starts on `entered_on`."""
    _require_step(actor, referral, S.ENROLLED)
    tenant = referral.tenant
    if not has_active_consent(tenant):
        raise ValidationError(_("The person withdrew their consent: they cannot be enrolled."))
    if entered_on > timezone.localdate():
        raise ValidationError({"entered_on": _("The entry date cannot be in the future.")})
    if entered_on < referral.created_at.date() - timedelta(days=1):
        raise ValidationError({"entered_on": _("The entry date cannot be before the referral was sent.")})
    already_in = _("This person already takes part in this programme.")
    if tenant.enrolments.filter(programme=referral.programme, status=Enrolment.Status.ACTIVE).exists():
        raise ValidationError(already_in)
    referral = _transition(referral=referral, to=S.ENROLLED, actor=actor)
    with refused_on_conflict(already_in):
        enrolment = Enrolment.objects.create(
            tenant=tenant,
            programme=referral.programme,
            referral=referral,
            entered_on=entered_on,
            created_by=actor,
            **entry_snapshot(tenant, entered_on),
        )
    _tell(
        recipients=landlord_contacts(referral),
        message=gettext_lazy("%(tenant)s joined %(programme)s on %(date)s."),
        date=entered_on.strftime("%d/%m/%Y"),
        referral=referral,
    )
    return enrolment


@transaction.atomic
def referral_withdraw(*, actor: User, referral: Referral, comment: str = "") -> Referral:
    return _step(
        actor=actor,
        referral=referral,
        to=S.WITHDRAWN,
        comment=comment,
        recipients=lambda r: coordinators_of([r.programme_id]),
        message=gettext_lazy("%(landlord)s withdrew the referral of %(tenant)s."),
    )


def referral_close_for_withdrawn_consent(*, referral: Referral, actor: User) -> Referral:
    """Close an open referral because the person withdrew consent (called by consent_withdraw,
    which checked who may do that, inside its transaction)."""
    with translation.override(settings.LANGUAGE_CODE):
        comment = _("The person withdrew their consent.")
    referral = _transition(referral=referral, to=S.WITHDRAWN, actor=actor, comment=comment)
    _tell(
        recipients=coordinators_of([referral.programme_id]),
        message=gettext_lazy("%(tenant)s withdrew their consent: the referral to %(programme)s is closed."),
        referral=referral,
    )
    return referral


@transaction.atomic
def referrals_remind_unanswered(*, now=None) -> int:
    """Remind coordinators of referrals left unanswered for REFERRAL_REMINDER_DAYS days,
    and again every as many days after that. Returns how many referrals were reminded."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    due = list(
        Referral.objects.select_for_update()
        .filter(status=S.SENT, created_at__lte=since)
        .exclude(reminded_at__gt=since)
        .select_related("tenant", "programme", "landlord")
    )
    for referral in due:
        days = (now - referral.created_at).days
        _tell(
            recipients=coordinators_of([referral.programme_id]),
            message=gettext_lazy("The referral of %(tenant)s to %(programme)s has waited %(days)s days for an answer."),
            days=days,
            referral=referral,
        )
    Referral.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
    return len(due)
