import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand

from partners.demo import DEMO_TOTP_EMAIL, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = f"Print the current second-factor code of the demo account {DEMO_TOTP_EMAIL} (its secret is public)."

    def handle(self, *args, **options):
        counter = int(time.time()) // settings.MFA_TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
