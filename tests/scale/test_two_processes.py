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
from accroche.outreach.models import OutreachSession, Referral
from accroche.synthetic.sessions import open_session
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.organisations import MembershipFactory, ProgrammeFactory
from tests.factories.territory import CommuneFactory

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


def _start(database_url: str, **extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CACHE_")},
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
        "FIELD_ENCRYPTION_KEYS": os.environ.get("FIELD_ENCRYPTION_KEYS")
        or base64.urlsafe_b64encode(b"x" * 32).decode(),
        **extra,
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
    def redirect_request(self, *args, **kwargs):
        return None


def _call(
    url: str, cookie: str, data: bytes | None = None, address: str = ""
) -> tuple[int, str, str]:
    """(status, redirect location, page or cookies set) of one request, not following
    redirects; ``address`` is the client's as a reverse proxy would pass it on."""
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310
    request.add_header("Cookie", cookie)
    if address:
        request.add_header("X-Forwarded-For", address)
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
            " ".join(exc.headers.get_all("Set-Cookie") or [])
            or exc.read().decode(errors="replace"),
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


CSRF = f"csrftoken={'c' * 32}"


def test_the_public_form_limit_holds_across_two_servers(tmp_path):
    """Issue 17: with a cache per process, 2 servers let 7 self-referrals through for a
    limit of 5. The default cache is now shared (the database, with DEBUG=0)."""
    programme = ProgrammeFactory(slug="cap-seine")
    commune = CommuneFactory(code="76540", name="Rouen")
    programme.communes.add(commune)
    url = _database_url(tmp_path)
    (one, a), (two, b) = _start(url), _start(url)
    try:
        form = f"name=Sofiane&phone=0612345678&commune=Rouen&csrfmiddlewaretoken={'c' * 32}"
        statuses = [
            _call(f"{server}/p/cap-seine/contact/", CSRF, form.encode())[0] for server in (a, b) * 4
        ]
    finally:
        for process in (one, two):
            process.terminate()
            process.wait(timeout=30)
    assert statuses == [302] * 5 + [429] * 3
    if connection.vendor == "postgresql":
        assert Referral.objects.filter(programme=programme).count() == 5


def test_the_login_ceiling_holds_across_two_servers(tmp_path):
    """The per-account count of failures (from any address) is shared: past the ceiling
    (6 here, 100 by default) both servers refuse, except from an address the account
    signed in from before; the pair (account, address) lock holds across servers too."""
    user = UserFactory()
    url = _database_url(tmp_path)
    env = {"BEHIND_HTTPS_PROXY": "1", "LOGIN_ACCOUNT_CEILING": "6"}
    (one, a), (two, b) = _start(url, **env), _start(url, **env)

    def login(server: str, password: str, address: str) -> int:
        form = f"username={user.email}&password={password}&csrfmiddlewaretoken={'c' * 32}"
        return _call(f"{server}/compte/connexion/", CSRF, form.encode(), address)[0]

    try:
        usual = login(a, PASSWORD, "10.5.5.5")
        wrong = [login((a, b)[i % 2], "mauvais", f"10.0.0.{i + 1}") for i in range(6)]
        refused = [login(a, PASSWORD, "10.9.9.9"), login(b, PASSWORD, "10.9.9.8")]
        from_the_usual_address = login(b, PASSWORD, "10.5.5.5")
        pair = [login((a, b)[i % 2], "mauvais", "10.5.5.5") for i in range(5)]
        after_the_pair_lock = login(a, PASSWORD, "10.5.5.5")
    finally:
        for process in (one, two):
            process.terminate()
            process.wait(timeout=30)
    assert usual == 302
    assert wrong == [200] * 6
    assert refused == [429, 429]
    assert from_the_usual_address == 302
    assert pair == [200] * 4 + [429]
    assert after_the_pair_lock == 429
