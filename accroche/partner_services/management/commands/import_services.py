"""Import partner services from a data·inclusion file (JSON or CSV). Good rows are kept,
bad ones are listed with their line; running it again on the same file changes nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accroche.organisations.models import Structure
from accroche.partner_services.datainclusion import FileUnreadable, read_rows
from accroche.partner_services.datainclusion_import import import_rows


class Command(BaseCommand):
    help = "Importe des offres de service au format data·inclusion (JSON ou CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--structure",
            type=int,
            help="id of the structure that receives services from other sources",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path}: fichier introuvable.")
        structure = None
        if options["structure"] is not None:
            structure = Structure.objects.filter(pk=options["structure"]).first()
            if structure is None:
                raise CommandError(f"Structure {options['structure']} inconnue.")
        try:
            rows = read_rows(path.read_bytes(), path.name)
        except FileUnreadable as exc:
            raise CommandError(str(exc)) from exc
        result = import_rows(rows, default_structure=structure, may_edit=lambda _s: True)
        for error in result.errors:
            self.stderr.write(
                f"ligne {error.line} ({error.reference}) : {' ; '.join(error.messages)}"
            )
        self.stdout.write(
            f"{result.created} ajoutés, {result.updated} mis à jour, {result.unchanged} inchangés, "
            f"{len(result.errors)} en erreur"
        )
