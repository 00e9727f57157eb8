"""Mounted at the root: the young person's follow-up lives under /jeunes/<pk>/ next to the
file; workshops, budget and received hand-offs have their own pages."""

from django.urls import path

from accroche.www.followup_views import (
    aid_views,
    handoff_views,
    page_views,
    plan_views,
    workshop_views,
)

app_name = "followup"

Y = "jeunes/<int:pk>/"

urlpatterns = [
    path(f"{Y}suivi/", page_views.page, name="page"),
    path(f"{Y}suivi/resume/", page_views.file_summary, name="summary"),
    path(f"{Y}entretiens/nouveau/", plan_views.interaction_create, name="interaction_create"),
    path(f"{Y}plan/nouvelle/", plan_views.action_create, name="action_create"),
    path(f"{Y}plan/<int:action_pk>/<slug:act>/", plan_views.action_move, name="action_move"),
    path(f"{Y}rendez-vous/nouveau/", plan_views.appointment_create, name="appointment_create"),
    path(
        f"{Y}rendez-vous/<int:appointment_pk>/<slug:outcome>/",
        plan_views.appointment_outcome,
        name="appointment_outcome",
    ),
    path(f"{Y}ateliers/inscription/", plan_views.register, name="register"),
    path(f"{Y}immersions/nouvelle/", plan_views.immersion_create, name="immersion_create"),
    path(
        f"{Y}immersions/<int:immersion_pk>/bilan/",
        plan_views.immersion_review,
        name="immersion_review",
    ),
    path(f"{Y}aides/nouvelle/", aid_views.aid_create, name="aid_create"),
    path(f"{Y}aides/<int:aid_pk>/annuler/", aid_views.aid_cancel, name="aid_cancel"),
    path(f"{Y}aides/<int:aid_pk>/justificatif/", aid_views.aid_receipt, name="aid_receipt"),
    path(
        f"{Y}aides/<int:aid_pk>/justificatif/attester/",
        aid_views.receipt_attest,
        name="receipt_attest",
    ),
    path(
        f"{Y}aides/<int:aid_pk>/justificatif/telecharger/",
        aid_views.receipt_download,
        name="receipt_download",
    ),
    path(f"{Y}relais/nouveau/", handoff_views.handoff_create, name="handoff_create"),
    path(
        f"{Y}relais/<int:handoff_pk>/point/<int:milestone>/",
        handoff_views.handoff_check,
        name="handoff_check",
    ),
    path(
        f"{Y}relais/<int:handoff_pk>/<slug:act>/",
        handoff_views.handoff_move,
        name="handoff_move",
    ),
    path(f"{Y}sortie/", handoff_views.exit_create, name="exit_create"),
    path(
        f"{Y}sortie/<int:outcome_pk>/nouvelles/",
        handoff_views.exit_followup,
        name="exit_followup",
    ),
    path(
        "suivi/rappels/<int:reminder_pk>/fait/", handoff_views.reminder_done, name="reminder_done"
    ),
    path("relais/recus/", handoff_views.received, name="received"),
    path(
        "relais/recus/<int:handoff_pk>/<slug:act>/",
        handoff_views.received_move,
        name="received_move",
    ),
    path("ateliers/", workshop_views.workshop_list, name="workshops"),
    path("ateliers/nouveau/", workshop_views.workshop_create, name="workshop_create"),
    path("ateliers/<int:pk>/", workshop_views.workshop_detail, name="workshop"),
    path("ateliers/<int:pk>/modifier/", workshop_views.workshop_edit, name="workshop_edit"),
    path("ateliers/seances/<int:pk>/", workshop_views.session_detail, name="session"),
    path(
        "ateliers/seances/<int:pk>/presence/<int:attendance_pk>/",
        workshop_views.mark,
        name="mark",
    ),
    path("budget/", aid_views.budget, name="budget"),
    path("budget/lignes/nouvelle/", aid_views.line_form, name="line_create"),
    path("budget/lignes/<int:line_pk>/", aid_views.line_form, name="line_edit"),
    path(
        "budget/aides/<int:aid_pk>/justificatif/", aid_views.decided_receipt, name="decided_receipt"
    ),
    path("budget/aides/<int:aid_pk>/<slug:act>/", aid_views.aid_decide, name="aid_decide"),
]
