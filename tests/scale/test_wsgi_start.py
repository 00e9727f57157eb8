"""What a server process does once at start (accroche/wsgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import gc, sys
import accroche.wsgi
# What a full collection goes through: the objects not frozen.
print(gc.get_freeze_count(), 'accroche.www.youth_views.views' in sys.modules, len(gc.get_objects()))
"""


def test_the_views_are_loaded_and_frozen_out_of_the_collectors_reach() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "accroche.settings", "DEBUG": "0"}
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    frozen, views_loaded, collected = out.stdout.split()
    assert views_loaded == "True"
    assert int(frozen) > 50_000  # the modules, settings, URL patterns and views
    assert int(collected) < int(frozen) // 20
