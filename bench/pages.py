"""Page benchmark: the application under gunicorn on PostgreSQL, loaded with wrk on loopback.

    python bench/pages.py --size small          # what `make bench` runs (< 10 minutes)
    python bench/pages.py --size metro --duration 15

Builds a scratch database (``accroche_bench`` by default; dropped and re-created unless
``--reuse``), fills it with ``manage.py generate_data``, logs bench users in by writing their
sessions straight into the database (no login form, so two-factor login does not matter),
starts gunicorn, and for each page and each concurrency runs wrk for ``--duration`` seconds.
Writes p50/p95/p99, requests per second and the ratio to the floor page to
``bench/results/pages-<size>.json``, with a description of the machine."""

import argparse
import base64
import datetime
import importlib.util
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "LINKAGE_KEY": "bench-only-linkage-key-" + "y" * 30,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "STATIC_MANIFEST": "0",
    "BENCH_FLOOR": "1",
    "LOG_LEVEL": "WARNING",
    "DB_CONN_MAX_AGE": "600",
    # A fixed Fernet key for the encrypted fields of the scratch database (bench only).
    "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(b"bench-only-field-key-0123456789a").decode(),
}
READ, WRITE = 200, 302  # a write answers with a redirect to what it made


def setup_django() -> None:
    """For the in-process scripts (explain.py, single.py): the bench settings, then
    Django, on the database that DATABASE_URL names."""
    sys.path.insert(0, str(ROOT))
    for key, value in ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accroche.settings")
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["small", "metro", "national"], default="small")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", default="accroche_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--reuse", action="store_true", help="keep the database as it is")
    parser.add_argument("--duration", type=int, default=8, help="seconds per page and load")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument(
        "--think-users",
        type=int,
        default=8,
        help="users who wait between pages (0: none); measured for --duration",
    )
    parser.add_argument("--think-ms", type=int, default=500, help="their mean wait")
    parser.add_argument(
        "--think-duration",
        type=int,
        default=0,
        help="seconds of thinking users per page (default: --duration); at ~13 requests/s a"
        " p95 needs more than 10 s to be steady",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    args.think_duration = args.think_duration or args.duration
    args.pg = args.pg.rstrip("/")
    env = {**os.environ, **ENV, "DATABASE_URL": f"{args.pg}/{args.db}"}
    os.environ.update(env)
    started = time.monotonic()
    timings: dict[str, float] = {}
    if not args.reuse:
        _build(args, env, timings)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accroche.settings")
    import django

    django.setup()
    scenarios = _scenarios()
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [
            str(BIN / "gunicorn"),
            "accroche.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    results: dict[str, Any] = {}
    args.server_pid = server.pid
    try:
        _wait_for(args.port)
        _warm_up(scenarios["floor"]["lines"], args)
        for name, scenario in scenarios.items():
            results[name] = _run(name, scenario, args)
            print(name, json.dumps(results[name]), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    _ratios(results)
    out = ROOT / "bench" / "results" / f"pages-{args.size}.json"
    out.write_text(
        json.dumps(
            {
                "command": "python bench/pages.py " + " ".join(sys.argv[1:]),
                "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "size": args.size,
                "rows": _rows(),
                "setup_seconds": timings,
                "total_seconds": round(time.monotonic() - started, 1),
                "server": f"gunicorn, {args.workers} sync workers, DEBUG=0, loopback",
                "load": (
                    f"wrk, 2 threads, 2 s warm-up, then {args.duration} s per page and number"
                    " of connections c<N> (each asks again as soon as answered: saturation)"
                    + (
                        f"; u{args.think_users}_think{args.think_ms}ms: {args.think_users}"
                        f" users (Python threads, one connection per request, sent whole)"
                        f" waiting {args.think_ms} ms on average (exponential) between two"
                        f" pages, for {args.think_duration} s"
                        if args.think_users
                        else ""
                    )
                ),
                "machine": _machine(),
                "pages": results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"written {out.relative_to(ROOT)} in {time.monotonic() - started:.0f} s")


def _build(args: argparse.Namespace, env: dict[str, str], timings: dict[str, float]) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db}"')
    manage = [str(BIN / "python"), "manage.py"]
    for step, command in (
        ("migrate", ["migrate", "--no-input", "-v0"]),
        ("load_reference", ["load_reference"]),
        ("generate_data", ["generate_data", "--size", args.size, "--seed", str(args.seed)]),
        ("refresh_linkage", ["refresh_linkage"]),
        ("analyze", ["dbshell", "--", "-c", "ANALYZE"]),
    ):
        begin = time.monotonic()
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True)  # noqa: S603
        timings[step] = round(time.monotonic() - begin, 1)
        print(f"{step}: {timings[step]} s", flush=True)


# --- who asks what ------------------------------------------------------------------------


def _scenarios() -> dict[str, dict[str, Any]]:
    """Each scenario: the requests wrk cycles through (spread over users) and the status
    every one of them must get."""
    from accroche.access.roles import Role
    from accroche.organisations.models import Membership
    from accroche.outreach.models import Referral
    from accroche.territory.models import Commune
    from accroche.youth.models import Enrolment, Youth

    workers = list(
        Membership.objects.filter(role=Role.CASE_WORKER, user__email__contains="synthetique")
        .select_related("user")
        .order_by("pk")[:32]
    )
    mediators = list(
        Membership.objects.filter(role=Role.MEDIATOR, user__email__contains="synthetique")
        .select_related("user", "structure")
        .order_by("pk")[:32]
    )
    coordinators = list(
        Membership.objects.filter(role=Role.COORDINATOR, user__email__contains="synthetique")
        .select_related("user")
        .order_by("pk")[:32]
    )
    reads: dict[str, list[str]] = {
        k: []
        for k in (
            "floor",
            "home",
            "youth_file",
            "youth_list",
            "youth_search",
            "api_youth_list",
            "api_youth_file",
            "api_youth_search",
        )
    }
    for membership in workers:
        cookie = _session_headers(membership)
        token = _token_header(membership)
        youths = list(
            Enrolment.objects.filter(referent=membership)
            .values_list("youth_id", "youth__last_name", "youth__first_name")
            .order_by("youth_id")[:20]
        ) or list(
            Youth.objects.filter(holder_structure_id=membership.structure_id)
            .values_list("pk", "last_name", "first_name")
            .order_by("pk")[:20]
        )
        for pk, last, first in youths:
            word = (last or first or "a")[:5]
            reads["floor"].append(_line("GET", f"/banc/plancher/{pk}/", cookie))
            reads["youth_file"].append(_line("GET", f"/jeunes/{pk}/", cookie))
            reads["youth_search"].append(_line("GET", f"/jeunes/?q={_q(word)}", cookie))
            reads["api_youth_file"].append(_line("GET", f"/api/youth/{pk}", token))
            reads["api_youth_search"].append(_line("GET", f"/api/youth?q={_q(word)}", token))
        reads["home"].append(_line("GET", "/", cookie))
        reads["youth_list"].append(_line("GET", "/jeunes/", cookie))
        reads["api_youth_list"].append(_line("GET", "/api/youth?limit=50", token))
    scenarios = {name: {"status": READ, "lines": lines} for name, lines in reads.items()}
    starts, referrals = [], []
    for membership in mediators:
        cookie = _session_headers(membership, form=True)
        programme_id = membership.structure.participations.values_list("programme_id", flat=True)[0]
        commune = Commune.objects.filter(participation__structure=membership.structure_id).values(
            "code"
        )[0]
        starts.append(
            _line(
                "POST",
                "/reperage/sorties/demarrer/",
                cookie,
                f"programme={programme_id}&modality=street_walk&started_at=",
            )
        )
        referrals.append(
            _line(
                "POST",
                "/reperage/signalements/nouveau/",
                cookie,
                f"programme={programme_id}&source=family&name=Bench&phone=0612345678&commune={commune['code']}&qpv=",
            )
        )
    scenarios["outreach_session_start"] = {"status": WRITE, "lines": starts}
    scenarios["referral_create"] = {"status": WRITE, "lines": referrals}
    if importlib.util.find_spec("accroche.reports") is not None:
        dashboards = [_line("GET", "/pilotage/", _session_headers(m)) for m in coordinators]
        scenarios["dashboard"] = {"status": READ, "lines": dashboards}
    assert Referral.objects.exists()  # the generated set has them: the pages are not empty
    return scenarios


def _session_headers(membership: Any, *, form: bool = False) -> str:
    from accroche.synthetic.sessions import open_session

    csrf = secrets.token_hex(16)  # a 32-character secret, as Django's cookie holds
    headers = [f"Cookie: sessionid={open_session(membership)}; csrftoken={csrf}"]
    if form:
        headers += [f"X-CSRFToken: {csrf}", "Content-Type: application/x-www-form-urlencoded"]
    return "|".join(headers)


def _token_header(membership: Any) -> str:
    from accroche.accounts.tokens import do_create_token

    _, secret = do_create_token(membership.user, membership, "bench")
    return f"Authorization: Bearer {secret}"


def _line(method: str, path: str, headers: str, body: str = "") -> str:
    return "\t".join((method, path, headers, body))


def _q(word: str) -> str:
    return urllib.parse.quote(word)


# --- running ------------------------------------------------------------------------------


def _wait_for(port: int) -> None:
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/compte/connexion/", timeout=10)
            return
        except OSError:  # refused, reset or timed out while the workers start
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _check(port: int, line: str, expected: int) -> None:
    """One request by hand first: a page that fails or redirects to the login is no figure."""
    method, path, headers, body = line.split("\t")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method, data=body.encode() if body else None
    )
    for header in headers.split("|"):
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    try:
        status = urllib.request.build_opener(_NoRedirect).open(request, timeout=60).status
        location = ""
    except urllib.error.HTTPError as exc:
        status, location = exc.code, exc.headers.get("Location", "")
    if status != expected or "connexion" in location:
        raise RuntimeError(f"{method} {path}: {status} {location}, expected {expected}")


def _run(name: str, scenario: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    lines = scenario["lines"]
    _check(args.port, lines[0], scenario["status"])
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
    figures: dict[str, Any] = {"expected_status": scenario["status"], "distinct": len(lines)}
    try:
        # Two unrecorded seconds first: every worker has imported its code and connected.
        _wrk(args, handle.name, 8, 2)
        for concurrency in (int(c) for c in args.concurrency.split(",")):
            _drain(args.server_pid)
            cpu_before = _server_cpu(args.server_pid)
            out = _wrk(args, handle.name, concurrency, args.duration)
            result = json.loads(out.split("RESULT ", 1)[1])
            # CPU seconds the gunicorn workers spent, per request: steadier than latency
            # on a machine that other processes share.
            cpu = _server_cpu(args.server_pid) - cpu_before
            result["app_cpu_ms_per_request"] = round(1000 * cpu / max(result["requests"], 1), 1)
            result["rps"] = round(result["requests"] / (result["duration_us"] / 1e6), 1)
            figures[f"c{concurrency}"] = result
        if args.think_users:
            _drain(args.server_pid)
            result = _thinking_users(args, lines)
            figures[f"u{args.think_users}_think{args.think_ms}ms"] = result
    finally:
        os.unlink(handle.name)
    return figures


def _warm_up(lines: list[str], args: argparse.Namespace) -> None:
    """Each worker imports the URL configuration (every page's code) at its first request,
    seconds of CPU that are not a page's: spend them before measuring anything."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv") as handle:
        handle.write("\n".join(lines) + "\n")
        handle.flush()
        _wrk(args, handle.name, 2 * args.workers, 15)


def _thinking_users(args: argparse.Namespace, lines: list[str]) -> dict[str, Any]:
    """``--think-users`` people, each waiting an exponential time of mean ``--think-ms``
    between two pages, then sending the whole request at once (as a browser does through a
    proxy). Not wrk: wrk opens the next connection before the wait, and a sync gunicorn
    worker that accepts it waits with it, which no user behind nginx would see. At this
    low rate a Python client costs little CPU."""
    import http.client
    import random
    import threading

    took: list[float] = []
    errors = [0]
    deadline = time.monotonic() + args.think_duration
    lock = threading.Lock()

    def user(seed: int) -> None:
        rng = random.Random(seed)  # waiting times: not secrets
        while True:
            time.sleep(rng.expovariate(1000 / args.think_ms))
            if time.monotonic() >= deadline:
                return
            method, path, header_text, body = rng.choice(lines).split("\t")
            headers = dict(h.split(": ", 1) for h in header_text.split("|"))
            begin = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            try:
                conn.request(method, path, body=body.encode() or None, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status in (READ, WRITE)
            except OSError:
                ok = False
            finally:
                conn.close()
            with lock:
                took.append(1000 * (time.perf_counter() - begin))
                errors[0] += not ok

    threads = [threading.Thread(target=user, args=(i,)) for i in range(args.think_users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took.sort()

    def pct(q: float) -> float:
        return round(took[min(len(took) - 1, int(q * len(took)))], 2) if took else 0.0

    return {
        "requests": len(took),
        "errors": errors[0],
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(took[-1], 2) if took else 0.0,
        "rps": round(len(took) / args.think_duration, 1),
    }


def _wrk(
    args: argparse.Namespace,
    requests_file: str,
    concurrency: int,
    seconds: int,
) -> str:
    return subprocess.run(  # noqa: S603
        [  # noqa: S607 - Debian's wrk, on the PATH
            "wrk",
            f"-t{min(2, concurrency)}",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "pages.lua"),
            f"http://127.0.0.1:{args.port}",
        ],
        env={**os.environ, "REQUESTS": requests_file},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _drain(master: int) -> None:
    """Waits until the workers are idle: requests wrk gave up on when its previous run ended
    (32 slow pages queued) would otherwise be served during the next run."""
    for _ in range(120):
        before = _server_cpu(master)
        time.sleep(0.5)
        if _server_cpu(master) - before < 0.05:
            return


def _server_cpu(master: int) -> float:
    """User + system CPU seconds of gunicorn's workers (children of the master) so far."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == master:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _ratios(results: dict[str, Any]) -> None:
    floor = results["floor"]
    for figures in results.values():
        for key, value in figures.items():
            if key.startswith("c") and key in floor:
                base = floor[key]
                value["p50_to_floor"] = round(value["p50_ms"] / base["p50_ms"], 2)
                value["p95_to_floor"] = round(value["p95_ms"] / base["p95_ms"], 2)
                value["rps_floor_to_page"] = round(base["rps"] / value["rps"], 2)
                value["cpu_to_floor"] = round(
                    value["app_cpu_ms_per_request"] / base["app_cpu_ms_per_request"], 2
                )


def _rows() -> dict[str, int]:
    from django.db import connection

    tables = [
        "youth_youth",
        "outreach_contact",
        "followup_interaction",
        "access_auditevent",
        "organisations_structure",
        "youth_enrolment",
        "youth_consent",
    ]
    with connection.cursor() as cursor:
        found = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            found[table] = cursor.fetchone()[0]
    return found


def _machine() -> dict[str, Any]:
    from django.db import connection

    def proc(path: str, key: str) -> str:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
        return ""

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": proc("/proc/cpuinfo", "model name"),
        "ram_mib": int(proc("/proc/meminfo", "MemTotal").split()[0]) // 1024,
        "load_average": os.getloadavg(),
        "postgresql": pg,
        "python": platform.python_version(),
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0],  # noqa: S607
    }


if __name__ == "__main__":
    main()
