from django.urls import path

from accroche.www.territory_views import diagnostic_views, service_views, views

app_name = "territory"

urlpatterns = [
    path("", views.index, name="index"),
    path("services/", service_views.service_list, name="service_list"),
    path("services/nouveau/", service_views.service_create, name="service_create"),
    path("services/importer/", service_views.service_import, name="service_import"),
    path(
        "services/export.json",
        service_views.service_export,
        {"fmt": "json"},
        name="service_export_json",
    ),
    path(
        "services/export.csv",
        service_views.service_export,
        {"fmt": "csv"},
        name="service_export_csv",
    ),
    path("services/<int:pk>/", service_views.service_detail, name="service_detail"),
    path("services/<int:pk>/modifier/", service_views.service_edit, name="service_edit"),
    path("services/<int:pk>/supprimer/", service_views.service_delete, name="service_delete"),
    path("dispositifs/<int:pk>/couverture/", views.coverage, name="coverage"),
    path("dispositifs/<int:pk>/diagnostics/", diagnostic_views.diagnostics, name="diagnostics"),
    path(
        "dispositifs/<int:pk>/diagnostics/nouveau/",
        diagnostic_views.diagnostic_new,
        name="diagnostic_new",
    ),
    path("secteurs/<int:pk>/", diagnostic_views.area_detail, name="area"),
    path("secteurs/<int:pk>/nouvelle-version/", diagnostic_views.new_version, name="new_version"),
    path("secteurs/<int:pk>/comparer/", diagnostic_views.compare_versions, name="compare"),
    path("diagnostics/<int:pk>/", diagnostic_views.diagnostic_detail, name="diagnostic"),
]
