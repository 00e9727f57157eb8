"""Export every partner service in the data·inclusion format, validated by the package."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accroche.partner_services.datainclusion import as_csv, as_json, export_records
from accroche.partner_services.services import with_details
from accroche.territory.models import Service


class Command(BaseCommand):
    help = "Exporte les offres de service au format data·inclusion (JSON ou CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        records = export_records(with_details(Service.objects.all()))
        text = as_csv(records) if options["format"] == "csv" else as_json(records)
        self.stdout.write(text, ending="")
