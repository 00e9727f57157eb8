from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "accroche.territory"
    label = "territory"
