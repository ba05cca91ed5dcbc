"""The access policy as a table: every declared action, row scope and field group, for every role,
on the records of the user's own organisation's programme and on another's.

A rule declared without a line here fails `test_every_declared_rule_has_its_line`, so no rule goes
untested; each line must name somebody who may and somebody who may not.
"""

import pytest
from django.utils import timezone

from outcomes.models import Exit, Report
from partners import policy
from partners.models import Membership, Organisation
from programmes.committee.models import AgendaItem, Application, ApplicationPartner, Decision, Meeting, Vote
from programmes.models import Activity, FundingLine, Programme, ProgrammePartner, Session
from tenants.models import Enrolment, Referral, Tenant
from tests.committee.fixtures import (
    ApplicationFactory,
    CallFactory,
    MeetingFactory,
    SubmittedApplicationFactory,
    declare_none,
    put_on_agenda,
    seat,
)
from tests.factories import (
    EnrolmentFactory,
    FunderFactory,
    LandlordFactory,
    OrganisationFactory,
    ReferralFactory,
    SessionFactory,
    TenantFactory,
    UserFactory,
    member,
    programme_run_by,
)
from tests.outcomes.factories import ExitFactory

R = Membership.Role
ADMIN, LANDLORD, COORDINATOR, FUNDER, COMMITTEE, NOBODY = (
    "admin",
    "landlord_staff",
    "coordinator",
    "funder",
    "committee_member",
    "no_role",
)
SUBJECTS = (ADMIN, LANDLORD, COORDINATOR, FUNDER, COMMITTEE, NOBODY)
SIDES = ("own", "other")


class World:
    """Two programmes side by side: the subjects' own (landlord A, association A, funded by F)
    and another (landlord B, association B), each with a tenant referred and enrolled, a session,
    an exit and a report."""

    def __init__(self):
        self.landlord = {"own": LandlordFactory(), "other": LandlordFactory()}
        association = {"own": OrganisationFactory(), "other": OrganisationFactory()}
        self.funder = {"own": FunderFactory(), "other": FunderFactory()}
        self.programme = {side: programme_run_by(association[side], self.landlord[side]) for side in SIDES}
        for side in SIDES:
            FundingLine.objects.create(
                programme=self.programme[side], funder=self.funder[side], year=2024, amount=10000
            )
        self.tenant = {
            side: TenantFactory(landlord=self.landlord[side], barriers=["mobility", Tenant.Barrier.HEALTH])
            for side in SIDES
        }
        self.referral = {
            side: ReferralFactory(tenant=self.tenant[side], programme=self.programme[side]) for side in SIDES
        }
        self.enrolment = {
            side: EnrolmentFactory(tenant=self.tenant[side], programme=self.programme[side]) for side in SIDES
        }
        self.session = {side: SessionFactory(activity__programme=self.programme[side]) for side in SIDES}
        self.exit = {side: ExitFactory(enrolment=self.enrolment[side]) for side in SIDES}
        self.report = {side: Report.objects.create(programme=self.programme[side], year=2024) for side in SIDES}
        # A funder-wide report is its funder's staff's alone.
        self.funder_report = {side: Report.objects.create(funder=self.funder[side], year=2024) for side in SIDES}
        self.users = {
            ADMIN: member(R.PROGRAMME_ADMIN),
            LANDLORD: member(R.LANDLORD_STAFF, self.landlord["own"]),
            COORDINATOR: member(R.COORDINATOR, association["own"]),
            FUNDER: member(R.FUNDER, self.funder["own"]),
            COMMITTEE: member(R.COMMITTEE_MEMBER),
            NOBODY: UserFactory(),
        }
        self._committee(association)

    def _committee(self, association):
        """Each side's organisations apply: a submitted application on the agenda of the meeting
        the committee member sits on (still reviewing), a draft, one that may still be revised, and
        a laureate of a closed meeting nobody of ours sat on."""
        call = CallFactory()

        def applying(factory, side, **fields):
            application = factory(call=call, lead_landlord=self.landlord[side], **fields)
            ApplicationPartner.objects.create(
                application=application, organisation=association[side], role=ProgrammePartner.Role.COORDINATOR
            )
            return application

        self.application = {side: applying(SubmittedApplicationFactory, side) for side in SIDES}
        self.draft = {side: applying(ApplicationFactory, side) for side in SIDES}
        self.revisable = {side: applying(SubmittedApplicationFactory, side) for side in SIDES}
        self.laureate = {side: applying(SubmittedApplicationFactory, side) for side in SIDES}
        reviewing = MeetingFactory(call=call, status=Meeting.Status.OPEN)
        closed = MeetingFactory(call=call, status=Meeting.Status.CLOSED, closed_at=timezone.now())
        seat(reviewing, self.users[COMMITTEE])
        self.meeting = {"own": reviewing, "other": closed}
        for side in SIDES:
            put_on_agenda(reviewing, self.application[side])
            decided = put_on_agenda(closed, self.laureate[side])
            Decision.objects.create(item=decided, outcome=Decision.Outcome.LAUREATE, decided_by=self.users[ADMIN])
        self.item = {
            "own": reviewing.items.get(application=self.application["own"]),
            "other": closed.items.get(application=self.laureate["other"]),
        }
        declare_none(self.item["own"], self.users[COMMITTEE])


