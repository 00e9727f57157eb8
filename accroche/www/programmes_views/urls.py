from django.urls import path

from accroche.www.programmes_views import views

app_name = "programmes"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("nouveau/", views.create, name="create"),
    path("qpv/", views.qpv_options, name="qpv_options"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/financeurs/", views.fundings, name="fundings"),
    path("<int:pk>/objectifs/", views.targets, name="targets"),
    path("<int:pk>/territoire/", views.territory, name="territory"),
    path("<int:pk>/eligibilite/", views.edit_rules, name="rules"),
    path("<int:pk>/partenaires/ajouter/", views.partner_add, name="partner_add"),
    path(
        "<int:pk>/partenaires/<int:participation_pk>/",
        views.partner_edit,
        name="partner_edit",
    ),
    path(
        "<int:pk>/partenaires/<int:participation_pk>/retirer/",
        views.partner_remove,
        name="partner_remove",
    ),
]
