from django.urls import path

from accroche.www.youth_views import consent_views, diagnostic_views, enrolment_views, views

app_name = "youth"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("nouveau/", views.create, name="create"),
    path("quartiers-frequentes/", views.frequented_qpv_options, name="frequented_qpvs"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/chronologie/", views.timeline, name="timeline"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/consentements/nouveau/", consent_views.consent_create, name="consent_create"),
    path(
        "<int:pk>/consentements/<int:consent_pk>/retrait/",
        consent_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/parcours/nouveau/", enrolment_views.enrol, name="enrol"),
    path(
        "<int:pk>/parcours/eligibilite/",
        enrolment_views.eligibility_preview,
        name="eligibility_preview",
    ),
    path(
        "<int:pk>/parcours/<int:enrolment_pk>/referent/",
        enrolment_views.change_referent,
        name="change_referent",
    ),
    path(
        "<int:pk>/parcours/<int:enrolment_pk>/phase/",
        enrolment_views.change_phase,
        name="change_phase",
    ),
    path(
        "<int:pk>/parcours/<int:enrolment_pk>/decision/",
        enrolment_views.override,
        name="override",
    ),
    path("<int:pk>/diagnostics/", diagnostic_views.diagnostics, name="diagnostics"),
    path(
        "<int:pk>/diagnostics/nouveau/",
        diagnostic_views.diagnostic_create,
        name="diagnostic_create",
    ),
    path(
        "<int:pk>/diagnostics/<int:diagnostic_pk>/",
        diagnostic_views.diagnostic_detail,
        name="diagnostic",
    ),
    path(
        "<int:pk>/diagnostics/<int:diagnostic_pk>/besoin-regle/",
        diagnostic_views.immediate_need_met,
        name="immediate_need_met",
    ),
]