@pytest.fixture
def world(db):
    return World()


def _obj(attribute):
    return lambda world, side: getattr(world, attribute)[side]


def _none(world, side):
    return None


# action -> (the object on each side, or none; who may on the own side; who may on the other side)
EVERYONE_KNOWN = {ADMIN, LANDLORD, COORDINATOR}
RULES = {
    "tenant.list": (_none, EVERYONE_KNOWN, EVERYONE_KNOWN),
    "tenant.view": (_obj("tenant"), EVERYONE_KNOWN, {ADMIN}),
    "tenant.follow": (_obj("tenant"), {COORDINATOR}, set()),
    "tenant.create": (_obj("landlord"), {LANDLORD}, set()),
    "tenant.import": (_obj("landlord"), {LANDLORD}, set()),
    "tenant.edit": (_obj("tenant"), {LANDLORD}, set()),
    "consent.record": (_obj("tenant"), {LANDLORD}, set()),
    "consent.withdraw": (_obj("tenant"), {LANDLORD, COORDINATOR}, set()),
    "referral.create": (_obj("tenant"), {LANDLORD}, set()),
    "referral.view": (_obj("referral"), EVERYONE_KNOWN, {ADMIN}),
    "referral.decide": (_obj("referral"), {COORDINATOR}, set()),
    "referral.withdraw": (_obj("referral"), {LANDLORD}, set()),
    "enrolment.list": (_none, EVERYONE_KNOWN, EVERYONE_KNOWN),
    "enrolment.view": (_obj("enrolment"), EVERYONE_KNOWN, {ADMIN}),
    "enrolment.edit": (_obj("enrolment"), {ADMIN, COORDINATOR}, {ADMIN}),
    "attendance.record": (_obj("session"), {ADMIN, COORDINATOR}, {ADMIN}),
    "programme.view": (_obj("programme"), EVERYONE_KNOWN | {FUNDER}, {ADMIN}),
    "programme.run": (_obj("programme"), {ADMIN, COORDINATOR}, {ADMIN}),
    "programme.coordinate": (_obj("programme"), {COORDINATOR}, set()),
    "programme.fund": (_obj("programme"), {ADMIN, FUNDER}, {ADMIN}),
    "programme.count_exactly": (_obj("programme"), EVERYONE_KNOWN, {ADMIN}),
    "programme.report": (_obj("programme"), {ADMIN, COORDINATOR, FUNDER}, {ADMIN}),
    "activity.view": (lambda w, side: w.session[side].activity, EVERYONE_KNOWN | {FUNDER}, {ADMIN}),
    "session.view": (_obj("session"), EVERYONE_KNOWN | {FUNDER}, {ADMIN}),
    "session.run": (_obj("session"), {ADMIN, COORDINATOR}, {ADMIN}),
    "organisation.view": (_obj("landlord"), {ADMIN, LANDLORD}, {ADMIN}),
    "organisation.speak_for_funder": (_obj("funder"), {ADMIN, FUNDER}, {ADMIN}),
    "second_factor.reset": (_none, {ADMIN}, {ADMIN}),
    "exit.list": (_none, {ADMIN, COORDINATOR}, {ADMIN, COORDINATOR}),
    "exit.view": (_obj("exit"), {ADMIN, COORDINATOR}, {ADMIN}),
    "report.list": (_none, {ADMIN, COORDINATOR, FUNDER}, {ADMIN, COORDINATOR, FUNDER}),
    "report.view": (_obj("report"), {ADMIN, COORDINATOR, FUNDER}, {ADMIN}),
    "committee.manage": (_none, {ADMIN}, {ADMIN}),
    "application.create": (_none, EVERYONE_KNOWN, EVERYONE_KNOWN),
    # A committee member reads the applications on the agenda of their meetings.
    "application.view": (_obj("application"), EVERYONE_KNOWN | {COMMITTEE}, {ADMIN, COMMITTEE}),
    "application.take_part": (_obj("application"), {LANDLORD, COORDINATOR}, set()),
    "application.edit": (_obj("draft"), EVERYONE_KNOWN, {ADMIN}),
    "application.withdraw": (_obj("draft"), EVERYONE_KNOWN, {ADMIN}),
    "application.revise": (_obj("revisable"), EVERYONE_KNOWN, {ADMIN}),
    "application.convert": (_obj("laureate"), {ADMIN}, {ADMIN}),
    "meeting.view": (_obj("meeting"), {ADMIN, COMMITTEE}, {ADMIN}),
    "agendaitem.view": (_obj("item"), {ADMIN, COMMITTEE}, {ADMIN}),
    "item.declare": (_obj("item"), {COMMITTEE}, set()),
    "item.review": (_obj("item"), {COMMITTEE}, set()),
}

