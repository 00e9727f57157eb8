from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "accroche.linkage"
    label = "linkage"

    def ready(self) -> None:
        from accroche.linkage import checks, jobs, signals, timeline  # noqa: F401
