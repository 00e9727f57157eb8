"""Nothing depends on a single process: two application servers on one database share
sessions and data (what running several servers behind a load balancer needs)."""

import base64
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from accroche.access.roles import Role
from accroche.outreach.models import OutreachSession
from accroche.synthetic.sessions import open_session
from tests.factories.organisations import MembershipFactory, ProgrammeFactory

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not GUNICORN.exists() and not shutil.which("gunicorn"), reason="no gunicorn"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url(tmp_path: Path) -> str:
    """The test database, as another process can open it."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host = settings["HOST"] or "127.0.0.1"
        user = f"{settings['USER']}:{settings['PASSWORD']}"
        return f"postgres://{user}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"
    # SQLite test databases live in memory: copy this one, committed rows included, to a file.
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    # sqlite3 retries a locked source forever (a request left open by an earlier failed
    # test would hang the run): give up after a minute, with the reason.
    deadline = time.monotonic() + 60

    def give_up_when_stuck(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise TimeoutError("the test database stayed locked for a minute")

    connection.connection.backup(target, progress=give_up_when_stuck)
    target.close()
    return f"sqlite:///{path}"


def _start(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
        "FIELD_ENCRYPTION_KEYS": os.environ.get("FIELD_ENCRYPTION_KEYS")
        or base64.urlsafe_b64encode(b"x" * 32).decode(),
    }
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [str(GUNICORN), "accroche.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/compte/connexion/", timeout=10)  # noqa: S310
            return process, base
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("gunicorn did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _call(url: str, cookie: str, data: bytes | None = None) -> tuple[int, str, str]:
    """(status, redirect location, page or cookies set) of one request, not following
    redirects."""
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310
    request.add_header("Cookie", cookie)
    if data:
        request.add_header("X-CSRFToken", "c" * 32)
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        response = urllib.request.build_opener(_NoRedirect).open(request, timeout=60)
        return response.status, "", response.read().decode()
    except urllib.error.HTTPError as exc:
        return (
            exc.code,
            exc.headers.get("Location", ""),
            " ".join(exc.headers.get_all("Set-Cookie") or []),
        )


def test_a_login_on_one_server_is_a_login_on_the_other(tmp_path):
    membership = MembershipFactory(role=Role.MEDIATOR)
    membership.user.set_password("un-mot-de-passe-solide-2026")
    membership.user.save()
    url = _database_url(tmp_path)
    (one, a), (two, b) = _start(url), _start(url)
    try:
        form = f"username={membership.user.email}&password=un-mot-de-passe-solide-2026"
        form += f"&csrfmiddlewaretoken={'c' * 32}"
        status, location, cookies = _call(
            f"{a}/compte/connexion/", f"csrftoken={'c' * 32}", form.encode()
        )
        assert status == 302
        assert not location.startswith("/compte/connexion/")
        cookie = "sessionid=" + cookies.split("sessionid=")[1].split(";")[0]
        # Whatever comes next (the home page, or a second factor), both servers agree.
        on_b = _call(f"{b}/", cookie)[:2]
        assert on_b == _call(f"{a}/", cookie)[:2]
        assert not on_b[1].startswith("/compte/connexion/")
        assert _call(f"{b}/", "")[1].startswith("/compte/connexion/")  # no cookie: no login
    finally:
        for process in (one, two):
            process.terminate()
            process.wait(timeout=30)


def test_a_session_and_a_write_on_one_server_are_seen_by_the_other(tmp_path):
    membership = MembershipFactory(role=Role.MEDIATOR)
    programme = ProgrammeFactory(lead_structure=membership.structure)
    cookie = f"sessionid={open_session(membership)}; csrftoken={'c' * 32}"
    url = _database_url(tmp_path)
    (one, a), (two, b) = _start(url), _start(url)
    try:
        # The session opened on one server (its first request saves it) works on the other.
        assert _call(f"{a}/reperage/", cookie)[0] == 200
        assert _call(f"{b}/reperage/", cookie)[0] == 200
        body = f"programme={programme.pk}&modality=street_walk&started_at=".encode()
        status, location, _ = _call(f"{a}/reperage/sorties/demarrer/", cookie, body)
        assert status == 302, location
        assert location.startswith("/reperage/sorties/")
        status, _, page = _call(f"{b}{location}", cookie)
        assert status == 200
        assert "Maraude à pied" in page
    finally:
        for process in (one, two):
            process.terminate()
            process.wait(timeout=30)
    if connection.vendor == "postgresql":
        assert OutreachSession.objects.filter(programme=programme).count() == 1
