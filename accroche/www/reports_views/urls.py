"""Steering ("pilotage"): dashboard, outreach planning, drill-down to the records behind a
figure. Funder reports and exports add their lines below, one per page."""

from django.urls import path

from accroche.www.reports_views import committee, dashboard, drill, exports, fse, pic, planning

app_name = "reports"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("planification/", planning.planning, name="planning"),
    path("detail/<slug:key>/", drill.drill, name="drill"),
    path("fse/", fse.fse, name="fse"),
    path("fse/export.<slug:fmt>", fse.fse_export, name="fse_export"),
    path("fse/detail/<slug:key>/", fse.fse_drill, name="fse_drill"),
    path("pic/", pic.pic, name="pic"),
    path("pic/export.<slug:fmt>", pic.pic_export, name="pic_export"),
    path("comite/", committee.committee, name="committee"),
    path("comite/rapport.pdf", committee.committee_pdf, name="committee_pdf"),
    path("evaluation/", exports.evaluation, name="evaluation"),
]
