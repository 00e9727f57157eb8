from django.urls import path

from accroche.www.audit_views import views

app_name = "audit"

urlpatterns = [
    path("", views.journal, name="journal"),
    path("transferts/", views.transfers, name="transfers"),
]
