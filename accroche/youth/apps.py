from django.apps import AppConfig


class YouthConfig(AppConfig):
    name = "accroche.youth"
    label = "youth"

    def ready(self) -> None:
        # Registers the youth domain's timeline providers.
        from accroche.youth import timeline_providers  # noqa: F401
