from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accroche.accounts"
    label = "accounts"

    def ready(self) -> None:
        # The receivers, and the deployment check of the shared cache.
        from accroche.accounts import checks, signals  # noqa: F401
