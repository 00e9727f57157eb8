import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accroche.territory import loaders

# In dependency order: QPVs need communes.
LISTS: dict[str, Callable[[], loaders.LoadResult]] = {
    "diplomas": loaders.load_diploma_levels,
    "themes": loaders.load_themes,
    "communes": loaders.load_communes,
    "qpv": loaders.load_qpv,
}


class Command(BaseCommand):
    help = (
        "Load or update the official reference lists (diploma levels, data·inclusion themes, "
        "communes, QPV). Idempotent: run it after every upgrade."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", choices=list(LISTS), help="load only this list")

    def handle(self, *args: Any, **options: Any) -> None:
        names = [options["only"]] if options["only"] else list(LISTS)
        for name in names:
            started = time.monotonic()
            try:
                result = LISTS[name]()
            except loaders.ReferenceFileMissing as error:
                raise CommandError(f"{name}: {error.path} is missing; {error.hint}.") from error
            seconds = time.monotonic() - started
            self.stdout.write(f"{name}: {result} ({seconds:.1f} s)")
