"""Browser tests: Debian's Chromium driven by Playwright, on a 360 px phone screen.

Never ``playwright install``: the browser is the system's (``make install-dev`` installs
it with apt-get when missing). Nothing leaves the machine: every request to another
host than the test server is aborted."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture
def phone(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A Playwright page in a 360 × 740 viewport, talking only to the live server."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test
    # makes between two browser steps are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(live_server.url)
                else route.abort()
            ),
        )
        yield page
        context.close()
        browser.close()
        # Close what the test opened while Playwright ran (CONN_MAX_AGE keeps connections),
        # or PostgreSQL cannot drop the test database at the end of the run.
        connections.close_all()


@pytest.fixture(autouse=True)
def _empty_audit_log_after(audit_log_emptied_after: None) -> None:
    """Browser tests write audit rows outside a rolled-back transaction."""
