"""EXPLAIN ANALYZE of every query the main pages run, on a generated database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accroche_bench python bench/explain.py

Requests each page once in-process as a case worker (and the dashboard as a coordinator),
captures its queries and prints, slowest first, those that take more than ``--over`` ms or
read a big table sequentially: the queries to look at when a page gets slow."""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIG = 5_000  # rows: a sequential scan of a table this size is worth a look


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=float, default=5.0, help="ms")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from pages import setup_django

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accroche.accounts.tokens import do_create_token
    from accroche.organisations.models import Membership
    from accroche.synthetic.sessions import open_session
    from accroche.youth.models import Enrolment

    worker = Membership.objects.filter(role="case_worker", user__email__contains="synthetique")
    membership = worker.select_related("user").order_by("pk").first()
    assert membership is not None, "no generated data: run manage.py generate_data first"
    youth = Enrolment.objects.filter(referent=membership).values_list(
        "youth_id", "youth__last_name"
    )[0]
    pages = {
        "home": "/",
        "youth_file": f"/jeunes/{youth[0]}/",
        "youth_list": "/jeunes/",
        "youth_search": f"/jeunes/?q={youth[1][:5]}",
        "api_youth_list": "/api/youth?limit=50",
        "outreach_start": "/reperage/sorties/demarrer/",
        "referral_form": "/reperage/signalements/nouveau/",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = open_session(membership)
    token = do_create_token(membership.user, membership, "explain")[1]
    coordinator = (
        Membership.objects.filter(role="coordinator", user__email__contains="synthetique")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert coordinator is not None
    steering = Client(HTTP_HOST="127.0.0.1")
    steering.cookies["sessionid"] = open_session(coordinator)
    report = []
    for name, url in [*pages.items(), ("dashboard", "/pilotage/?recalculer=1")]:
        who = steering if name == "dashboard" else client
        with CaptureQueriesContext(connection) as captured:
            status = who.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            took = plan[0]["Execution Time"]
            planning = plan[0].get("Planning Time", 0.0)
            # PostgreSQL compiles a costly query's expressions first (jit_above_cost):
            # milliseconds an OLTP page does not want.
            jit = plan[0].get("JIT", {}).get("Timing", {}).get("Total", 0.0)
            scans = _seq_scans(plan[0]["Plan"])
            if took > args.over or scans or jit:
                text = re.sub(r"\s+", " ", sql)[:300]
                report.append((took, name, status, scans, planning, jit, text))
    for took, name, status, scans, planning, jit, sql in sorted(report, reverse=True):
        print(
            f"{took:8.1f} ms  {name} ({status})  planning {planning:.1f} ms  JIT {jit:.1f} ms"
            f"  seq scans: {scans or '-'}\n           {sql}"
        )
    print(
        f"{len(report)} queries over {args.over} ms, compiled by JIT or scanning a big table"
        " sequentially"
    )


def _seq_scans(node: dict) -> list[str]:
    found = []
    if (
        node.get("Node Type") == "Seq Scan"
        and node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
        + node.get("Rows Removed by Filter", 0)
        >= BIG
    ):
        found.append(node["Relation Name"])
    for child in node.get("Plans", []):
        found += _seq_scans(child)
    return found


if __name__ == "__main__":
    main()
