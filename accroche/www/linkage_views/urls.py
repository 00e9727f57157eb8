from django.urls import path

from accroche.www.linkage_views import views

app_name = "linkage"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("possibles/", views.possible, name="possible"),
    path("fusionner/", views.merge, name="merge"),
    path("differents/", views.not_duplicate, name="not_duplicate"),
    path("fusions/<int:pk>/annuler/", views.undo, name="undo"),
]
