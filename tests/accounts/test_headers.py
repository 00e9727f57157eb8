"""Security headers: a CSP without inline scripts, HSTS and secure cookies in production."""

import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

from accroche.access.roles import Role

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "accroche" / "templates"
FRAGMENTS = ROOT / "accroche" / "jinja2"  # the Jinja2 fragments (accroche/www/jinja.py)


def directives(response) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in response["Content-Security-Policy"].split(";"))
    return {p[0]: p[1:] for p in parts if p}


def test_pages_carry_a_csp_that_allows_no_inline_script(client, login, member, structure):
    for response in (
        client.get(reverse("accounts:login")),
        login(member(Role.MEDIATOR, structure)).get(reverse("www:home")),
    ):
        csp = directives(response)
        assert csp["script-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_map_tiles_are_allowed_as_images(client):
    csp = directives(client.get(reverse("accounts:login")))
    assert "https://tile.openstreetmap.org" in csp["img-src"]


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in [*TEMPLATES.rglob("*.html"), *FRAGMENTS.rglob("*.html")]:
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{template.name}: {tag}")
        offenders += [f"{template.name}: {m}" for m in re.findall(r"\son[a-z]+=", text)]
        offenders += [f"{template.name}: {m}" for m in re.findall(r"\shx-on[:\w-]*=", text)]
        offenders += [f"{template.name}: javascript:" for _ in re.findall("javascript:", text)]
    assert offenders == []


def test_check_deploy_is_clean_with_production_values():
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-key-0f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "LINKAGE_KEY": "a-long-random-linkage-key-0123456789abcdef",
        "ALLOWED_HOSTS": "x",
        # part B's encryption at rest needs its key too (a valid Fernet key, for tests only)
        "FIELD_ENCRYPTION_KEYS": "dGVzdHMtb25seS1maWVsZC1rZXktMDEyMzQ1Njc4OWE=",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_defaults_are_hsts_and_secure_cookies():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "accroche.settings",
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-key-0f8e7d6c5b4a39281706f5e4d3c2b1a0",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True"], result.stderr
