from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "accroche.reports"
    label = "reports"
