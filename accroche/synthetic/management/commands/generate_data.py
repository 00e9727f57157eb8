import datetime
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from accroche.synthetic.generate import SIZES, generate
from accroche.territory.models import Commune


class Command(BaseCommand):
    help = "A synthetic consortium: small (1,000 young people), metro (10,000), national (1.5 M)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--youths", type=int, help="a number of young people instead of --size")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="the generation's today (YYYY-MM-DD): same seed and today, same data",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="generate, print the digest, write nothing"
        )
        parser.add_argument(
            "--linkage", action="store_true", help="then build the linkage keys (refresh_linkage)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not Commune.objects.exists():
            call_command("load_reference")
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:7.1f} s] {message}")

        result = generate(
            options["youths"] or SIZES[options["size"]],
            options["seed"],
            today=options["today"] or datetime.date.today(),
            dry_run=options["dry_run"],
            progress=progress,
        )
        for label, count in sorted(result.counts.items()):
            self.stdout.write(f"  {label}: {count:,}")
        if options["linkage"] and not options["dry_run"]:
            call_command("refresh_linkage")
            progress("linkage keys built")
        self.stdout.write(f"digest {result.digest}; {time.monotonic() - started:.1f} s")
