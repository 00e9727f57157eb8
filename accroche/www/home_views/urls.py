from django.urls import path

from accroche.www.home_views import views

app_name = "www"

urlpatterns = [
    path("", views.home, name="home"),
    path("territoire/communes/", views.commune_suggestions, name="commune_suggestions"),
    path("territoire/qpv/", views.qpv_options, name="qpv_options"),
]
