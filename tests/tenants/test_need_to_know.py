"""Need-to-know on the pages, forms, imports and exports: the association's notes and barrier levels
stay with those who run the programme; RQTH and the health barrier with the person's coordinators
and programme admins (docs/access.md)."""

import datetime

import pytest
from django.urls import reverse

from tenants.models import Tenant
from tenants.services.imports import tenants_import
from tests.factories import EnrolmentFactory, PathwayNoteFactory, PathwayStepFactory, barrier_assessment

pytestmark = pytest.mark.django_db

NOTE = "Confie des difficultés de garde et un suivi médical"
STEP_NOTE = "Absente deux fois, rendez-vous médicaux"


@pytest.fixture
def enrolment(referral, programme):
    enrolment = EnrolmentFactory(tenant=referral.tenant, programme=programme, referral=referral)
    PathwayStepFactory(enrolment=enrolment, title="Atelier couture", notes=STEP_NOTE)
    PathwayNoteFactory(enrolment=enrolment, text=NOTE)
    barrier_assessment(enrolment, "entry", datetime.date(2024, 2, 1), mobility=3, health=2)
    barrier_assessment(enrolment, "follow_up", datetime.date(2024, 6, 1), mobility=1, health=2)
    return enrolment


@pytest.fixture
def sensitive_tenant(referral):
    tenant = referral.tenant
    tenant.disability_recognised = True
    tenant.barriers = [Tenant.Barrier.MOBILITY, Tenant.Barrier.HEALTH]
    tenant.save()
    return tenant


def test_landlord_staff_follow_the_pathway_without_the_associations_notes_or_barrier_levels(
    client, landlord_staff, enrolment
):
    client.force_login(landlord_staff)
    page = client.get(enrolment.get_absolute_url()).text
    assert "Atelier couture" in page  # the steps and sessions are theirs to follow
    assert NOTE not in page and STEP_NOTE not in page
    assert 'data-testid="barrier-table"' not in page and 'data-testid="distance-travelled"' not in page
    assert "Évaluation des freins" not in page  # nor the assessments in the timeline


def test_the_coordinators_of_the_programme_read_the_notes_and_barrier_levels(client, coordinator, enrolment):
    client.force_login(coordinator)
    page = client.get(enrolment.get_absolute_url()).text
    assert NOTE in page and STEP_NOTE in page
    assert 'data-testid="barrier-table"' in page and 'data-testid="distance-travelled">+2<' in page


def test_the_participants_export_leaves_the_distance_travelled_out_for_landlord_staff(
    client, landlord_staff, coordinator, enrolment
):
    url = reverse("tenants:enrolment_list") + "?export=csv"
    client.force_login(landlord_staff)
    assert "Distance parcourue" not in client.get(url).content.decode("utf-8-sig").splitlines()[0]
    client.force_login(coordinator)
    header, row = client.get(url).content.decode("utf-8-sig").splitlines()[:2]
    assert "Distance parcourue" in header and row.split(";")[-1].lstrip("+") == "2"


def test_rqth_and_the_health_barrier_are_read_by_the_persons_coordinators(
    client, coordinator, programme_admin, sensitive_tenant
):
    for user in (coordinator, programme_admin):
        client.force_login(user)
        page = client.get(sensitive_tenant.get_absolute_url()).text
        assert 'data-testid="disability"' in page and "Santé" in page


def test_landlord_staff_do_not_read_back_rqth_or_the_health_barrier(client, landlord_staff, sensitive_tenant):
    client.force_login(landlord_staff)
    page = client.get(sensitive_tenant.get_absolute_url()).text
    assert "Mobilité" in page
    assert 'data-testid="disability"' not in page and "Santé" not in page
    form = client.get(reverse("tenants:tenant_edit", args=[sensitive_tenant.pk])).text
    assert 'name="disability_recognised"' not in form and 'value="health"' not in form


def test_an_edit_by_landlord_staff_leaves_what_they_cannot_read_as_it_is(client, landlord_staff, sensitive_tenant):
    client.force_login(landlord_staff)
    response = client.post(
        reverse("tenants:tenant_edit", args=[sensitive_tenant.pk]),
        {
            "last_name": sensitive_tenant.last_name,
            "first_name": sensitive_tenant.first_name,
            "birth_date": sensitive_tenant.birth_date.isoformat(),
            "lease_reference": sensitive_tenant.lease_reference,
            "version": sensitive_tenant.version,
            "barriers": ["language"],  # mobility unticked; health was never shown
            "disability_recognised": "false",  # a hand-made field the form does not have
        },
    )
    assert response.status_code == 302
    sensitive_tenant.refresh_from_db()
    assert sensitive_tenant.barriers == ["language", "health"]
    assert sensitive_tenant.disability_recognised is True


def test_landlord_staff_record_rqth_when_they_create_the_record(client, landlord_staff, landlord):
    client.force_login(landlord_staff)
    form = client.get(reverse("tenants:tenant_create")).text
    assert 'name="disability_recognised"' in form and 'value="health"' in form


def test_an_import_by_landlord_staff_updates_a_record_but_not_its_art_9_data(landlord_staff, landlord, neighbourhood):
    header = "reference_bail;NOM;Prénom;Date de naissance;RQTH;Freins;telephone"
    first = "VH-1;Lefèvre;Jérôme;03/11/1979;oui;mobilité, santé;"
    again = "VH-1;Lefèvre;Jérôme;03/11/1979;non;langue;06 12 34 56 78"
    for row in (first, again):
        content = f"{header}\r\n{row}".encode()
        report = tenants_import(
            actor=landlord_staff, landlord=landlord, file_name="l.csv", content=content, commit=True
        )
        assert report.saved
    jerome = Tenant.objects.get(lease_reference="VH-1")
    assert jerome.phone == "06 12 34 56 78" and jerome.barriers == ["language", "health"]
    assert jerome.disability_recognised is True
    assert not any("RQTH" in change for change in report.rows[0].changed)
