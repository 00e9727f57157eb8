from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accroche.territory.models import Commune, DiplomaLevel, Qpv, Theme


def _run(*args: str) -> list[str]:
    out = StringIO()
    call_command("load_reference", *args, stdout=out)
    return out.getvalue().splitlines()


def test_load_reference_loads_every_list_in_order(settings, node_modules, write_communes):
    settings.NODE_MODULES_DIR = node_modules
    write_communes()

    lines = _run()

    assert [line.split(":")[0] for line in lines] == ["diplomas", "themes", "communes", "qpv"]
    assert lines[0].startswith("diplomas: 7 created, 0 updated, 0 unchanged")
    assert lines[2].startswith("communes: 5 created, 0 updated, 0 unchanged")
    # The shipped QPV file: only the fake package's communes are there.
    assert Qpv.objects.filter(code__in=["QN07619M", "QN07620M"]).count() == 2
    assert "skipped" in lines[3]
    assert DiplomaLevel.objects.count() == 7
    assert Theme.objects.exists()

    again = _run()

    assert again[2].startswith("communes: 0 created, 0 updated, 5 unchanged")
    assert again[0].startswith("diplomas: 0 created, 0 updated, 7 unchanged")


def test_load_reference_only_one_list():
    lines = _run("--only", "diplomas")

    assert len(lines) == 1
    assert lines[0].startswith("diplomas: 7 created")
    assert not Commune.objects.exists()


def test_a_missing_npm_package_is_a_clear_error(settings, tmp_path):
    settings.NODE_MODULES_DIR = tmp_path

    with pytest.raises(CommandError, match="npm ci"):
        _run("--only", "communes")
    assert not Commune.objects.exists()


def test_an_unknown_list_is_refused():
    with pytest.raises(CommandError):
        _run("--only", "regions")
