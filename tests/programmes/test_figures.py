"""Programme, activity and session figures come from the app that owns the rows counted.

A referral "waiting", a participant "active" or a mark "present" is decided by `tenants`: these
tests change what tenants calls waiting and see the programme's figures follow, and show that
a figure nobody provides fails loudly instead of showing a blank.
"""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from programmes import figures
from programmes.models import Programme
from tenants.models import Enrolment, Referral, Registration
from tests.factories import (
    ActivityFactory,
    EnrolmentFactory,
    ReferralFactory,
    RegistrationFactory,
    SessionFactory,
    programme_run_by,
)

pytestmark = pytest.mark.django_db
A = Registration.Attendance


@pytest.fixture
def programme(association, landlord):
    return programme_run_by(association, landlord, name="Mille Aiguilles test", slug="mille-aiguilles-test")


def figure(page: str, testid: str) -> str:
    start = page.index(f'data-testid="{testid}">') + len(f'data-testid="{testid}">')
    return page[start : page.index("<", start)]


def test_referrals_waiting_are_those_tenants_calls_open(client, coordinator, programme, monkeypatch):
    for status in Referral.Status:
        ReferralFactory(programme=programme, status=status, decline_reason=Referral.DeclineReason.OTHER)
    client.force_login(coordinator)
    page_url = reverse("programmes:programme_detail", kwargs={"slug": programme.slug})
    assert figure(client.get(page_url).content.decode(), "referrals-waiting") == "2"  # sent, accepted

    # Should tenants decide that an accepted referral no longer waits, the programme follows.
    monkeypatch.setattr(Referral, "OPEN_STATUSES", (Referral.Status.SENT,))
    assert figure(client.get(page_url).content.decode(), "referrals-waiting") == "1"


def test_programme_figures_count_tenants_rows_by_tenants_statuses(programme):
    this_year = datetime.date.today()
    EnrolmentFactory.create_batch(2, programme=programme, entered_on=this_year)
    EnrolmentFactory(programme=programme, entered_on=datetime.date(2020, 5, 1), status=Enrolment.Status.EXITED)
    session = SessionFactory(activity=ActivityFactory(programme=programme))
    for mark in (A.PRESENT, A.PRESENT, A.ABSENT, A.UNKNOWN):
        RegistrationFactory(session=session, attendance=mark, hours=3 if mark == A.PRESENT else 0)
    RegistrationFactory(session=session, tenant=None, walk_in=True, walk_in_name="Fatou K.", attendance=A.PRESENT)

    glance = Programme.objects.annotate(**figures.programme_figures(this_year)).get(pk=programme.pk)
    assert (glance.participants_active, glance.participants_entered, glance.participants_entered_this_year) == (2, 3, 2)
    # The walk-in came without registering: counted apart, not in the rate's counts.
    assert (glance.recorded_count, glance.present_count) == (3, 2)


def test_a_figure_nobody_provides_is_an_error_not_a_blank(client, coordinator, programme, monkeypatch):
    monkeypatch.setattr(figures, "_providers", [])
    client.force_login(coordinator)
    with pytest.raises(ImproperlyConfigured, match="referrals_waiting"):
        client.get(reverse("programmes:programme_detail", kwargs={"slug": programme.slug}))
    with pytest.raises(ImproperlyConfigured, match="registered_count"):
        figures.session_figures()