MODELS = {
    "tenant": Tenant,
    "referral": Referral,
    "enrolment": Enrolment,
    "programme": Programme,
    "activity": Activity,
    "session": Session,
    "organisation": Organisation,
    "exit": Exit,
    "report": Report,
    "application": Application,
    "meeting": Meeting,
    "agendaitem": AgendaItem,
}


def test_every_declared_rule_has_its_line():
    assert set(policy.actions()) == set(RULES)


@pytest.mark.parametrize("action", sorted(RULES))
def test_each_line_names_who_may_and_who_may_not(action):
    _, own, other = RULES[action]
    assert own or other, f"nobody may {action}"
    assert own != set(SUBJECTS) or other != set(SUBJECTS), f"everybody may {action}"


@pytest.mark.parametrize("action", sorted(RULES))
def test_the_rule_holds_for_every_role_on_own_and_other_records(world, action):
    target, *allowed = RULES[action]
    answers = {
        (side, who): policy.may(world.users[who], action, target(world, side)) for side in SIDES for who in SUBJECTS
    }
    expected = {(side, who): who in allowed[SIDES.index(side)] for side in SIDES for who in SUBJECTS}
    assert answers == expected


@pytest.mark.parametrize("action", sorted(a for a, (target, *_) in RULES.items() if a in policy.row_actions()))
def test_rows_of_a_list_are_the_objects_the_rule_allows(world, action):
    """scope() and the object rule are one declaration: a list shows what the page would allow."""
    target, own, other = RULES[action]
    model_name, verb = action.split(".")
    model = MODELS[model_name]
    candidates = {target(world, side).pk: side for side in SIDES}
    for who in SUBJECTS:
        seen = set(policy.scope(world.users[who], model, verb).filter(pk__in=candidates).values_list("pk", flat=True))
        expected = {pk for pk, side in candidates.items() if who in (own if side == "own" else other)}
        assert seen == expected, who


def test_a_funder_wide_report_is_its_funders_alone(world):
    report = world.funder_report["own"]
    allowed = {who for who in SUBJECTS if policy.may(world.users[who], "report.view", report)}
    assert allowed == {ADMIN, FUNDER}


@pytest.mark.parametrize("action", sorted(RULES))
def test_no_person_may_do_anything(world, action):
    target, *_ = RULES[action]
    assert not any(policy.may(None, action, target(world, side)) for side in SIDES)


def test_an_unknown_action_is_an_error_not_a_refusal(world):
    with pytest.raises(Exception, match="No access rule"):
        policy.may(world.users[ADMIN], "tenant.delete_everything")


