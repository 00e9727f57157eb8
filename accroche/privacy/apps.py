from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "accroche.privacy"
    label = "privacy"

    def ready(self) -> None:
        # The encryption-key check and the daily retention job.
        from accroche.privacy import checks, jobs  # noqa: F401
