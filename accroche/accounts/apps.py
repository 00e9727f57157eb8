from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accroche.accounts"
    label = "accounts"

    def ready(self) -> None:
        from accroche.accounts import signals  # noqa: F401  (connects the receivers)
