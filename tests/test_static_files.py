"""Every static file a template asks for exists (our own files and the npm packages')."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

TEMPLATES = Path(__file__).resolve().parent.parent / "accroche" / "templates"
STATIC = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")
REFERENCES = sorted(
    {(path.relative_to(TEMPLATES).as_posix(), ref) for path in TEMPLATES.rglob("*.html")
     for ref in STATIC.findall(path.read_text(encoding="utf-8"))}
)  # fmt: skip


def test_templates_ask_for_static_files():
    assert ("base.html", "css/accroche.css") in REFERENCES


@pytest.mark.parametrize(("template", "path"), REFERENCES)
def test_the_static_file_exists(template, path):
    assert finders.find(path), f"{template} asks for missing static file {path}"
