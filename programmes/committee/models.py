"""Calls for projects, applications and the selection committee that judges them.

A call has a scoring grid; landlords and their partners answer it with applications (drafted
together, frozen once submitted); committee meetings put submitted applications on their
agenda, members declare conflicts, score and vote, and the admin records one decision per
application. Status changes are kept as transition rows (who, when, from, to).
"""

from itertools import chain

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.locking import Versioned
from partners.models import Neighbourhood, Organisation
from programmes.models import FundingLine, Programme, ProgrammePartner


class Call(Versioned):
    """A call for projects: who funds it, until when one may apply, and how answers are scored."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    funders = models.ManyToManyField(Organisation, related_name="calls_funded", blank=True, verbose_name=_("funders"))
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateTimeField(_("deadline for applications"))
    budget_envelope = models.DecimalField(_("budget envelope (€)"), max_digits=12, decimal_places=2)
    eligibility = models.TextField(_("eligibility"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(condition=models.Q(budget_envelope__gte=0), name="call_budget_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:call_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        now = timezone.now()
        return self.opens_on <= timezone.localdate(now) and now <= self.deadline


class Criterion(models.Model):
    """One line of a call's scoring grid."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call"))
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what the committee looks for"), blank=True)
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="unique_criterion_per_call"),
            models.CheckConstraint(condition=models.Q(max_score__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name


class Application(Versioned):
    """An answer to a call, written together by landlords and their partners."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SUPERSEDED = "superseded", _("Replaced by a later revision")
        WITHDRAWN = "withdrawn", pgettext_lazy("application", "Withdrawn")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call"))
    title = models.CharField(_("title"), max_length=200)
    lead_landlord = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications_led",
        limit_choices_to={"kind": Organisation.Kind.LANDLORD},
        verbose_name=_("lead landlord"),
    )
    co_landlords = models.ManyToManyField(
        Organisation,
        related_name="applications_joined",
        blank=True,
        limit_choices_to={"kind": Organisation.Kind.LANDLORD},
        verbose_name=_("co-applicant landlords"),
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="applications", blank=True, verbose_name=_("neighbourhoods")
    )
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    actions = models.TextField(_("actions"), blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), null=True, blank=True)
    target_participants = models.PositiveIntegerField(_("target participants"), null=True, blank=True)
    target_period = models.CharField(
        _("target period"),
        max_length=16,
        choices=Programme.TargetPeriod.choices,
        default=Programme.TargetPeriod.TOTAL,
    )
    total_budget = models.DecimalField(_("total budget (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revision",
        verbose_name=_("previous revision"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    programme = models.OneToOneField(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("programme"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "title", "revision"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "withdrawn"]) | models.Q(submitted_at__isnull=False),
                name="application_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(total_budget__isnull=True) | models.Q(total_budget__gte=0),
                name="application_budget_positive",
            ),
        ]

    def __str__(self):
        return self.title if self.revision == 1 else f"{self.title} (rev. {self.revision})"

    def get_absolute_url(self):
        return reverse("committee:application_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def duration_label(self):
        return _("%(n)s months") % {"n": self.duration_months} if self.duration_months else ""

    def organisation_ids(self) -> set[int]:
        """Every organisation that applies: the lead, co-applicant landlords and partners."""
        return self.organisation_ids_of([self])[self.pk]

    @classmethod
    def organisation_ids_of(cls, applications) -> dict[int, set[int]]:
        """`organisation_ids` of many applications, in two queries whatever their number."""
        found = {application.pk: {application.lead_landlord_id} for application in applications}
        co_landlords = cls.co_landlords.through.objects.filter(application__in=found)
        partners = ApplicationPartner.objects.filter(application__in=found)
        for application_id, organisation_id in chain(
            co_landlords.values_list("application_id", "organisation_id"),
            partners.values_list("application_id", "organisation_id"),
        ):
            found[application_id].add(organisation_id)
        return found


class ApplicationPartner(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="partner_links", verbose_name=_("application")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="application_partner_links",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=ProgrammePartner.Role.choices)

    class Meta:
        verbose_name = _("application partner")
        verbose_name_plural = _("application partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation", "role"], name="unique_application_partner_role"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class CoFinancingLine(models.Model):
    """A line of the application's budget: who pays how much, requested or already granted."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cofinancing_lines", verbose_name=_("application")
    )
    funder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cofinancing_lines", verbose_name=_("funder")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=16, choices=FundingLine.Status.choices, default=FundingLine.Status.REQUESTED
    )

    class Meta:
        verbose_name = _("co-financing line")
        verbose_name_plural = _("co-financing lines")
        ordering = ["year", "funder__name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="cofinancing_amount_positive"),
            models.UniqueConstraint(fields=["application", "funder", "year", "status"], name="unique_cofinancing_line"),
        ]

    def __str__(self):
        return f"{self.funder} {self.year}: {self.amount} €"


def attachment_path(instance, filename):
    return f"applications/{instance.application_id}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name


