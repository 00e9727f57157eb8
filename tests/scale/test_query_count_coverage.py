"""Every URL the application serves has a SQL query-count test (issue 8): each route of
the root URLconf, and each operation of the JSON API, is in ``query_budgets.BUDGETS``
(run by ``test_query_budgets.py``), or in ``COVERED_ELSEWHERE`` naming a test that
asserts a query count, or in ``EXCLUDED`` with its reason. A new URL without one fails
here."""

import ast
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from accroche.api.api import api
from tests.scale.query_budgets import BUDGETS, COVERED_ELSEWHERE, EXCLUDED

ROOT = Path(__file__).resolve().parents[2]
# django-ninja's own routes: not operations of the OpenAPI document.
API_NON_OPERATIONS = {"api:openapi-json", "api:openapi-view", "api:api-root"}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield "/" + route, name or "/" + route  # an unnamed route is known by its path


def url_patterns() -> list[tuple[str, str]]:
    return list(_walk(get_resolver().url_patterns))


def api_operations() -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, item in api.get_openapi_schema()["paths"].items()
        for method in item
    }


def served_keys() -> set[str]:
    """Web routes by URL name, API operations by method and path (several API URL names
    are shared by two operations), and django-ninja's own routes by URL name."""
    web = {name for route, name in url_patterns() if not route.startswith("/api/")}
    ninja = {name for route, name in url_patterns() if name in API_NON_OPERATIONS}
    return web | ninja | api_operations()


def test_the_walk_finds_pages_partials_exports_and_operations():
    keys = served_keys()
    assert {"www:home", "youth:timeline", "privacy:export_pdf", "reports:fse_export"} <= keys
    assert {"GET /api/youth/{youth_id}", "POST /api/followup/youth/{youth_id}/aids"} <= keys
    assert len(keys) > 280


def test_every_api_route_is_an_operation_of_the_openapi_document():
    """Operations are checked through the OpenAPI document: an operation left out of it
    (``include_in_schema=False``) would escape; there is none."""
    api_routes = [name for route, name in url_patterns() if route.startswith("/api/")]
    operations = [n for n in api_routes if n not in API_NON_OPERATIONS]
    assert len(operations) == len(api_operations())


def test_every_route_has_a_query_count_test():
    budgeted = {b.key for b in BUDGETS}
    missing = served_keys() - budgeted - set(COVERED_ELSEWHERE) - set(EXCLUDED)
    assert not missing, (
        "Routes without a query-count test: add them to tests/scale/query_budgets.py "
        f"(BUDGETS): {sorted(missing)}"
    )


def test_the_registry_names_only_routes_that_exist():
    stale = ({b.key for b in BUDGETS} | set(COVERED_ELSEWHERE) | set(EXCLUDED)) - served_keys()
    assert not stale, f"Not served any more: {sorted(stale)}"


def test_a_route_is_budgeted_or_covered_elsewhere_or_excluded_never_two_of_these():
    budgeted = {b.key for b in BUDGETS}
    assert not budgeted & set(COVERED_ELSEWHERE)
    assert not budgeted & set(EXCLUDED)
    assert not set(COVERED_ELSEWHERE) & set(EXCLUDED)


def test_exclusions_are_few_and_each_says_why():
    assert len(EXCLUDED) <= 5
    assert all(len(reason) > 20 for reason in EXCLUDED.values())


def _test_source(reference: str) -> str:
    path, _sep, name = reference.partition("::")
    tree = ast.parse((ROOT / path).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment((ROOT / path).read_text(), node) or ""
    raise AssertionError(f"{reference}: no such test")


def test_tests_named_elsewhere_exist_and_assert_a_query_count():
    for key, reference in COVERED_ELSEWHERE.items():
        source = _test_source(reference)
        assert "num_queries" in source or "assertNumQueries" in source, (key, reference)


def test_the_budgets_keep_the_same_method_as_the_operation():
    """An API entry's method is the one in its key (the key is what coverage counts)."""
    for budget in BUDGETS:
        if budget.is_api:
            assert budget.key.split(" ", 1)[0] == budget.method, budget.key
