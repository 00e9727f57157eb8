from typing import Any

from django.core.management.base import BaseCommand

from accroche.linkage.index import refresh_all, refresh_stale


class Command(BaseCommand):
    help = "Rebuild the blocking keys and encodings used to find duplicates (after a key change)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--stale", action="store_true", help="only missing or outdated ones")

    def handle(self, *args: Any, **options: Any) -> None:
        count = refresh_stale() if options["stale"] else refresh_all()
        self.stdout.write(f"{count} files encoded")
