from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "accroche.jobs"
    label = "jobs"

    def ready(self) -> None:
        from accroche.jobs import tasks  # noqa: F401  (registers the jobs)
