from django.apps import AppConfig


class IdempotencyConfig(AppConfig):
    name = "accroche.idempotency"
    label = "idempotency"

    def ready(self) -> None:
        from accroche.idempotency import jobs  # noqa: F401  (registers the scheduled job)
