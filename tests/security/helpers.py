"""Second-factor helpers for tests: an enrolled person and the code their app shows."""

import time

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD


def current_code(secret: str, step: int = 0) -> str:
    """The code an authenticator app shows now (step=1: the next one, for a second use within 30 s)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def enrol(user) -> tuple[str, list[str]]:
    """Give `user` an authenticator app and recovery codes; returns (secret, codes)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret, RecoveryCodes.activate(user).generate_codes()


def log_in_with_password(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})
