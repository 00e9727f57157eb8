import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-key-1f9c7e2b8d4a6f0e3c5b7a9d1e2f4a6b8c0d",
    "ALLOWED_HOSTS": "accroche.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "SECURE_COOKIES"}
    clean = {
        k: v for k, v in clean.items() if not k.startswith(("SECURE_", "STATIC_", "TEMPLATE_"))
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("value", ["peut-être", "2"])
def test_a_bad_boolean_is_a_clear_error(value):
    result = manage("check", env=PRODUCTION | {"DEBUG": value})
    assert "DEBUG must be a boolean" in result.stderr


def test_secrets_can_come_from_files(tmp_path):
    secret = tmp_path / "key"
    secret.write_text(PRODUCTION["SECRET_KEY"] + "\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"} | {
        "SECRET_KEY_FILE": str(secret)
    }
    assert manage("check", "--deploy", env=env).returncode == 0


def test_a_development_command_without_debug_says_how_to_run_it():
    env = {k: v for k, v in PRODUCTION.items() if k not in ("SECRET_KEY", "DEBUG")}
    result = manage("demo_code", "nadia.benali@demo.accroche.fr", env=env)
    assert result.returncode != 0
    assert "DEBUG=1 .venv/bin/python manage.py demo_code" in result.stderr
    assert "Traceback" not in result.stderr
