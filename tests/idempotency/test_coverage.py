"""Every POST of the application accepts a key: each POST form of the templates carries
it, each POST operation of the API documents the header, and each create page and POST
operation is sent with a key, then again, by the query-budget registry
(tests/scale/test_query_budgets.py: ``assert_repeat_acts_once``)."""

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from tests.scale.query_budgets import BUDGETS, COVERED_ELSEWHERE, EXCLUDED
from tests.scale.test_query_count_coverage import url_patterns

TEMPLATES = Path(__file__).resolve().parents[2] / "accroche" / "templates"
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL | re.IGNORECASE)


def _post_forms() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for attrs, inner in FORM.findall(path.read_text()):
            if re.search(r"method=[\"']?post", attrs, re.IGNORECASE):
                found.append((str(path.relative_to(TEMPLATES)), attrs, inner))
    return found


def test_every_post_form_of_the_templates_carries_the_key():
    forms = _post_forms()
    assert len(forms) >= 80
    missing = [
        f"{name}: <form{attrs}>"
        for name, attrs, inner in forms
        if "{% idempotency_key" not in inner
    ]
    assert missing == []


def test_every_post_operation_documents_the_idempotency_key_header():
    spec = Client().get(reverse("api:openapi-json")).json()
    posts = {path: ops["post"] for path, ops in spec["paths"].items() if "post" in ops}
    assert len(posts) > 40
    undocumented = [
        path
        for path, operation in posts.items()
        if not any(
            p["in"] == "header" and p["name"] == "Idempotency-Key"
            for p in operation.get("parameters", [])
        )
    ]
    assert undocumented == []


def _sent_keyed() -> set[str]:
    """Registry entries sent as a POST (with a key, then repeated)."""
    return {b.key for b in BUDGETS if b.method == "POST"}


def test_every_post_operation_is_sent_twice_with_a_key():
    spec = Client().get(reverse("api:openapi-json")).json()
    operations = {f"POST {path}" for path, ops in spec["paths"].items() if "post" in ops}
    elsewhere = set(COVERED_ELSEWHERE) | set(EXCLUDED)
    assert operations - _sent_keyed() - elsewhere == set()
    assert len(operations & _sent_keyed()) > 40


def test_every_create_page_is_sent_twice_with_a_key():
    """The pages that create (a URL ending in « nouveau/ », « nouvelle/ »…, or named
    *_create): their form is posted with a key, then again, by the registry."""
    creates = {
        name
        for route, name in url_patterns()
        if not route.startswith("/api/")
        and (re.search(r"(nouveau|nouvelle|ajouter|creer)/$", route) or name.endswith("create"))
    }
    assert {"youth:create", "followup:interaction_create", "followup:handoff_create"} <= creates
    elsewhere = set(COVERED_ELSEWHERE) | set(EXCLUDED)
    assert creates - _sent_keyed() - elsewhere == set()
