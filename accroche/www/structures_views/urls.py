from django.urls import path

from accroche.www.structures_views import views

app_name = "structures"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("nouvelle/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/membres/ajouter/", views.member_add, name="member_add"),
    path("<int:pk>/membres/<int:membership_pk>/", views.member, name="member"),
    path(
        "<int:pk>/membres/<int:membership_pk>/double-authentification/",
        views.member_two_factor_reset,
        name="member_two_factor_reset",
    ),
    path(
        "<int:pk>/membres/<int:membership_pk>/desactiver/",
        views.member_deactivate,
        name="member_deactivate",
    ),
]
