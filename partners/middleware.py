from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import authentication


class FrenchFirstMiddleware:
    """French is the portal's language unless the person chose English with the switch.

    Without this, Django's LocaleMiddleware would follow the browser's Accept-Language and
    show English to French staff whose browsers are set up in English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class SessionSecurityMiddleware:
    """What a logged-in session must satisfy before it reaches a page.

    - Those who read personal data are logged out after SESSION_IDLE_MINUTES without a request
      and SESSION_MAX_HOURS after logging in.
    - Someone with a second factor gives it before anything else, whatever way they logged in
      (password, single sign-on); when MFA_REQUIRED is on, those who read personal data set one
      up first. Meanwhile only logging out, and the pages that take the second factor (or set
      one up, for those who have none) stay open: not the pages that show or change one's
      factors, which would otherwise take the single sign-on as a recent confirmation.
    """

    OPEN_URL_NAMES = frozenset({"set_language", "javascript-catalog", "healthz", "account_logout"})
    GIVING_URL_NAMES = frozenset({"mfa_reauthenticate", "mfa_reauthenticate_webauthn"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        state = authentication.security_state(request)
        expired = authentication.session_expired(state)
        if expired:
            return self._log_out(request, expired)
        authentication.mark_seen(request, state)
        if state["second_factor"] in (authentication.DONE, authentication.OPTIONAL):
            return None
        if self._is_open(request, state["second_factor"]):
            return None
        owed = authentication.refresh_second_factor(request, state)
        if owed == authentication.VERIFY:
            return self._redirect("mfa_reauthenticate", request)
        if owed == authentication.ENROL:
            messages.info(
                request,
                _(
                    "Your role gives access to people's records: set up a second factor "
                    "(an authenticator app) to continue."
                ),
            )
            return self._redirect("mfa_activate_totp", request)
        return None

    def _is_open(self, request, owed: str) -> bool:
        match = request.resolver_match
        name = (match.url_name or "") if match else ""
        if name in self.OPEN_URL_NAMES:
            return True
        if owed == authentication.VERIFY:
            return name in self.GIVING_URL_NAMES
        return name.startswith(("account_", "mfa_"))

    def _redirect(self, url_name, request):
        return redirect(f"{reverse(url_name)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")

    def _log_out(self, request, why):
        logout(request)
        if why == "idle":
            text = _("You were logged out after %(minutes)d minutes without activity. Log in again to continue.")
            messages.warning(request, text % {"minutes": settings.SESSION_IDLE_MINUTES})
        else:
            text = _("You were logged out %(hours)d hours after logging in. Log in again to continue.")
            messages.warning(request, text % {"hours": settings.SESSION_MAX_HOURS})
        return self._redirect("account_login", request)


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY, which Django's SecurityMiddleware does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
