"""The report registry is the one list of steering and funder reports: every route of the
"reports" namespace belongs to one entry, each page opens for exactly the roles its entry
names, and the tabs show exactly those pages."""

# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
import pytest
from django.urls import URLPattern, get_resolver, reverse

from accroche.access.permissions import role_can
from accroche.access.roles import Role
from accroche.www.reports_views.registry import REPORTS
from tests.reports.conftest_b import FseScene, as_role, fse_programme, fse_scene  # noqa: F401


def _report_route_names() -> set[str]:
    resolver = get_resolver()
    namespace = resolver.namespace_dict["reports"][1]
    return {p.name for p in namespace.url_patterns if isinstance(p, URLPattern) and p.name}


def test_every_reports_route_belongs_to_one_registered_report():
    claimed = [name for report in REPORTS for name in (report.url_name, *report.routes)]
    assert len(claimed) == len(set(claimed)), "a route is claimed by two reports"
    assert set(claimed) == _report_route_names()


def test_report_keys_are_unique():
    assert len({report.key for report in REPORTS}) == len(REPORTS)


@pytest.mark.parametrize("role", list(Role))
def test_each_page_opens_for_the_roles_of_its_entry_and_its_tabs_say_so(
    fse_scene: FseScene, as_role, role: str
) -> None:
    client = as_role(role)
    allowed = [report for report in REPORTS if role_can(role, report.perm)]
    for report in REPORTS:
        url = f"{reverse(f'reports:{report.url_name}')}?{fse_scene.query()}"
        status = client.get(url).status_code
        assert (status == 200) == (report in allowed), (report.key, status)
    if not allowed:
        return
    page = client.get(f"{reverse(f'reports:{allowed[0].url_name}')}?{fse_scene.query()}")
    tabs = page.content.decode().split('class="report-tabs"')[1].split("</ul>")[0]
    for report in REPORTS:
        assert (reverse(f"reports:{report.url_name}") in tabs) == (report in allowed), report.key
