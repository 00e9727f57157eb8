"""The live server answers requests sent at once, as a browser sends them (a map's tiles,
two htmx loads), without one request breaking another's transaction."""

import concurrent.futures
import urllib.error
import urllib.request

import pytest

from accroche.access.roles import Role
from accroche.synthetic.sessions import open_session
from tests.factories.organisations import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_requests_sent_at_once_are_all_answered(live_server):
    cookie = f"sessionid={open_session(MembershipFactory(role=Role.CASE_WORKER))}"

    def fetch(path: str) -> int:
        url = live_server.url + path  # http://localhost:<port>/…
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    # Each saves the session (SESSION_TOUCH_SECONDS=0 in the tests) inside a transaction.
    paths = [f"/pas-de-page/{n}/" for n in range(40)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(fetch, paths))
    assert statuses == [404] * len(paths)
