from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "accroche.access"
    label = "access"

    def ready(self) -> None:
        # The scheduled jobs, and the database role's check (check --deploy).
        from accroche.access import checks, jobs  # noqa: F401
