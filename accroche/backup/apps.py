from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "accroche.backup"
    label = "backup"
