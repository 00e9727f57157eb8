from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from accroche.encrypted_fields import encrypted_fields, reencrypt


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS, "
        "after which the other keys can be removed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--new-key", action="store_true", help="Only print a new key to put first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(Fernet.generate_key().decode())
            return
        with transaction.atomic():
            for model, names in encrypted_fields():
                count = reencrypt(model, names)
                self.stdout.write(f"{model._meta.label}: {count} rows ({', '.join(names)})")
