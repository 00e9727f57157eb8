from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "accroche.www"
    label = "www"
