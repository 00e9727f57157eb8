from django.contrib.auth import views as auth_views
from django.urls import path

from accroche.www.accounts_views import two_factor, views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/envoye/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/change/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("double-authentification/", two_factor.enrol, name="two_factor_enrol"),
    path("double-authentification/code/", two_factor.verify, name="two_factor_verify"),
    path(
        "double-authentification/codes-de-secours/",
        two_factor.new_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("structure/", views.switch_structure, name="switch_structure"),
    path("jetons/", views.tokens, name="tokens"),
    path("jetons/<int:token_id>/revoquer/", views.revoke_token, name="revoke_token"),
]
