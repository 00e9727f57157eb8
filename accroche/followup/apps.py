from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "accroche.followup"
    label = "followup"

    def ready(self) -> None:
        # The young person's timeline and the scheduled reminders.
        from accroche.followup import jobs, timeline  # noqa: F401
