"""Each demo role logs in through the browser and lands on its own dashboard."""

import pytest

from partners.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

ROLES = [
    ("bailleur@passerelles.demo", "Tableau de bord bailleur"),
    ("coordination@passerelles.demo", "Tableau de bord coordination"),
    ("comite@passerelles.demo", "Tableau de bord du comité"),
    ("financeur@passerelles.demo", "Tableau de bord financeur"),
    ("admin@passerelles.demo", "Tableau de bord administration"),
]


@pytest.mark.parametrize(("email", "title"), ROLES)
def test_each_demo_role_sees_its_dashboard(demo, page, log_in, email, title, tmp_path):
    log_in(email, DEMO_PASSWORD)
    assert page.get_by_test_id("dashboard-title").inner_text() == title
    page.screenshot(path=tmp_path / "dashboard.png", full_page=True)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000


def test_a_user_switches_the_interface_to_english(demo, page, log_in):
    log_in("bailleur@passerelles.demo", DEMO_PASSWORD)
    page.get_by_role("button", name="English").click()
    assert page.get_by_test_id("dashboard-title").inner_text() == "Landlord staff dashboard"
