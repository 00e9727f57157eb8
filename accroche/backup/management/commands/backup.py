import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from accroche.backup.dumps import PgTarget, dump, fingerprint, restore, restored_copy
from accroche.backup.media import (
    archived_fingerprint,
    dump_media,
    media_fingerprint,
    restore_media,
)


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files (`backup dump FILE`), restore a backup "
        "into an empty database (`backup restore FILE [--into NAME_OR_PATH]`), or check that "
        "a backup restores to exactly the live data (`backup verify FILE`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["dump", "restore", "verify"])
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--into",
            help="restore target: a PostgreSQL database name on the same server, or a SQLite "
            "file path (default: the configured database, which must be empty)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        action = options["action"]
        if action == "dump":
            dump(path)
            media = dump_media(path)
            self.stdout.write(f"Backup written to {path} ({path.stat().st_size} bytes).")
            self.stdout.write(f"Uploaded files written to {media}.")
            return
        if not path.exists():
            raise CommandError(f"No backup at {path}.")
        if action == "restore":
            if connection.vendor == "sqlite":
                target: PgTarget | Path = Path(options["into"] or connection.settings_dict["NAME"])
            else:
                target = PgTarget.from_settings(options["into"])
            restore(path, target)
            try:
                files = restore_media(path)
            except FileExistsError as exc:
                raise CommandError(f"Uploaded files not restored: {exc}.") from exc
            self.stdout.write(f"Restored {path} into {target}, and {files} uploaded files.")
            return
        live = fingerprint()
        with tempfile.TemporaryDirectory() as workdir, restored_copy(path, Path(workdir)) as copy:
            differences = sorted(t for t in live if live[t] != copy.get(t))
        rows = sum(count for count, _digest in live.values())
        if media_fingerprint() != archived_fingerprint(path):
            differences.append("uploaded files (MEDIA_ROOT)")
        if differences:
            raise CommandError(f"Backup differs from the live data in: {', '.join(differences)}")
        files = len(media_fingerprint())
        self.stdout.write(
            f"Backup verified: {len(live)} tables, {rows} rows, {files} uploaded files, "
            "identical content."
        )
