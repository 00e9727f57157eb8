from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "accroche.projects"
    label = "projects"
