"""The benchmark's floor: the simplest page on the same data, through the same middleware
(session, login, current membership), that reads one row and writes one audit row. Each
page's cost in ``bench/pages.py`` is read as a ratio to it. Served only by the benchmark's URL
configuration (``accroche/synthetic/bench_urls.py``, with BENCH_FLOOR=1)."""

from django.http import Http404, HttpResponse
from django.urls import path

from accroche.access.models import AuditEvent
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.models import Youth


def floor(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = Youth.objects.filter(pk=pk, holder_structure_id=actor.structure_id).order_by("pk")
    row = found.values("pk").first()
    if row is None:
        raise Http404
    AuditEvent.objects.create(
        user_id=actor.user.pk,
        structure_id=actor.structure_id,
        role=actor.role,
        via=AuditEvent.Via.WEB,
        action=AuditEvent.Action.READ,
        object_type="bench_floor",
        object_id=row["pk"],
    )
    return HttpResponse("ok", content_type="text/plain")


app_name = "bench"
urlpatterns = [path("plancher/<int:pk>/", floor, name="floor")]
