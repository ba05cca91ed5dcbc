"""Each demo role logs in through the browser and finds, on its dashboard, the work waiting for it."""

import re

import pytest
from django.db.models import Q
from django.utils import timezone

from partners.demo import DEMO_PASSWORD
from partners.models import Organisation
from programmes.committee.models import Meeting
from programmes.models import Programme, Session
from tenants.models import Referral, Tenant

pytestmark = pytest.mark.browser


def full_names(queryset):
    return {f"{tenant.first_name} {tenant.last_name}" for tenant in queryset}


def test_landlord_staff_see_their_referrals_and_open_those_waiting_for_an_answer(demo, page, log_in):
    log_in("bailleur@passerelles.demo", DEMO_PASSWORD)
    assert page.get_by_test_id("dashboard-title").inner_text() == "Tableau de bord bailleur"
    sent = Tenant.objects.filter(referrals__status=Referral.Status.SENT, landlord__slug="valloire-habitat")
    waiting = full_names(sent)
    assert len(waiting) == 2
    page.get_by_role("link", name=re.compile(f"En attente de réponse {len(waiting)}")).click()
    table = page.locator("table").inner_text()
    assert all(name in table for name in waiting)
    assert "Karim Haddou" not in table  # declined: not waiting any more


def test_the_coordinator_sees_the_referral_waiting_longest_and_opens_todays_attendance_sheet(demo, page, log_in):
    log_in("coordination@passerelles.demo", DEMO_PASSWORD)
    referrals = page.get_by_test_id("coordinator-referral-panel").inner_text()
    first = referrals.split("Toutes les orientations")[1].strip().splitlines()
    assert first[0].startswith("Aïcha Benhamou") and re.match(r"en attente depuis 1\s+mois", first[1])
    today = Session.objects.get(date=timezone.localdate(), activity__programme__slug="mille-aiguilles")
    page.get_by_role("link", name="Feuille de présence").click()
    page.wait_for_url(f"**/tenants/sessions/{today.pk}/attendance/")
    sheet = page.locator("main").inner_text()
    expected = full_names(Tenant.objects.filter(registrations__session=today))
    assert len(expected) == 6 and all(name in sheet for name in expected)


def test_a_committee_member_opens_the_meeting_to_prepare_and_finds_the_applications_to_score(demo, page, log_in):
    log_in("comite@passerelles.demo", DEMO_PASSWORD)
    meeting = Meeting.objects.get(status=Meeting.Status.PLANNED)
    panel = page.locator("main").inner_text()
    assert "Séances à préparer" in panel and "0 sur 2 faits" in panel
    page.get_by_role("link", name=meeting.title).click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    agenda = page.locator("main").inner_text()
    assert all(item.application.title in agenda for item in meeting.items.select_related("application"))


def test_a_funder_sees_last_years_figures_of_what_they_fund_and_no_names(demo, page, log_in):
    log_in("financeur@passerelles.demo", DEMO_PASSWORD)
    panel = page.get_by_test_id("funder-panel").inner_text()
    funder = Organisation.objects.get(slug="dreets-hdf")
    funded = Programme.objects.filter(
        Q(funding_lines__funder=funder) | Q(partner_links__organisation=funder, partner_links__role="funder")
    ).distinct()
    assert f"{timezone.localdate().year - 1} : les {funded.count()} programmes que vous financez" in panel
    participants = re.search(r"(\d[\d\s]*)\nParticipants", panel)
    assert participants and int(re.sub(r"\D", "", participants.group(1))) > 0
    page_text = page.locator("main").inner_text()
    people = full_names(Tenant.objects.filter(enrolments__programme__in=funded).distinct()[:200])
    assert people and not any(name in page_text for name in people)


def test_the_programme_admin_sees_the_meeting_in_progress_and_the_open_call(demo, page, log_in):
    log_in("admin@passerelles.demo", DEMO_PASSWORD)
    meeting = Meeting.objects.get(status=Meeting.Status.PLANNED)
    panel = page.locator("main").inner_text()
    assert meeting.title in panel and "0 sur 2 décidés" in panel and meeting.call.title in panel
    page.get_by_role("link", name=meeting.title).click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    assert all(item.application.title in page.locator("main").inner_text() for item in meeting.items.all())


def test_a_user_switches_the_interface_to_english_and_it_stays_english(demo, page, log_in):
    log_in("bailleur@passerelles.demo", DEMO_PASSWORD)
    page.get_by_role("button", name="English").click()
    assert page.get_by_test_id("dashboard-title").inner_text() == "Landlord staff dashboard"
    assert "My referrals" in page.locator("main").inner_text()
    page.get_by_role("link", name="Tenants").first.click()
    page.wait_for_url("**/tenants/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tenants"
    page.get_by_role("button", name="Français").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Locataires"
