"""How people prove who they are: password, second factor, single sign-on, and how long it holds.

django-allauth runs the login, the second factor (TOTP, recovery codes, security keys) and
re-authentication; this module holds the portal's own rules on top of it:

- who must have a second factor (`needs_second_factor`), when `MFA_REQUIRED` is on;
- the state of the current session, computed once at login and kept in the session, so that
  the middleware checks it on every request without a query;
- the idle and absolute lifetime of the sessions of those who read personal data.
"""

from __future__ import annotations

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from . import sso
from .models import Membership
from .policy import profile

Role = Membership.Role

# Roles that read people's records (a tenant list, a pathway, an export of names).
PERSONAL_DATA_ROLES = frozenset({Role.PROGRAMME_ADMIN, Role.LANDLORD_STAFF, Role.COORDINATOR})
SESSION_KEY = "passerelles_security"

# What the session still owes before it reaches the portal.
DONE = "done"  # proved a second factor
VERIFY = "verify"  # has one, has not given it yet (e.g. after single sign-on)
ENROL = "enrol"  # must set one up (MFA_REQUIRED, role reading personal data)
OPTIONAL = "optional"  # none set up, none required
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def reads_personal_data(user) -> bool:
    """Programme admins, landlord staff, coordinators and whoever may open the Django admin."""
    return user.is_staff or user.is_superuser or bool(PERSONAL_DATA_ROLES & set(profile(user).roles))


def needs_second_factor(user) -> bool:
    return settings.MFA_REQUIRED and reads_personal_data(user)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()


def gave_second_factor(request, user) -> bool:
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def second_factor_state(request, user) -> str:
    if gave_second_factor(request, user):
        return DONE
    if has_second_factor(user):
        return VERIFY
    return ENROL if needs_second_factor(user) else OPTIONAL


def start_session(request, user) -> None:
    """At login (password, single sign-on or a test's force_login): what this session owes, and its clock."""
    now = time.time()
    strict = reads_personal_data(user)
    request.session[SESSION_KEY] = {
        "second_factor": second_factor_state(request, user),
        "strict": strict,
        "started": now,
        "seen": now,
    }
    if strict:
        request.session.set_expiry(settings.SESSION_MAX_HOURS * 3600)


def security_state(request) -> dict:
    state = request.session.get(SESSION_KEY)
    if state is None:  # a session opened before these rules existed
        start_session(request, request.user)
        state = request.session[SESSION_KEY]
    return state


def session_expired(state: dict) -> str | None:
    """Why a strict session is over ("idle" / "max"), or None."""
    if not state["strict"]:
        return None
    now = time.time()
    if now - state["started"] > settings.SESSION_MAX_HOURS * 3600:
        return "max"
    if now - state["seen"] > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def mark_seen(request, state: dict) -> None:
    # Written at most once a minute: a page view does not cost a session write.
    now = time.time()
    if now - state["seen"] >= 60:
        state["seen"] = now
        request.session.modified = True


def refresh_second_factor(request, state: dict) -> str:
    """Where a session that still owes its second factor stands now."""
    if state["second_factor"] == ENROL and has_second_factor(request.user):
        # Set up since it was asked to, which means typing a code the new factor generated.
        state["second_factor"] = DONE
    else:
        state["second_factor"] = second_factor_state(request, request.user)
    request.session.modified = True
    return state["second_factor"]


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    # Having just logged in counts as having just confirmed one's identity: setting up a
    # second factor right after the login does not ask for the password again.
    for record in get_authentication_records(request, user):
        record["reauthenticated"] = True
    if getattr(user, "backend", "") == sso.BACKEND:
        # Logged in outside allauth's steps: recorded as allauth records its own methods.
        record_authentication(request, user, method="sso", provider="proconnect", reauthenticated=True)
    start_session(request, user)


def axes_username(request, credentials=None) -> str | None:
    """The address django-axes counts failures for: allauth passes it as `email`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or request.POST.get("login")
    return value.strip().lower() if isinstance(value, str) else value


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("Wrong e-mail address or password. Check them and try again."),
    }

    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by programme admins, with the memberships that give them access.
        return False

    def get_reauthentication_methods(self, user) -> list[dict]:
        # The strongest factor first: someone who set up a second factor confirms with it.
        methods = super().get_reauthentication_methods(user)
        return sorted(methods, key=lambda method: not method["id"].startswith("mfa"))


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # Where a second factor is required, the last one cannot be switched off (an admin
        # resets it for a lost device).
        if authenticator.type not in SECOND_FACTOR_TYPES or not needs_second_factor(authenticator.user):
            return True
        others = Authenticator.objects.filter(user=authenticator.user, type__in=SECOND_FACTOR_TYPES)
        return others.exclude(pk=authenticator.pk).exists()
