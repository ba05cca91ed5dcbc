"""Every demo role walks its menu (and the first record of each list) in Chromium: the
Content-Security-Policy refuses nothing the portal needs, so no inline script or style is left."""

import pytest
from django.core.management import call_command

from partners.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [
    "bailleur@passerelles.demo",
    "coordination@passerelles.demo",
    "comite@passerelles.demo",
    "financeur@passerelles.demo",
    "admin@passerelles.demo",
]
EXTRA = ["/accounts/2fa/", "/accounts/2fa/totp/activate/", "/accounts/password/change/"]
ADMIN = ["/admin/", "/admin/partners/user/", "/admin/partners/organisation/add/"]


def test_no_page_breaks_the_policy(page, log_in, transactional_db):
    call_command("load_demo", verbosity=0)
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    page.on("pageerror", lambda error: refused.append(str(error)))
    visited = []

    def visit(url):
        page.goto(url)
        visited.append(url)
        assert refused == [], f"{page.url}: {refused}"

    for email in ROLES:
        page.context.clear_cookies()
        log_in(email, DEMO_PASSWORD)
        menu = page.locator("#mainnav .navbar-nav a.nav-link").evaluate_all("links => links.map(a => a.href)")
        for url in [*menu, *EXTRA, *(ADMIN if email.startswith("admin") else [])]:
            visit(url)
            first_record = page.locator("main table tbody a").first
            if first_record.count():
                visit(first_record.get_attribute("href"))
    assert len(visited) > 40
