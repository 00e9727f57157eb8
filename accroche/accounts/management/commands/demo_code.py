from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current two-factor code of an account (development only: DEBUG=1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code only works with DEBUG=1 (development).")
        email = options["email"].strip().lower()
        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
        if device is None:
            raise CommandError(f"No confirmed authenticator for {email}.")
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{code:06d}")
