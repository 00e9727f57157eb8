"""The first page is read before counting: no COUNT query when it holds everything."""

import pytest

from accroche.territory.models import Commune
from accroche.www.pagination import FirstPagePaginator
from tests.factories.territory import CommuneFactory

pytestmark = pytest.mark.django_db


def _communes(n: int) -> FirstPagePaginator:
    for i in range(n):
        CommuneFactory(name=f"Commune {i:02d}")
    return FirstPagePaginator(Commune.objects.order_by("name"), 5)


def _names(page) -> list[str]:
    return [c.name for c in page.object_list]


def test_a_first_page_that_holds_everything_is_one_query(django_assert_num_queries):
    paginator = _communes(4)
    with django_assert_num_queries(1):
        page = paginator.get_page(None)
        assert _names(page) == [f"Commune {i:02d}" for i in range(4)]
        assert (paginator.count, paginator.num_pages, page.has_next()) == (4, 1, False)


def test_exactly_one_page_is_one_query(django_assert_num_queries):
    paginator = _communes(5)
    with django_assert_num_queries(1):
        page = paginator.get_page("1")
        assert (len(page), paginator.count, page.has_next()) == (5, 5, False)


def test_a_longer_list_is_counted_and_its_first_page_read_once(django_assert_num_queries):
    paginator = _communes(12)
    with django_assert_num_queries(2):
        page = paginator.get_page(1)
        assert _names(page) == [f"Commune {i:02d}" for i in range(5)]
        assert (paginator.count, paginator.num_pages, page.has_next()) == (12, 3, True)


@pytest.mark.parametrize(("asked", "shown"), [("2", [5, 6, 7, 8, 9]), ("3", [10, 11])])
def test_other_pages_are_counted_then_sliced(asked, shown, django_assert_num_queries):
    paginator = _communes(12)
    with django_assert_num_queries(2):
        page = paginator.get_page(asked)
        assert _names(page) == [f"Commune {i:02d}" for i in shown]
        assert page.has_previous()


@pytest.mark.parametrize("asked", ["abc", "", "99"])
def test_a_wrong_page_number_shows_a_page_as_django_does(asked):
    paginator = _communes(12)
    page = paginator.get_page(asked)
    assert page.number == (3 if asked == "99" else 1)
    assert paginator.count == 12


def test_no_rows_is_an_empty_first_page(django_assert_num_queries):
    paginator = _communes(0)
    with django_assert_num_queries(1):
        page = paginator.get_page(None)
        assert (list(page), paginator.count, paginator.num_pages) == ([], 0, 1)
