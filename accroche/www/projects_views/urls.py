from django.urls import path

from accroche.www.projects_views import call_views, team_views

app_name = "projects"

urlpatterns = [
    path("dispositifs/<int:pk>/equipes/", team_views.teams, name="teams"),
    path("dispositifs/<int:pk>/equipes/nouvelle/", team_views.team_create, name="team_create"),
    path("equipes/<int:pk>/", team_views.team_detail, name="team"),
    path("equipes/<int:pk>/modifier/", team_views.team_edit, name="team_edit"),
    path("equipes/<int:pk>/supprimer/", team_views.team_delete, name="team_delete"),
    path("dispositifs/<int:pk>/appels/", call_views.calls, name="calls"),
    path("dispositifs/<int:pk>/appels/nouveau/", call_views.call_create, name="call_create"),
    path("appels/<int:pk>/", call_views.call_detail, name="call"),
    path("appels/<int:pk>/modifier/", call_views.call_edit, name="call_edit"),
    path("appels/<int:pk>/deposer/", call_views.project_propose, name="project_propose"),
    path("<int:pk>/", call_views.project_detail, name="project"),
    path("<int:pk>/modifier/", call_views.project_edit, name="project_edit"),
    path("<int:pk>/decider/", call_views.project_decide, name="project_decide"),
    path("<int:pk>/bilan/", call_views.project_report, name="project_report"),
]
