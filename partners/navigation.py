"""Navigation per role: what each kind of user finds in the top bar.

URL names are strings so that this base app needs no import from the apps above it;
an entry whose page does not exist (yet) is simply left out.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .models import Membership
from .policy import profile

Role = Membership.Role

NAVIGATION = {
    Role.LANDLORD_STAFF: [
        (_("Tenants"), "tenants:tenant_list"),
        (_("Referrals"), "tenants:referral_list"),
        (_("Participants"), "tenants:enrolment_list"),
        (_("Programmes"), "programmes:programme_list"),
        (_("Calls for projects"), "committee:call_list"),
        (_("Applications"), "committee:application_list"),
    ],
    Role.COORDINATOR: [
        (_("Referrals"), "tenants:referral_list"),
        (_("Participants"), "tenants:enrolment_list"),
        (_("Sessions"), "programmes:session_list"),
        (_("Programmes"), "programmes:programme_list"),
        (_("Reports"), "outcomes:report_list"),
        (_("Exits"), "outcomes:exit_list"),
        (_("Calls for projects"), "committee:call_list"),
        (_("Applications"), "committee:application_list"),
    ],
    Role.COMMITTEE_MEMBER: [
        (_("Meetings"), "committee:meeting_list"),
        (_("Calls for projects"), "committee:call_list"),
    ],
    Role.FUNDER: [
        (_("Reports"), "outcomes:report_list"),
        (_("Programmes"), "programmes:programme_list"),
    ],
    Role.PROGRAMME_ADMIN: [
        (_("Programmes"), "programmes:programme_list"),
        (_("Tenants"), "tenants:tenant_list"),
        (_("Calls for projects"), "committee:call_list"),
        (_("Applications"), "committee:application_list"),
        (_("Meetings"), "committee:meeting_list"),
        (_("Reports"), "outcomes:report_list"),
        (_("Administration"), "admin:index"),
    ],
}


def menu_for(user) -> list[tuple[str, str]]:
    seen, items = set(), []
    for role in profile(user).roles:
        for label, url_name in NAVIGATION.get(role, []):
            if url_name in seen:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            seen.add(url_name)
            items.append((label, url))
    return items


def active_url(items: list[tuple[str, str]], path: str) -> str:
    """The menu entry the page belongs to: the longest entry URL that starts the path.

    Referrals (/tenants/referrals/) and participants (/tenants/participants/) share their
    first segment, so a plain prefix test would light both.
    """
    matches = [url for _label, url in items if path.startswith(url)]
    return max(matches, key=len, default="")
