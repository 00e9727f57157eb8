"""Mounted under /jeunes/ next to the youth pages, so the file and the action plan can
include the partial by URL."""

from django.urls import path

from accroche.www.territory_views import views

app_name = "territory_help"

urlpatterns = [
    path("<int:pk>/qui-peut-aider/", views.who_can_help, name="who_can_help"),
]
