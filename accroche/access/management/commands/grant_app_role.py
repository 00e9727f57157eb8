"""Grant the application role what it needs and nothing more (PostgreSQL), as the owner
role, after ``migrate``: ``DATABASE_URL=<owner's URL> manage.py grant_app_role <role>``."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from accroche.access.db_roles import grant_statements


class Command(BaseCommand):
    help = (
        "Donne au rôle PostgreSQL de l'application les droits sur les lignes des tables "
        "(lire, écrire), sans la propriété des tables : il ne peut ni vider ni désactiver "
        "les protections du journal d'accès. À lancer avec le rôle propriétaire, après migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="le rôle de l'application (il doit déjà exister)")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Cette commande ne sert qu'avec PostgreSQL.")
        role = options["role"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_database()")
            owner, database = cursor.fetchone()
            if role == owner:
                raise CommandError(
                    f"Le rôle de l'application doit être un autre rôle que {owner!r}, "
                    "qui possède les tables."
                )
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"Le rôle {role!r} n'existe pas : créez-le d'abord.")
            with transaction.atomic():
                for statement in grant_statements(role, database, connection.ops.quote_name):
                    cursor.execute(statement)
        self.stdout.write(f"Droits accordés à {role!r} sur {database!r}.")
