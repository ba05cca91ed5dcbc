"""A laureate becomes a programme in one click, carrying everything the application held."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.committee import services
from programmes.committee.models import ApplicationPartner, CoFinancingLine, Decision
from programmes.models import FundingLine, Programme, ProgrammePartner
from tests.committee.fixtures import declare_none
from tests.factories import FunderFactory, LandlordFactory, NeighbourhoodFactory, OrganisationFactory


@pytest.fixture
def laureate(call, item, members, programme_admin, landlord, association):
    application = item.application
    application.co_landlords.set([LandlordFactory(name="Logis du Gâtinais")])
    application.neighbourhoods.set([NeighbourhoodFactory(name="La Chaussée"), NeighbourhoodFactory(name="Centre")])
    ApplicationPartner.objects.create(
        application=application,
        organisation=OrganisationFactory(name="France Shirt"),
        role=ProgrammePartner.Role.EMPLOYER,
    )
    dreets, departement = FunderFactory(name="DREETS"), FunderFactory(name="Département")
    call.funders.set([dreets])
    CoFinancingLine.objects.create(
        application=application, funder=departement, year=2027, amount=15000, status="requested"
    )
    CoFinancingLine.objects.create(application=application, funder=landlord, year=2027, amount=8000, status="granted")
    type(application).objects.filter(pk=application.pk).update(
        planned_start=datetime.date(2027, 1, 1),
        duration_months=24,
        target_participants=8,
        target_period="per_year",
        summary="Couture et emploi",
    )
    heavy, light = call.criteria.order_by("position")
    for user in members:
        declare_none(item, user)
        services.review_save(actor=user, item=item, scores={heavy.pk: 8, light.pk: 4}, vote="for")
    services.meeting_open(actor=programme_admin, meeting=item.meeting)
    services.decision_record(
        actor=programme_admin,
        item=item,
        outcome=Decision.Outcome.LAUREATE,
        amount_granted=Decimal("60000"),
        reason="Partenariat solide",
    )
    services.meeting_close(actor=programme_admin, meeting=item.meeting)
    application.refresh_from_db()
    return application


def test_converting_a_laureate_carries_everything_over(client, laureate, programme_admin, landlord, association):
    client.force_login(programme_admin)
    response = client.post(reverse("committee:application_convert", args=[laureate.pk]))
    programme = Programme.objects.get(name=laureate.title)
    laureate.refresh_from_db()
    assert laureate.programme == programme
    assert response.status_code == 302
    assert (programme.summary, programme.start_date, programme.end_date) == (
        "Couture et emploi",
        datetime.date(2027, 1, 1),
        datetime.date(2028, 12, 31),
    )
    assert (programme.target_participants, programme.target_period) == (8, "per_year")
    assert {(link.landlord.name, link.is_lead) for link in programme.landlord_links.all()} == {
        (landlord.name, True),
        ("Logis du Gâtinais", False),
    }
    assert {(p.organisation.name, p.role) for p in programme.partner_links.all()} == {
        (association.name, "coordinator"),
        ("France Shirt", "employer"),
    }
    assert {n.name for n in programme.neighbourhoods.all()} == {"La Chaussée", "Centre"}
    lines = {(line.funder.name, line.year, line.status, line.amount) for line in programme.funding_lines.all()}
    assert lines == {
        ("Département", 2027, FundingLine.Status.REQUESTED, Decimal("15000")),
        (landlord.name, 2027, FundingLine.Status.GRANTED, Decimal("8000")),
        ("DREETS", 2027, FundingLine.Status.GRANTED, Decimal("60000")),  # the amount the committee granted
    }


def test_a_laureate_is_converted_once(client, laureate, programme_admin):
    client.force_login(programme_admin)
    url = reverse("committee:application_convert", args=[laureate.pk])
    client.post(url)
    assert client.post(url).status_code == 403
    assert Programme.objects.filter(name=laureate.title).count() == 1


def test_only_an_admin_converts_and_only_a_laureate(client, item, laureate, landlord_staff, programme_admin):
    client.force_login(landlord_staff)
    assert client.post(reverse("committee:application_convert", args=[laureate.pk])).status_code == 403
    Decision.objects.filter(item__application=laureate).update(outcome="deferred", amount_granted=None)
    client.force_login(programme_admin)
    assert client.post(reverse("committee:application_convert", args=[laureate.pk])).status_code == 403
    assert not Programme.objects.exists()
