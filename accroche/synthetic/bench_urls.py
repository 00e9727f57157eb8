"""The URL configuration of benchmark runs (BENCH_FLOOR=1): the product's, plus the floor
page that ``bench/pages.py`` measures every page against. The product never serves it."""

from django.urls import include, path

urlpatterns = [
    path("banc/", include("accroche.synthetic.floor")),
    path("", include("accroche.urls")),
]
