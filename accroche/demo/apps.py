from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "accroche.demo"
    label = "demo"
