from django.urls import path

from accroche.www.public_views import who_to_contact

app_name = "who_to_contact"

urlpatterns = [
    path("<slug:slug>/qui-contacter/", who_to_contact.page, name="page"),
]
