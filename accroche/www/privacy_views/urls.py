from django.urls import path

from accroche.www.privacy_views import views

app_name = "privacy"

urlpatterns = [
    path("<int:pk>/donnees/", views.youth_data, name="youth"),
    path("<int:pk>/donnees/copie.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/donnees/copie.json", views.export_json, name="export_json"),
    path("<int:pk>/donnees/rectification/", views.rectification, name="rectification"),
    path("<int:pk>/anonymiser/", views.erase, name="erase"),
]
