from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "accroche.organisations"
    label = "organisations"
