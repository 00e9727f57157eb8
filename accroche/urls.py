from django.urls import include, path

from accroche.api.api import api

urlpatterns = [
    path("", include("accroche.www.home_views.urls")),
    path("compte/", include("accroche.www.accounts_views.urls")),
    path("dispositifs/", include("accroche.www.programmes_views.urls")),
    path("structures/", include("accroche.www.structures_views.urls")),
    path("jeunes/doublons/", include("accroche.www.linkage_views.urls")),
    path("", include("accroche.www.followup_views.urls")),
    path("jeunes/", include("accroche.www.youth_views.urls")),
    path("reperage/", include("accroche.www.outreach_views.urls")),
    path("territoire/", include("accroche.www.territory_views.urls")),
    path("projets/", include("accroche.www.projects_views.urls")),
    path("jeunes/", include("accroche.www.territory_views.youth_urls")),
    path("jeunes/", include("accroche.www.privacy_views.urls")),
    path("p/", include("accroche.www.public_views.urls")),
    path("p/", include("accroche.www.public_views.who_to_contact_urls")),
    path("journal/", include("accroche.www.audit_views.urls")),
    path("pilotage/", include("accroche.www.reports_views.urls")),
    path("api/", api.urls),
]
