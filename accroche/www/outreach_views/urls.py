from django.urls import path

from accroche.www.outreach_views import (
    contact_views,
    flyer_views,
    place_views,
    referral_views,
    session_views,
)

app_name = "outreach"

urlpatterns = [
    path("", session_views.index, name="index"),
    path("sorties/demarrer/", session_views.start, name="start"),
    path("sorties/<int:pk>/", session_views.session_page, name="session"),
    path("sorties/<int:pk>/compter/", session_views.count, name="count"),
    path("sorties/<int:pk>/modifier/", session_views.edit, name="session_edit"),
    path("sorties/<int:pk>/terminer/", session_views.end, name="session_end"),
    path("rencontres/", contact_views.contact_list, name="contacts"),
    path("rencontres/nouvelle/", contact_views.contact_create, name="contact_create"),
    path("rencontres/jeunes/", contact_views.youth_search, name="youth_search"),
    path("lieux/", place_views.place_list, name="places"),
    path("lieux/nouveau/", place_views.place_create, name="place_create"),
    path("lieux/<int:pk>/", place_views.place_edit, name="place_edit"),
    path("signalements/", referral_views.referral_list, name="referrals"),
    path("signalements/nouveau/", referral_views.referral_create, name="referral_create"),
    path("signalements/envoyes/", referral_views.referrals_sent, name="referrals_sent"),
    path("signalements/<int:pk>/", referral_views.referral_detail, name="referral"),
    path("signalements/<int:pk>/prendre/", referral_views.take, name="referral_take"),
    path("signalements/<int:pk>/contact/", referral_views.contact_made, name="referral_contact"),
    path("signalements/<int:pk>/cloturer/", referral_views.close, name="referral_close"),
    path("dispositifs/<int:pk>/affiche/", flyer_views.flyer, name="flyer"),
    path("dispositifs/<int:pk>/qr.png", flyer_views.qr_png, name="qr_png"),
]
