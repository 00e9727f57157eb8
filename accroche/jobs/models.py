from django.db import models


class JobState(models.Model):
    """When each scheduled job last ran. Kept in the database so that several application
    servers (or cron on two machines) never run the same job twice at once."""

    name = models.CharField(max_length=100, unique=True)
    last_started_at = models.DateTimeField(null=True)
    last_finished_at = models.DateTimeField(null=True)
    last_status = models.CharField(max_length=10, blank=True)
    last_message = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name
