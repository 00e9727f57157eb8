"""Abbreviated months as the French locale writes them, through every path that formats a
date: Django templates, the Jinja2 fragments and Python code."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone

from accroche.french_dates import format_date

EXPECTED = [
    (datetime.date(2026, 12, 7), "7 déc. 2026"),
    (datetime.date(2026, 6, 10), "10 juin 2026"),
    (datetime.date(2026, 7, 10), "10 juil. 2026"),
    (datetime.date(2026, 2, 1), "1 févr. 2026"),
    (datetime.date(2026, 9, 30), "30 sept. 2026"),
]


@pytest.mark.parametrize(("day", "text"), EXPECTED)
def test_django_templates(day, text):
    template = engines["django"].from_string('{{ d|date:"j M Y" }}')
    assert template.render({"d": day}) == text


@pytest.mark.parametrize(("day", "text"), EXPECTED)
def test_jinja2_fragments(day, text):
    template = engines["jinja2"].from_string('{{ d|date("j M Y") }}')
    assert template.render({"d": day}) == text


@pytest.mark.parametrize(("day", "text"), EXPECTED)
def test_python(day, text):
    assert format_date(day, "j M Y") == text


def test_an_aware_datetime_is_shown_in_local_time_with_its_month():
    # 23:30 UTC on 30 June is 1 July in Paris.
    at = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    template = engines["django"].from_string('{{ at|date:"j M Y, H:i" }}')
    assert template.render({"at": at}) == "1 juil. 2026, 01:30"
    assert timezone.get_current_timezone_name() == "Europe/Paris"


def test_an_escaped_m_and_other_formats_are_left_alone():
    day = datetime.date(2026, 12, 7)
    assert format_date(day, r"\M j F Y") == "M 7 décembre 2026"
    assert format_date(day, "d/m/Y") == "07/12/2026"
    assert format_date(None, "j M Y") == ""
