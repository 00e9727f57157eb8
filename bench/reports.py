"""Steering benchmark: builds one programme with 10,000 enrolled young people and about
200,000 events (contacts, outreach sessions and their counts, diagnostics, interactions,
workshop attendances, immersions, hand-offs, exits, aid) with bulk inserts in a scratch
database, then times each dashboard indicator, the planning, a drill-down, and the funder
reports when they are importable (accroche.reports.fse / pic).

    DEBUG=1 .venv/bin/python bench/reports.py [--youths N] [--events N]
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/accroche \
        .venv/bin/python bench/reports.py

SQLite: a scratch file in /tmp. PostgreSQL: a scratch database ``<name>_bench_reports``
next to the one of DATABASE_URL (dropped and created again; the given one is not touched).
Each figure is computed once cold, then three times: the median is kept. Target: < 2 s.
On PostgreSQL the database is ANALYZEd after the load, as autovacuum would do.
Results are merged into bench/results/reports.json, one entry per database engine.
"""

import argparse
import datetime
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "reports.json"
SQLITE_FILE = Path(tempfile.gettempdir()) / "accroche_bench_reports.sqlite3"
TARGET_SECONDS = 2.0


def scratch_database() -> str:
    """Point DATABASE_URL at an empty scratch database and say which engine it is."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        SQLITE_FILE.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
        return "sqlite"
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'accroche'}_bench_reports"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return "postgresql"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accroche.settings")
    os.environ.setdefault("DEBUG", "1")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # no query log: the timings are the queries', not the logger's
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(youth_count: int, event_count: int, seed: int = 2026) -> dict[str, Any]:
    """One programme, 10 structures, ``youth_count`` enrolled young people and about
    ``event_count`` events, spread over 2026."""
    from django.utils import timezone

    from accroche.accounts.models import User
    from accroche.followup.models import (
        Aid,
        AidKind,
        AidStatus,
        Attendance,
        AttendanceStatus,
        BudgetLine,
        HandOff,
        HandOffStatus,
        HandOffTarget,
        Immersion,
        Interaction,
        InteractionKind,
        Outcome,
        OutcomeKind,
        Workshop,
        WorkshopKind,
        WorkshopSession,
    )
    from accroche.organisations.models import (
        Membership,
        Participation,
        Programme,
        Structure,
        Target,
    )
    from accroche.outreach.models import Contact, OutreachSession, Place, SessionCount
    from accroche.territory.models import Commune
    from accroche.youth.models import Diagnostic, Enrolment, Gender, NameCompleteness, Youth

    rng = random.Random(seed)
    year = datetime.date(2026, 1, 1)

    def day() -> datetime.date:
        return year + datetime.timedelta(days=rng.randrange(365))

    def moment(on: datetime.date | None = None, hour: int | None = None) -> datetime.datetime:
        on = on or day()
        at = datetime.time(hour if hour is not None else rng.randrange(8, 22), rng.randrange(60))
        return timezone.make_aware(datetime.datetime.combine(on, at))

    started = time.perf_counter()
    structures = Structure.objects.bulk_create(
        [Structure(name=f"Structure bench {i}", kind="association") for i in range(10)]
    )
    users = User.objects.bulk_create(
        [
            User(email=f"bench{i}@exemple.fr", first_name="Bench", last_name=str(i))
            for i in range(10)
        ]
    )
    members = Membership.objects.bulk_create(
        [
            Membership(user=u, structure=s, role="coordinator")
            for u, s in zip(users, structures, strict=True)
        ]
    )
    programme = Programme.objects.create(
        name="Dispositif bench",
        slug="bench",
        start_date=year,
        end_date=datetime.date(2027, 12, 31),
        lead_structure=structures[0],
        total_budget=Decimal("1500000"),
    )
    Participation.objects.bulk_create(
        [
            Participation(programme=programme, structure=s, kind="lead" if i == 0 else "partner")
            for i, s in enumerate(structures)
        ]
    )
    Target.objects.bulk_create(
        [
            Target(programme=programme, indicator=code, minimum=1000)
            for code in Target.Indicator.values
        ]
    )
    communes = Commune.objects.bulk_create(
        [
            Commune(code=f"99{i:03d}", name=f"Commune {i}", department="99", vintage="bench")
            for i in range(20)
        ]
    )
    programme.communes.set(communes)
    places = Place.objects.bulk_create(
        [
            Place(
                programme=programme,
                name=f"Lieu {i}",
                kind="park",
                commune=communes[i % 20],
                latitude=49.4 + i / 1000,
                longitude=1.1 + i / 1000,
                created_by_structure=structures[0],
            )
            for i in range(40)
        ]
    )
    genders = [Gender.WOMAN, Gender.MAN, Gender.MAN, Gender.NON_BINARY]
    youths = Youth.objects.bulk_create(
        [
            Youth(
                first_name=f"Jeune{i}",
                name_completeness=NameCompleteness.PARTIAL,
                gender=rng.choice(genders),
                birth_date=datetime.date(1997 + rng.randrange(12), 1 + rng.randrange(12), 1),
                residence_commune=communes[i % 20],
                holder_structure=structures[i % 10],
            )
            for i in range(youth_count)
        ],
        batch_size=2000,
    )
    entries = [day() for _ in youths]
    phases = ["contact", "mobilisation", "follow_up", "hand_off"]
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                youth=y,
                programme=programme,
                referent=members[i % 10],
                phase=rng.choice(phases),
                entry_date=entries[i],
                eligibility_status="eligible",
                created_by_structure=structures[i % 10],
            )
            for i, y in enumerate(youths)
        ],
        batch_size=2000,
    )
    counts: dict[str, int] = {}

    def share(fraction: float) -> int:
        return int(event_count * fraction)

    # Outreach: sessions at a place, three counter cells each, named contacts.
    n_sessions = share(0.04)
    sessions = OutreachSession.objects.bulk_create(
        [
            OutreachSession(
                programme=programme,
                structure=structures[i % 10],
                started_at=(start := moment(hour=rng.randrange(8, 23))),
                ended_at=start + datetime.timedelta(minutes=rng.choice([60, 90, 120, 180])),
            )
            for i in range(n_sessions)
        ],
        batch_size=2000,
    )
    through = OutreachSession.places.through
    through.objects.bulk_create(
        [through(outreachsession_id=s.pk, place_id=rng.choice(places).pk) for s in sessions],
        batch_size=5000,
    )
    cells = [("18_21", "man"), ("22_25", "woman"), ("16_17", "unknown")]
    SessionCount.objects.bulk_create(
        [
            SessionCount(session=s, age_band=band, gender=g, count=rng.randrange(6))
            for s in sessions
            for band, g in cells
        ],
        batch_size=5000,
    )
    n_contacts = share(0.15)
    Contact.objects.bulk_create(
        [
            Contact(
                programme=programme,
                structure=(y := rng.choice(youths)).holder_structure,
                youth=y,
                session=rng.choice(sessions) if rng.random() < 0.5 else None,
                happened_at=moment(),
            )
            for _ in range(n_contacts)
        ],
        batch_size=5000,
    )
    counts.update(sessions=n_sessions, session_places=n_sessions, session_counts=3 * n_sessions)
    counts["contacts"] = n_contacts
    # Follow-up.
    n_diag = share(0.04)
    Diagnostic.objects.bulk_create(
        [
            Diagnostic(
                youth=(y := rng.choice(youths)), done_on=day(), author_structure=y.holder_structure
            )
            for _ in range(n_diag)
        ],
        batch_size=5000,
    )
    n_inter = share(0.40)
    kinds = [InteractionKind.INTERVIEW, InteractionKind.CALL, InteractionKind.HOME_VISIT]
    Interaction.objects.bulk_create(
        [
            Interaction(
                youth=(y := rng.choice(youths)),
                kind=rng.choice(kinds),
                happened_at=moment(),
                duration_minutes=rng.choice([15, 30, 60]),
                author_structure=y.holder_structure,
            )
            for _ in range(n_inter)
        ],
        batch_size=5000,
    )
    workshops = Workshop.objects.bulk_create(
        [
            Workshop(
                programme=programme,
                title=f"Atelier {i}",
                kind=WorkshopKind.SPORT,
                structure=structures[i % 10],
                capacity=30,
                created_by_structure=structures[i % 10],
            )
            for i in range(20)
        ]
    )
    n_ws = share(0.005)
    workshop_sessions = WorkshopSession.objects.bulk_create(
        [
            WorkshopSession(
                workshop=rng.choice(workshops), starts_at=moment(), duration_minutes=120
            )
            for _ in range(n_ws)
        ]
    )
    n_att = share(0.15)
    statuses = list(AttendanceStatus)
    pairs = {(rng.randrange(n_ws), rng.randrange(youth_count)) for _ in range(n_att)}
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=workshop_sessions[s],
                youth=youths[y],
                status=rng.choice(statuses),
                registered_by_structure=youths[y].holder_structure,
            )
            for s, y in pairs
        ],
        batch_size=5000,
    )
    n_imm = share(0.01)
    Immersion.objects.bulk_create(
        [
            Immersion(
                youth=(y := rng.choice(youths)),
                company="Entreprise",
                start_on=(s := day()),
                end_on=s + datetime.timedelta(days=4),
                tutor_name="Tuteur",
                created_by_structure=y.holder_structure,
            )
            for _ in range(n_imm)
        ]
    )
    n_handoffs = share(0.025)
    targets = list(HandOffTarget)
    handed = rng.sample(range(youth_count), n_handoffs)
    HandOff.objects.bulk_create(
        [
            HandOff(
                youth=youths[i],
                enrolment=enrolments[i],
                target=rng.choice(targets),
                status=HandOffStatus.SENT,
                proposed_on=entries[i],
                sent_on=min(
                    entries[i] + datetime.timedelta(days=rng.randrange(90)),
                    datetime.date(2026, 12, 31),
                ),
                created_by_structure=youths[i].holder_structure,
            )
            for i in handed
        ]
    )
    n_exits = share(0.015)
    outcomes = list(OutcomeKind)
    Outcome.objects.bulk_create(
        [
            Outcome(
                enrolment=enrolments[i],
                youth=youths[i],
                kind=rng.choice(outcomes),
                exited_on=min(
                    entries[i] + datetime.timedelta(days=rng.randrange(120)),
                    datetime.date(2026, 12, 31),
                ),
                recorded_by_structure=youths[i].holder_structure,
            )
            for i in rng.sample(range(youth_count), n_exits)
        ]
    )
    lines = BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                programme=programme,
                year=2026,
                label=f"Ligne {kind}",
                kind=kind,
                envelope=Decimal("50000"),
            )
            for kind in AidKind.values
        ]
    )
    n_aid = share(0.015)
    aid_statuses = list(AidStatus)
    Aid.objects.bulk_create(
        [
            Aid(
                youth=(y := rng.choice(youths)),
                budget_line=(line := rng.choice(lines)),
                kind=line.kind,
                amount=Decimal(rng.randrange(20, 300)),
                reason="bench",
                status=rng.choice(aid_statuses),
                requested_on=day(),
                requested_by_structure=y.holder_structure,
            )
            for _ in range(n_aid)
        ],
        batch_size=5000,
    )
    counts.update(
        diagnostics=n_diag,
        interactions=n_inter,
        workshop_sessions=n_ws,
        attendances=len(pairs),
        immersions=n_imm,
        handoffs=n_handoffs,
        outcomes=n_exits,
        aids=n_aid,
    )
    return {
        "programme": programme,
        "member": members[0],
        "youths": youth_count,
        "enrolments": len(enrolments),
        "events": counts,
        "events_total": sum(counts.values()),
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def timed(function: Callable[[], Any], repeat: int = 3) -> dict[str, float]:
    started = time.perf_counter()
    function()
    cold = time.perf_counter() - started
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return {"cold_s": round(cold, 3), "median_s": round(statistics.median(runs), 3)}


def measure(programme: Any, member: Any) -> dict[str, Any]:
    from accroche.access.actor import Actor
    from accroche.reports import indicators
    from accroche.reports.drill import drill_youths
    from accroche.reports.filters import ReportFilter
    from accroche.reports.planning import planning

    report = ReportFilter(programme, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    narrowed = ReportFilter(
        programme,
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
        gender="woman",
        age_band="18_21",
    )
    actor = Actor(user=member.user, membership=member)

    def dashboard(f: ReportFilter) -> None:
        indicators.funnel(f)
        indicators.durations(f)
        indicators.activity(f)
        list(indicators.budget_lines(f))
        indicators.cost(f)
        indicators.contacts_by_place(f)

    steps: dict[str, Callable[[], Any]] = {
        "funnel": lambda: indicators.funnel(report),
        "durations": lambda: indicators.durations(report),
        "activity": lambda: indicators.activity(report),
        "budget_lines": lambda: list(indicators.budget_lines(report)),
        "cost": lambda: indicators.cost(report),
        "contacts_by_place": lambda: indicators.contacts_by_place(report),
        "dashboard_all": lambda: dashboard(report),
        "dashboard_all_filtered_gender_age": lambda: dashboard(narrowed),
        "planning": lambda: planning(report),
        "drill_enrolled_as_coordinator": lambda: drill_youths(actor, report, "enrolled"),
    }
    steps.update(part_b(report))
    return {name: timed(step) for name, step in steps.items()}


def part_b(report: Any) -> dict[str, Callable[[], Any]]:
    """The funder reports, when part B of the steering issue is there."""
    found: dict[str, Callable[[], Any]] = {}
    try:
        from accroche.reports.fse import fse_report

        found["fse_report"] = lambda: fse_report(report)
    except ImportError:
        pass
    try:
        from accroche.reports import pic

        function = getattr(pic, "pic_report", None)
        if function is not None:
            found["pic_report"] = lambda: function(report)
    except ImportError:
        pass
    return found


def _database_version(engine: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select sqlite_version()" if engine == "sqlite" else "show server_version")
        return str(cursor.fetchone()[0])


def machine(engine: str) -> dict[str, Any]:
    cpu, memory = "", 0
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        memory = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        pass

    return {
        "engine": engine,
        "database_version": _database_version(engine),
        "cores": os.cpu_count(),
        # The machine is shared: a high load makes every figure slower.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "memory_mib": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--youths", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    engine = scratch_database()
    setup_django()
    built = build(args.youths, args.events)
    if engine == "postgresql":
        # What autovacuum does soon after a bulk load in production: without statistics
        # the planner guesses, and the first minutes after the load are not the use case.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built in {built['build_seconds']} s: {built['events_total']} events", flush=True)
    timings = measure(built.pop("programme"), built.pop("member"))
    worst = max(t["median_s"] for t in timings.values())
    result = {
        "machine": machine(engine),
        "data": built,
        "timings": timings,
        "target_s": TARGET_SECONDS,
        "all_under_target": worst < TARGET_SECONDS,
    }
    print(json.dumps(result, indent=1), flush=True)
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[engine] = result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