class StatusChange(models.Model):
    """One step of an object's life: who moved it from which status to which, and when."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status} ({self.by}, {self.at:%d/%m/%Y %H:%M})"


class ApplicationTransition(StatusChange):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("application")
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Application.Status.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("application status change")
        verbose_name_plural = _("application status changes")


class Meeting(Versioned):
    """A sitting of the selection committee."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", pgettext_lazy("meeting", "Open")
        CLOSED = "closed", pgettext_lazy("meeting", "Closed")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")

    # Members may read, declare, score and vote until the meeting closes.
    REVIEWING_STATUSES = (Status.PLANNED, Status.OPEN)
    ENDED_STATUSES = (Status.CLOSED, Status.MINUTES_APPROVED)

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("call"))
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), help_text=_("Votes needed on an application for the committee to decide on it.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="MeetingMember",
        related_name="committee_meetings",
        verbose_name=_("members"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    minutes = models.FileField(_("minutes"), upload_to="committee/minutes/", blank=True, max_length=300)
    minutes_built_at = models.DateTimeField(_("minutes built at"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quorum__gt=0), name="meeting_quorum_positive"),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "open"]) | models.Q(closed_at__isnull=False),
                name="closed_meeting_has_closing_time",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {timezone.localtime(self.starts_at):%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("committee:meeting_detail", kwargs={"pk": self.pk})

    @property
    def is_reviewing(self):
        return self.status in self.REVIEWING_STATUSES

    @property
    def is_ended(self):
        return self.status in self.ENDED_STATUSES


class MeetingMember(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meeting_memberships",
        verbose_name=_("member"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("represents")
    )

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="unique_meeting_member"),
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class MeetingTransition(StatusChange):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("meeting")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Meeting.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Meeting.Status.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("meeting status change")
        verbose_name_plural = _("meeting status changes")


class AgendaItem(models.Model):
    """An application on a meeting's agenda, with its audition slot."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting"))
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("application")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    audition_start = models.TimeField(_("audition from"), null=True, blank=True)
    audition_end = models.TimeField(_("audition until"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "audition_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "application"], name="unique_agenda_application"),
            models.CheckConstraint(
                condition=models.Q(audition_start__isnull=True)
                | models.Q(audition_end__isnull=True)
                | models.Q(audition_end__gt=models.F("audition_start")),
                name="audition_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.application}"

    def get_absolute_url(self):
        return reverse("committee:item_detail", kwargs={"pk": self.pk})


class ConflictDeclaration(models.Model):
    """A member's statement on one application, made before opening it."""

    class Kind(models.TextChoices):
        NONE = "none", _("No conflict of interest")
        DECLARED = "declared", _("Conflict declared by the member")
        AUTOMATIC = "automatic", _("Recused: their organisation applies or is a partner")

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("agenda item")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="conflict_declarations",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("declaration"), max_length=16, choices=Kind.choices)
    comment = models.TextField(_("comment"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict declaration")
        verbose_name_plural = _("conflict declarations")
        ordering = ["item", "member__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_declaration_per_member_and_item"),
        ]

    def __str__(self):
        return f"{self.member} — {self.item.application}: {self.get_kind_display()}"

    @property
    def is_recusal(self):
        return self.kind != self.Kind.NONE


class Score(models.Model):
    """A member's mark on one criterion; "not applicable" is left out of the mean."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="scores", verbose_name=_("agenda item"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_scores", verbose_name=_("member")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["item", "member", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(not_applicable=True, value__isnull=True)
                | models.Q(not_applicable=False, value__isnull=False),
                name="score_has_value_unless_not_applicable",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.criterion}: {'N/A' if self.not_applicable else self.value}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes", verbose_name=_("agenda item"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_votes", verbose_name=_("member")
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    comment = models.TextField(_("comment"), blank=True)
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["item", "member__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_member_and_item"),
        ]

    def __str__(self):
        return f"{self.member} — {self.item.application}: {self.get_choice_display()}"


class Review(Versioned):
    """A member's review of one application (their scores and vote): the row whose version
    refuses a save made from a stale page (partners/locking.py), so that a member's two tabs,
    or a double submit, never overwrite each other."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("agenda item")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_reviews", verbose_name=_("member")
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_review_per_member_and_item")]

    def __str__(self):
        return f"{self.member} — {self.item.application}"


class Decision(Versioned):
    class Outcome(models.TextChoices):
        LAUREATE = "laureate", _("Laureate")
        REJECTED = "rejected", _("Not retained")
        DEFERRED = "deferred", _("Deferred for more information")

    item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="decision", verbose_name=_("agenda item")
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    amount_granted = models.DecimalField(
        _("amount granted (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    decided_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["item"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="rejected") | ~models.Q(reason=""), name="rejection_has_reason"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_granted__isnull=True) | models.Q(outcome="laureate", amount_granted__gte=0),
                name="amount_only_for_laureates",
            ),
        ]

    def __str__(self):
        return f"{self.item.application}: {self.get_outcome_display()}"
