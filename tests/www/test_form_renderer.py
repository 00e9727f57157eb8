"""Widgets are rendered by Jinja2 (settings.FORM_RENDERER) for speed: every widget of every
form of the project must give the same HTML as Django's own template engine would."""

import copy
import importlib
import pkgutil

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, Jinja2, get_default_renderer
from django.test.html import parse_html

import accroche


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(accroche.__path__, "accroche."):
        if ".migrations" in module.name or module.name.endswith((".tests", ".wsgi", ".asgi")):
            continue
        importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("accroche.") and getattr(cls, "base_fields", None):
            found.append(cls)
    return found


def test_the_project_renders_widgets_with_jinja2() -> None:
    assert isinstance(get_default_renderer(), Jinja2)


def test_the_project_has_forms_to_check() -> None:
    names = {cls.__name__ for cls in _project_forms()}
    assert {"YouthFilterForm", "YouthForm"} <= names
    assert len(names) > 30


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", _project_forms(), ids=lambda cls: cls.__qualname__)
def test_every_widget_renders_the_same_html_with_both_engines(
    form_class: type[forms.BaseForm],
) -> None:
    django_engine, jinja = DjangoTemplates(), Jinja2()
    for name, class_field in form_class.base_fields.items():
        field = copy.deepcopy(class_field)  # the class's own field stays as it is
        widget = field.widget
        attrs = {"id": f"id_{name}", "aria-describedby": f"id_{name}_helptext"}
        if hasattr(field, "queryset"):  # the model's rows are in the choices: none here
            field.queryset = field.queryset.none()
        initial = field.initial() if callable(field.initial) else field.initial
        value = field.prepare_value(initial)
        expected = widget.render(name, value, attrs, renderer=django_engine)
        got = widget.render(name, value, attrs, renderer=jinja)
        assert parse_html(got) == parse_html(expected), f"{form_class.__qualname__}.{name}"
