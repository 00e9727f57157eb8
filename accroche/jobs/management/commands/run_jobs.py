import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accroche.jobs.registry import run_due_jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs that are due (call it from cron every 5 minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="run every job now, due or not")
        parser.add_argument("--only", help="run only this job")
        parser.add_argument(
            "--loop", type=int, default=0, metavar="SECONDS", help="keep running, every SECONDS"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            for name, result in run_due_jobs(force=options["force"], only=options["only"]).items():
                self.stdout.write(f"{name}: {result}")
            if not options["loop"]:
                return
            time.sleep(options["loop"])
