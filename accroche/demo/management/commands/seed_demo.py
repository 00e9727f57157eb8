from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accroche.demo.consortium import MissingReferenceData, build_demo, demo_exists, demo_logins
from accroche.demo.two_factor import demo_totp_key_base32, ensure_demo_devices


class Command(BaseCommand):
    help = "Create the demo consortium (idempotent: does nothing if it is already there)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--logins", action="store_true", help="only print the demo logins")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self._print_logins()
            return
        if demo_exists():
            ensure_demo_devices()
            self.stdout.write("Demo consortium already present: nothing to do.")
            return
        try:
            programme = build_demo(seed=options["seed"])
        except MissingReferenceData as exc:
            raise CommandError(str(exc)) from exc
        ensure_demo_devices()
        self.stdout.write(self.style.SUCCESS(f"Demo consortium created: {programme.name}"))

    def _print_logins(self) -> None:
        self.stdout.write(
            f"  Comptes de démonstration (mot de passe : {settings.ACCROCHE_DEMO_PASSWORD})"
        )
        for email, what in demo_logins():
            self.stdout.write(f"    {email:<40} {what}")
        self.stdout.write(
            "  Code de connexion (double authentification) : `DEBUG=1 .venv/bin/python manage.py "
            f"demo_code EMAIL`, ou la clé {demo_totp_key_base32()} dans une application TOTP"
        )