# --- Fields -----------------------------------------------------------------------------------
# (model, field) -> (the object on each side; who reads it on the own side; on the other side;
# who may read it on some row: the column or form field exists for them)
FIELDS = {
    (Tenant, "lease_reference"): (_obj("tenant"), {ADMIN, LANDLORD}, {ADMIN}, {ADMIN, LANDLORD}),
    (Tenant, "address"): (_obj("tenant"), {ADMIN, LANDLORD}, {ADMIN}, {ADMIN, LANDLORD}),
    (Tenant, "postcode"): (_obj("tenant"), {ADMIN, LANDLORD}, {ADMIN}, {ADMIN, LANDLORD}),
    (Tenant, "city"): (_obj("tenant"), {ADMIN, LANDLORD}, {ADMIN}, {ADMIN, LANDLORD}),
    (Tenant, "created_by"): (_obj("tenant"), {ADMIN, LANDLORD}, {ADMIN}, {ADMIN, LANDLORD}),
    (Tenant, "disability_recognised"): (_obj("tenant"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Tenant, "barriers.health"): (_obj("tenant"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Enrolment, "notes"): (_obj("enrolment"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Enrolment, "steps__notes"): (_obj("enrolment"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Enrolment, "barrier_assessments__notes"): (_obj("enrolment"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Enrolment, "barrier_assessments"): (_obj("enrolment"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Enrolment, "distance_travelled"): (_obj("enrolment"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Enrolment, "entry_disability"): (_obj("enrolment"), {ADMIN, COORDINATOR}, {ADMIN}, {ADMIN, COORDINATOR}),
    (Application, "decisions.pending"): (_obj("application"), {ADMIN}, {ADMIN}, {ADMIN}),
    (Application, "decisions.history"): (_obj("application"), {ADMIN}, {ADMIN}, {ADMIN}),
    # Members read the others' reviews once they voted and the meeting ended (see below).
    (AgendaItem, "reviews"): (_obj("item"), {ADMIN}, {ADMIN}, {ADMIN, COMMITTEE}),
    (AgendaItem, "result"): (_obj("item"), {ADMIN}, {ADMIN}, {ADMIN, COMMITTEE}),
}
# Fields every one who sees the row reads (a sample): the policy must not hide them.
OPEN_FIELDS = [(Tenant, "last_name"), (Tenant, "phone"), (Tenant, "barriers.mobility"), (Enrolment, "entered_on")]


def test_every_declared_field_has_its_line():
    declared = {(group.model, name) for group in policy.all_field_groups() for name in group.fields}
    assert declared == set(FIELDS)


@pytest.mark.parametrize("key", sorted(FIELDS, key=lambda key: (key[0].__name__, key[1])))
def test_the_field_rule_holds_for_every_role_on_own_and_other_records(world, key):
    model, name = key
    target, own, other, holders = FIELDS[key]
    answers = {
        (side, who): policy.may_read_field(world.users[who], model, name, target(world, side))
        for side in SIDES
        for who in SUBJECTS
    }
    expected = {(side, who): who in (own if side == "own" else other) for side in SIDES for who in SUBJECTS}
    assert answers == expected
    assert {who for who in SUBJECTS if policy.may_read_field(world.users[who], model, name)} == holders
    for side in SIDES:
        for who in SUBJECTS:
            visible = policy.fields_visible(world.users[who], target(world, side))
            assert (name in visible) == expected[(side, who)]


def test_the_readers_of_a_field_on_a_row_all_hold_it(world):
    """`holders` decides whether a column exists at all: it must include every reader."""
    for group in policy.all_field_groups():
        for who in SUBJECTS:
            user = world.users[who]
            if any(group.readers.test(user, obj) for obj in group.model.objects.all()):
                assert group.holders.test(user), (group.model.__name__, group.name, who)


@pytest.mark.parametrize("key", OPEN_FIELDS, ids=lambda key: f"{key[0].__name__}.{key[1]}")
def test_fields_outside_every_group_are_read_by_whoever_sees_the_row(world, key):
    model, name = key
    for who in EVERYONE_KNOWN:
        assert policy.may_read_field(world.users[who], model, name)


def test_art_9_data_is_marked_special_category():
    special = {(g.model, name) for g in policy.all_field_groups() if g.special_category for name in g.fields}
    assert special == {
        (Tenant, "disability_recognised"),
        (Tenant, "barriers.health"),
        (Enrolment, "entry_disability"),
    }


def test_the_health_barrier_is_the_only_named_barrier_held_back(world):
    landlord_staff, tenant = world.users[LANDLORD], world.tenant["own"]
    assert policy.readable_values(landlord_staff, tenant, "barriers", tenant.barriers) == ["mobility"]
    coordinator = world.users[COORDINATOR]
    assert policy.readable_values(coordinator, tenant, "barriers", tenant.barriers) == tenant.barriers


def test_a_programme_scope_is_read_once_per_request(world, django_assert_num_queries):
    coordinator = world.users[COORDINATOR]
    policy.forget(coordinator)
    enrolments = list(Enrolment.objects.all())
    with django_assert_num_queries(2):  # the memberships, then the programmes run
        for enrolment in enrolments:
            policy.fields_visible(coordinator, enrolment)


def test_a_member_reads_the_others_reviews_once_they_voted_and_the_meeting_ended(world):
    member, item = world.users[COMMITTEE], world.item["other"]  # on the closed meeting
    assert not policy.may_read_field(member, AgendaItem, "reviews", item)  # not sitting, not voted
    seat(item.meeting, member)
    declare_none(item, member)
    assert not policy.may_read_field(member, AgendaItem, "reviews", item)  # sitting, not voted
    Vote.objects.create(item=item, member=member, choice=Vote.Choice.FOR)
    assert policy.may_read_field(member, AgendaItem, "reviews", item)
    item.meeting.status = Meeting.Status.OPEN
    item.meeting.save()
    assert not policy.may_read_field(member, AgendaItem, "reviews", item)  # voted, still deliberating
