"""Django's paginator, reading the first page before counting: when it holds everything
(a search, a referent's own young people) its rows are the count, and the COUNT query,
which runs the whole filter a second time, is not sent."""

from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

_T = TypeVar("_T")


class FirstPagePaginator(Paginator[_T]):
    @cached_property
    def _head(self) -> list[_T]:
        """The first page and one row more (whether there is a second page)."""
        return list(self.object_list[: self.per_page + 1])

    @cached_property
    def count(self) -> int:
        head = self.__dict__.get("_head")
        if head is not None and len(head) <= self.per_page:
            return len(head)
        return super().count

    def get_page(self, number: Any) -> Page[_T]:
        try:
            first = int(number) == 1
        except (TypeError, ValueError):
            first = True  # no page or not a number: Django shows the first one
        if first:
            self._head  # noqa: B018 - read before counting
        return super().get_page(number)

    def page(self, number: Any) -> Page[_T]:
        number = self.validate_number(number)
        if number == 1 and "_head" in self.__dict__:
            return Page(self._head[: self.per_page], number, self)
        return super().page(number)
