"""One request at a time on a generated database: the name search among every young person
and one programme's dashboard, the two figures of issue 8 that are not about load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accroche_national python bench/single.py

- ``search_all``: the tolerant name search (accroche/youth/search.py) over the whole
  youth table, as the trigram indexes serve it: the first page of 50 names and the count,
  for surnames taken from the data (first five letters, as people type) and full
  "first last" names with a typo.
- ``search_visible``: the same search as a case worker types it on "Jeunes" (the access
  layer first), through the page's own query.
- ``dashboard_computed``: the coordinator's dashboard of the programme with the most young
  people, the whole page in-process, its figures recomputed (``?recalculer=1``);
  ``dashboard_kept``: the same page when the figures computed less than
  REPORT_CACHE_SECONDS ago are reused.

Wall-clock milliseconds per request (p50, p95, max) in one process, after one unrecorded
run; written to ``bench/results/single-<size>.json`` with the machine's description."""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="national", help="only names the results file")
    parser.add_argument("--searches", type=int, default=40)
    parser.add_argument("--dashboards", type=int, default=10)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from pages import _machine, setup_django

    setup_django()
    from django.db.models import Count
    from django.test import Client

    from accroche.access.actor import Actor
    from accroche.access.roles import Role
    from accroche.organisations.models import Membership
    from accroche.synthetic.sessions import open_session
    from accroche.youth.lists import YouthFilters, filter_youths
    from accroche.youth.models import Enrolment, Youth
    from accroche.youth.search import search_youths

    rng = random.Random(8)  # which names to look for: not secrets
    total = Youth.objects.count()
    names = []
    for _ in range(args.searches):
        first, last = (
            Youth.objects.filter(pk__gte=rng.randrange(total))
            .exclude(last_name="")
            .order_by("pk")
            .values_list("first_name", "last_name")[0]
        )
        names.append(last[:5])
        typo = list(last)
        typo[rng.randrange(len(typo))] = "e" if typo[0] != "e" else "a"
        names.append(f"{first} {''.join(typo)}")

    def timed(run: Any, items: list[Any]) -> dict[str, float]:
        run(items[0])  # caches and plans warmed once, not recorded
        took = []
        for item in items:
            begin = time.perf_counter()
            run(item)
            took.append(1000 * (time.perf_counter() - begin))
        return _summary(took)

    def search_all(name: str) -> None:
        found = search_youths(Youth.objects.all(), name)
        list(found.order_by("last_name", "first_name", "pk")[:50])
        found.count()

    worker = (
        Membership.objects.filter(role=Role.CASE_WORKER, user__email__contains="synthetique")
        .select_related("user", "structure")
        .order_by("pk")
        .first()
    )
    assert worker is not None, "no generated data: run manage.py generate_data first"
    actor = Actor(user=worker.user, membership=worker)

    def search_visible(name: str) -> None:
        found = filter_youths(actor, YouthFilters(mine=False, query=name))
        list(found[:50])
        found.count()

    programme_id, youths = (
        Enrolment.objects.values("programme_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("programme_id", "n")[0]
    )
    coordinator = (
        Membership.objects.filter(
            role=Role.COORDINATOR,
            structure__participations__programme_id=programme_id,
            user__email__contains="synthetique",
        )
        .select_related("user")
        .first()
    )
    assert coordinator is not None
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = open_session(coordinator)
    url = f"/pilotage/?programme={programme_id}"

    def dashboard(recompute: bool) -> None:
        response = client.get(url + ("&recalculer=1" if recompute else ""))
        assert response.status_code == 200, response.status_code

    results = {
        "search_all": {"youths_searched": total, **timed(search_all, names)},
        "search_visible": {
            "youths_visible": filter_youths(actor, YouthFilters(mine=False)).count(),
            **timed(search_visible, names),
        },
        "dashboard_computed": {
            "programme_enrolments": youths,
            **timed(dashboard, [True] * args.dashboards),
        },
        "dashboard_kept": {
            "programme_enrolments": youths,
            **timed(dashboard, [False] * args.dashboards),
        },
    }
    out = ROOT / "bench" / "results" / f"single-{args.size}.json"
    out.write_text(
        json.dumps(
            {
                "command": "python bench/single.py " + " ".join(sys.argv[1:]),
                "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "database": "PostgreSQL"
                if "postgres" in os.environ.get("DATABASE_URL", "")
                else "SQLite",
                "machine": _machine(),
                "results": results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(json.dumps(results, indent=2))
    print(f"written {out.relative_to(ROOT)}")


def _summary(took: list[float]) -> dict[str, float]:
    took = sorted(took)
    return {
        "runs": len(took),
        "p50_ms": round(statistics.median(took), 1),
        "p95_ms": round(took[min(len(took) - 1, round(0.95 * (len(took) - 1)))], 1),
        "max_ms": round(took[-1], 1),
    }


if __name__ == "__main__":
    main()
