from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "accroche.access"
    label = "access"

    def ready(self) -> None:
        from accroche.access import jobs  # noqa: F401  (registers the scheduled jobs)
