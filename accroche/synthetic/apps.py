from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "accroche.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic data and benchmark floor"
