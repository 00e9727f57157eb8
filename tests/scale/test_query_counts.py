"""SQL query counts of the pages that had no query-count test (bench/README: "Every page
has a SQL query-count test"), on a small synthetic consortium, so that lists have rows and
an N+1 shows up as a changed count."""

import datetime
from collections.abc import Callable

import pytest
from django.urls import reverse

from accroche.organisations.models import Membership
from accroche.synthetic.generate import Result, Staff, generate
from accroche.youth.models import Enrolment
from tests.factories.territory import CommuneFactory


@pytest.fixture
def consortium() -> Result:
    CommuneFactory.create_batch(25)
    return generate(60, seed=11, today=datetime.date(2026, 12, 1))


def _youth(staff: Staff) -> int:
    return (
        Enrolment.objects.filter(youth__holder_structure_id=staff.structure_id)
        .order_by("pk")
        .values_list("youth_id", flat=True)[0]
    )


def _programme(staff: Staff) -> int:
    return staff.programme_id


# (URL name, who asks, how to build its arguments, expected queries)
PAGES: list[tuple[str, str, Callable[[Staff], list[int]], int]] = [
    ("outreach:index", "mediator", lambda s: [], 11),
    ("outreach:start", "mediator", lambda s: [], 15),
    ("outreach:contacts", "mediator", lambda s: [], 9),
    ("outreach:places", "mediator", lambda s: [], 7),
    ("outreach:referrals_sent", "mediator", lambda s: [], 8),
    ("youth:create", "case_worker", lambda s: [], 6),
    ("youth:edit", "case_worker", lambda s: [_youth(s)], 15),
    ("youth:diagnostics", "case_worker", lambda s: [_youth(s)], 9),
    ("followup:summary", "case_worker", lambda s: [_youth(s)], 16),
    ("followup:workshops", "case_worker", lambda s: [], 9),
    ("followup:received", "case_worker", lambda s: [], 7),
    ("followup:budget", "coordinator", lambda s: [], 11),
    ("territory:index", "coordinator", lambda s: [], 8),
    ("programmes:create", "coordinator", lambda s: [], 6),
    ("programmes:fundings", "coordinator", lambda s: [_programme(s)], 8),
    ("programmes:targets", "coordinator", lambda s: [_programme(s)], 8),
    ("programmes:territory", "coordinator", lambda s: [_programme(s)], 9),
    ("programmes:rules", "coordinator", lambda s: [_programme(s)], 9),
    ("structures:edit", "coordinator", lambda s: [s.structure_id], 8),
    ("projects:calls", "coordinator", lambda s: [_programme(s)], 10),
    ("accounts:tokens", "case_worker", lambda s: [], 12),
    ("outreach:youth_search", "mediator", lambda s: [], 7),
]


def _membership(staff: Staff, role: str) -> Membership:
    pk = {
        "coordinator": staff.coordinator[1],
        "case_worker": staff.case_workers[0][1],
        "mediator": staff.mediators[0][1],
    }[role]
    return Membership.objects.select_related("user").get(pk=pk)


@pytest.mark.parametrize(("name", "role", "args", "queries"), PAGES, ids=[p[0] for p in PAGES])
def test_page_query_count(consortium, login, django_assert_num_queries, name, role, args, queries):
    staff = consortium.structures[0]
    client = login(_membership(staff, role))
    url = reverse(name, args=args(staff)) + ("?q=mar" if name.endswith("search") else "")
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
