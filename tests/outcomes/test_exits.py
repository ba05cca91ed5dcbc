"""Coordinators record exits and follow-ups; the rules hold in the service and the database."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from outcomes.models import Exit, FollowUp, FunderOutcomeSettings
from outcomes.services import exits as services
from partners.models import Membership
from tenants.models import Enrolment
from tests.factories import EnrolmentFactory, OrganisationFactory, member, programme_run_by
from tests.outcomes.factories import ExitFactory

pytestmark = pytest.mark.django_db
D = datetime.date
S = Exit.Situation


@pytest.fixture
def enrolment(programme):
    return EnrolmentFactory(programme=programme, entered_on=D(2024, 2, 1))


@pytest.fixture
def other_coordinator(db):
    other = OrganisationFactory(name="Autre Association")
    programme_run_by(other)
    return member(Membership.Role.COORDINATOR, other, email="paul@autre.fr")


def exit_data(**overrides):
    return {
        "exit_date": "2024-06-30",
        "situation": S.CDI,
        "contract_months": "",
        "qualification": "",
        "version": 0,
        **overrides,
    }


def test_the_coordinator_records_an_exit_and_the_pathway_closes(client, coordinator, enrolment):
    client.force_login(coordinator)
    response = client.post(
        reverse("outcomes:exit_record", args=[enrolment.pk]),
        exit_data(
            situation=S.CDD_LONG,
            contract_months=8,
            qualification_gained="on",
            qualification="CAP couture",
            agrees_to_contact="on",
        ),
    )
    assert response.status_code == 302
    exit = Exit.objects.get(enrolment=enrolment)
    assert (exit.situation, exit.contract_months, exit.qualification, exit.agrees_to_contact) == (
        S.CDD_LONG,
        8,
        "CAP couture",
        True,
    )
    assert exit.entered_on == enrolment.entered_on and exit.recorded_by == coordinator
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.EXITED


def test_an_exit_before_the_entry_is_refused_with_a_message(client, coordinator, enrolment):
    client.force_login(coordinator)
    response = client.post(reverse("outcomes:exit_record", args=[enrolment.pk]), exit_data(exit_date="2024-01-15"))
    assert response.status_code == 200
    assert response.context["form"].errors["exit_date"] == [
        "La date de sortie ne peut pas précéder la date d'entrée (01/02/2024)."
    ]
    assert not Exit.objects.exists()


def test_fixed_term_work_needs_its_length(client, coordinator, enrolment):
    client.force_login(coordinator)
    response = client.post(reverse("outcomes:exit_record", args=[enrolment.pk]), exit_data(situation=S.CDD_SHORT))
    assert response.status_code == 200
    assert response.context["form"].errors["contract_months"]
    assert not Exit.objects.exists()


def test_the_database_refuses_a_second_exit_and_an_exit_before_entry(enrolment, coordinator):
    ExitFactory(enrolment=enrolment, exit_date=D(2024, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ExitFactory(enrolment=enrolment, exit_date=D(2024, 6, 1))
    other = EnrolmentFactory(programme=enrolment.programme, entered_on=D(2024, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ExitFactory(enrolment=other, exit_date=D(2024, 1, 1))


def test_the_service_refuses_a_second_exit(enrolment, coordinator):
    services.exit_record(enrolment=enrolment, actor=coordinator, exit_date=D(2024, 5, 1), situation=S.CDI)
    with pytest.raises(ValidationError):
        services.exit_record(enrolment=enrolment, actor=coordinator, exit_date=D(2024, 6, 1), situation=S.CDI)


def test_a_stale_edit_is_refused_instead_of_overwriting(client, coordinator, enrolment):
    exit = services.exit_record(enrolment=enrolment, actor=coordinator, exit_date=D(2024, 5, 1), situation=S.CDI)
    services.exit_update(exit=exit, actor=coordinator, version=0, exit_date=D(2024, 5, 2), situation=S.CDI)
    client.force_login(coordinator)
    response = client.post(
        reverse("outcomes:exit_record", args=[enrolment.pk]), exit_data(situation=S.JOB_SEARCH, version=0)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    exit.refresh_from_db()
    assert (exit.situation, exit.exit_date) == (S.CDI, D(2024, 5, 2))


def test_the_follow_up_is_recorded_and_corrected(client, coordinator, enrolment):
    exit = services.exit_record(enrolment=enrolment, actor=coordinator, exit_date=D(2024, 5, 1), situation=S.CDI)
    client.force_login(coordinator)
    url = reverse("outcomes:follow_up_record", args=[exit.pk])
    assert (
        client.post(
            url, {"contacted_on": "2024-11-02", "result": "employed", "improved": "yes", "version": 0}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url, {"contacted_on": "2024-11-05", "result": "no_answer", "improved": "yes", "version": 0}
        ).status_code
        == 302
    )
    follow_up = FollowUp.objects.get(exit=exit)
    assert (follow_up.result, follow_up.improved, follow_up.version) == ("no_answer", None, 1)
    response = client.post(url, {"contacted_on": "2024-04-01", "result": "employed", "version": 1})
    assert response.context["form"].errors["contacted_on"]


def test_another_association_gets_404_and_a_funder_403(client, other_coordinator, funder, enrolment):
    client.force_login(other_coordinator)
    assert client.get(reverse("outcomes:exit_record", args=[enrolment.pk])).status_code == 404
    assert enrolment.programme.name not in client.get(reverse("outcomes:exit_list")).content.decode()
    client.force_login(funder)
    assert client.get(reverse("outcomes:exit_list")).status_code == 403
    assert client.get(reverse("outcomes:exit_record", args=[enrolment.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.exit_record(enrolment=enrolment, actor=funder, exit_date=D(2024, 5, 1), situation=S.CDI)


def test_the_follow_up_page_is_the_coordinators_alone_and_shows_what_was_recorded(
    client, coordinator, other_coordinator, funder, enrolment
):
    exit = services.exit_record(enrolment=enrolment, actor=coordinator, exit_date=D(2024, 5, 1), situation=S.CDI)
    services.follow_up_record(
        exit=exit, actor=coordinator, contacted_on=D(2024, 11, 2), result="employed", improved=True, version=0
    )
    url = reverse("outcomes:follow_up_record", args=[exit.pk])
    for outsider in (other_coordinator, funder, member(Membership.Role.LANDLORD_STAFF, enrolment.tenant.landlord)):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
    client.force_login(coordinator)
    form = client.get(url).context["form"]
    assert (form.initial["result"], form["version"].value()) == ("employed", FollowUp.objects.get().version)
    exit_form = client.get(reverse("outcomes:exit_record", args=[enrolment.pk])).context["form"]
    assert exit_form.initial["situation"] == S.CDI


def test_the_exit_list_shows_the_coordinators_participants(client, coordinator, enrolment):
    client.force_login(coordinator)
    page = client.get(reverse("outcomes:exit_list")).content.decode()
    assert enrolment.tenant.last_name in page


@pytest.mark.parametrize("rows", [5, 50])
def test_the_exit_list_query_count_is_flat(client, coordinator, programme, rows, django_assert_max_num_queries):
    for enrolment in EnrolmentFactory.create_batch(rows, programme=programme):
        ExitFactory(enrolment=enrolment)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("outcomes:exit_list")).status_code == 200


def test_a_funder_sets_how_it_reads_exits(client, funder):
    organisation = funder.memberships.get().organisation
    client.force_login(funder)
    url = reverse("outcomes:funder_settings", args=[organisation.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"positive_situations": [S.QUALIFYING_TRAINING], "durable_months": 12})
    assert response.status_code == 302
    settings = FunderOutcomeSettings.objects.get(funder=organisation)
    assert (settings.positive_situations, settings.durable_months) == ([S.QUALIFYING_TRAINING], 12)


def test_a_funder_cannot_change_another_funders_reading(client, funder, funder_org, coordinator):
    client.force_login(funder)
    assert client.get(reverse("outcomes:funder_settings", args=[funder_org.slug])).status_code == 404
    # The service refuses too, whoever calls it: neither another funder's staff nor a coordinator.
    for actor in (funder, coordinator):
        with pytest.raises(PermissionDenied):
            services.funder_settings_update(
                funder=funder_org, actor=actor, positive_situations=[S.CDI], durable_months=3
            )
    assert not FunderOutcomeSettings.objects.filter(funder=funder_org).exists()


def test_correcting_an_exit_or_a_follow_up_is_in_the_audit_trail(coordinator, enrolment):
    from auditlog.context import set_actor
    from auditlog.models import LogEntry

    exit = services.exit_record(enrolment=enrolment, actor=coordinator, exit_date=D(2024, 5, 1), situation=S.CDI)
    with set_actor(coordinator):
        services.exit_update(exit=exit, actor=coordinator, version=0, exit_date=D(2024, 5, 1), situation=S.JOB_SEARCH)
        services.follow_up_record(
            exit=exit, actor=coordinator, contacted_on=D(2024, 11, 2), result="employed", improved=True
        )
        follow_up = services.follow_up_record(
            exit=exit, actor=coordinator, contacted_on=D(2024, 11, 2), result="no_answer", improved=None, version=0
        )
    exit_change = LogEntry.objects.get_for_object(exit).get(action=LogEntry.Action.UPDATE)
    assert exit_change.actor == coordinator and exit_change.changes_dict["situation"] == [S.CDI, S.JOB_SEARCH]
    follow_up_change = LogEntry.objects.get_for_object(follow_up).get(action=LogEntry.Action.UPDATE)
    assert follow_up_change.changes_dict["result"] == ["employed", "no_answer"]


def test_a_follow_up_recorded_while_the_page_was_open_is_not_overwritten(client, coordinator, association, enrolment):
    exit = services.exit_record(enrolment=enrolment, actor=coordinator, exit_date=D(2024, 5, 1), situation=S.CDI)
    colleague = member(Membership.Role.COORDINATOR, association, email="lea@mille-sourires.fr")
    client.force_login(coordinator)
    url = reverse("outcomes:follow_up_record", args=[exit.pk])
    version = client.get(url).context["form"]["version"].value()  # the page shows no follow-up yet
    services.follow_up_record(
        exit=exit, actor=colleague, contacted_on=D(2024, 11, 2), result="employed", improved=True, version=None
    )
    response = client.post(
        url, {"contacted_on": "2024-11-05", "result": "no_answer", "version": "" if version is None else version}
    )
    assert response.status_code == 200
    assert str(colleague) in " ".join(response.context["form"].non_field_errors())
    follow_up = FollowUp.objects.get(exit=exit)
    assert (follow_up.result, follow_up.contacted_on, follow_up.saved_by) == ("employed", D(2024, 11, 2), colleague)
