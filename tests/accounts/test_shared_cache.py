"""Rate limits hold with several processes: with DEBUG=0 the default cache is shared (the
database, or Redis from CACHE_URL), and a deployment check warns of a per-process one.
The two-process proof is in tests/scale/test_two_processes.py."""

import runpy
from pathlib import Path

import pytest
from django.core.cache import cache

from accroche.accounts.checks import default_cache_is_shared

SETTINGS = Path(__file__).resolve().parents[2] / "accroche" / "settings.py"


def _caches(monkeypatch, **env):
    for name in ("CACHE_URL", "CACHE_BACKEND", "CACHE_LOCATION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))["CACHES"]


def test_without_debug_the_default_cache_is_the_database(monkeypatch):
    caches = _caches(monkeypatch, DEBUG="0")
    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "accroche_cache",
    }


def test_a_redis_url_gives_django_redis_cache(monkeypatch):
    caches = _caches(monkeypatch, DEBUG="0", CACHE_URL="redis://127.0.0.1:6379/1")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_debug_keeps_a_local_memory_cache(monkeypatch):
    caches = _caches(monkeypatch, DEBUG="1")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_migration_made_the_cache_table():
    # The test database was made by `migrate` alone: the table is there, counters work.
    cache.set("essai", 41, 60)
    assert cache.incr("essai") == 42


@pytest.mark.parametrize(
    ("backend", "debug", "warned"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", False, True),
        ("django.core.cache.backends.dummy.DummyCache", False, True),
        ("django.core.cache.backends.locmem.LocMemCache", True, False),
        ("django.core.cache.backends.db.DatabaseCache", False, False),
        ("django.core.cache.backends.redis.RedisCache", False, False),
    ],
)
def test_a_deployment_check_warns_of_a_per_process_cache(settings, backend, debug, warned):
    settings.DEBUG = debug
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "x"}}
    messages = default_cache_is_shared()
    assert [m.id for m in messages] == (["accounts.W001"] if warned else [])


def test_check_deploy_warns_of_a_local_memory_cache():
    from tests.test_settings import PRODUCTION, manage

    local = {**PRODUCTION, "CACHE_BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=local)
    assert result.returncode != 0
    assert "accounts.W001" in result.stdout + result.stderr
