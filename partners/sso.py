"""Single sign-on with ProConnect, the French State's OpenID Connect provider for professionals.

mozilla-django-oidc runs the protocol (state, nonce, signed ID token, the signed userinfo JWT
that ProConnect returns); this module points it at the endpoints of the issuer's discovery
document and holds the portal's rules: an identity maps to an existing, active account by its
verified e-mail address; a login creates nobody and gives no membership.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

logger = logging.getLogger(__name__)

BACKEND = "partners.sso.ProConnectBackend"
# What may go wrong with the provider: network, HTTP error, a bad or forged token or document.
PROVIDER_ERRORS = (requests.RequestException, SuspiciousOperation, KeyError, ValueError)
REFUSALS = {
    "unknown": _(
        "No Passerelles account uses the e-mail address of your ProConnect identity. "
        "Ask a programme admin to create yours, or log in with your password."
    ),
    "unverified": _("ProConnect has not verified the e-mail address of this identity: log in with your password."),
    "unavailable": _("ProConnect did not answer as expected. Try again in a moment, or log in with your password."),
}


def enabled() -> bool:
    return bool(settings.PROCONNECT_ISSUER and settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET)


def discovery() -> dict:
    """The issuer's OpenID configuration, fetched at most once an hour."""
    issuer = settings.PROCONNECT_ISSUER.rstrip("/")
    key = f"proconnect-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer", "").rstrip("/") != issuer:
            raise SuspiciousOperation("The discovery document names another issuer.")
        cache.set(key, document, 3600)
    return document


def endpoint(name: str) -> property:
    # Read when used, not when Django builds the backend for every password login.
    return property(lambda self: discovery()[name])


def to_login():
    return redirect("account_login")


class ProConnectBackend(OIDCAuthenticationBackend):
    OIDC_OP_TOKEN_ENDPOINT = endpoint("token_endpoint")
    OIDC_OP_USER_ENDPOINT = endpoint("userinfo_endpoint")
    OIDC_OP_JWKS_ENDPOINT = endpoint("jwks_uri")
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback of a login started here exchanges a code (it passes the nonce):
        # a code and a state in the query of the password login are nothing to act on.
        if request is None or "nonce" not in kwargs or not enabled():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except PROVIDER_ERRORS as error:
            logger.warning("ProConnect login failed: %r", error)
            request.sso_refusal = "unavailable"
            return None

    def verify_claims(self, claims) -> bool:
        # ProConnect's identity providers are professional directories, and ProConnect tells
        # services to find their users by e-mail address; an identity whose provider says it
        # has not verified the address is not trusted with it.
        if not claims.get("email"):
            self.request.sso_refusal = "unknown"
            return False
        if "email_verified" in claims and claims["email_verified"] is not True:
            self.request.sso_refusal = "unverified"
            return False
        return True

    def filter_users_by_claims(self, claims):
        users = self.UserModel.objects.filter(email__iexact=claims["email"].strip(), is_active=True)
        if not users:
            self.request.sso_refusal = "unknown"
        return users


@method_decorator(login_not_required, name="dispatch")
class ProConnectLogin(OIDCAuthenticationRequestView):
    """The "S'identifier avec ProConnect" button: off to the provider with a state and a nonce."""

    OIDC_OP_AUTH_ENDPOINT = endpoint("authorization_endpoint")
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)

    def __init__(self, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except PROVIDER_ERRORS as error:
            logger.warning("ProConnect discovery failed: %r", error)
            messages.error(request, REFUSALS["unavailable"])
            return to_login()


@method_decorator(login_not_required, name="dispatch")
class ProConnectCallback(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state this browser did not start: replayed or forged
            return self.login_failure()

    def login_failure(self):
        messages.error(self.request, REFUSALS[getattr(self.request, "sso_refusal", "unavailable")])
        return to_login()
