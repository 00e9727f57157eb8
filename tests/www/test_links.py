import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

from accroche.www.links import url_for
from accroche.www.templatetags.links import link


def _names_with_one_int(resolver: URLResolver, namespace: str = "") -> list[str]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _names_with_one_int(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = entry.pattern.converters
            if (
                len(converters) == 1
                and type(next(iter(converters.values()))).__name__ == "IntConverter"
            ):
                found.append(namespace + entry.name)
    return found


NAMES = _names_with_one_int(get_resolver())


def test_there_are_pages_of_one_id():
    assert "youth:detail" in NAMES
    assert len(NAMES) > 20


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [42, 918_273_645])
def test_url_for_is_reverse(name, pk):
    assert url_for(name, pk) == reverse(name, args=[pk])


@pytest.mark.parametrize("name", ["www:home", "youth:list", "reports:dashboard"])
def test_url_for_without_id_is_reverse(name):
    assert url_for(name) == link(name) == reverse(name)


def test_the_script_prefix_is_honoured(settings):
    from django.urls import set_script_prefix

    set_script_prefix("/accroche/")
    try:
        assert (
            url_for("youth:detail", 7) == "/accroche/jeunes/7/" == reverse("youth:detail", args=[7])
        )
    finally:
        set_script_prefix("/")
