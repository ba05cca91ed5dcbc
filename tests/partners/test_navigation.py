"""The top bar marks the one section the page belongs to."""

import re

from django.urls import reverse


def active_entries(html):
    return re.findall(r'class="nav-link active" aria-current="page" href="([^"]+)"', html)


def test_only_the_section_of_the_page_is_marked_current(client, coordinator):
    client.force_login(coordinator)
    referrals = reverse("tenants:referral_list")
    html = client.get(referrals + "?status=sent").content.decode()
    # Referrals and participants share /tenants/: only the referrals entry is current.
    assert active_entries(html) == [referrals]


def test_the_dashboard_marks_no_section(client, coordinator):
    client.force_login(coordinator)
    assert active_entries(client.get(reverse("dashboard")).content.decode()) == []
