from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "accroche.outreach"
    label = "outreach"

    def ready(self) -> None:
        # Contacts and referrals feed the young person's timeline.
        from accroche.outreach import timeline  # noqa: F401
