from django.urls import path

from accroche.www.public_views import views

app_name = "public"

urlpatterns = [
    path("<slug:slug>/contact/", views.self_referral, name="self_referral"),
    path("<slug:slug>/contact/merci/", views.thanks, name="thanks"),
]
