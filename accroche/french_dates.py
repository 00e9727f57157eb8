"""Dates as the French locale writes them: the one rule for abbreviated months.

Django's ``M`` gives "Déc", "Jui" (June and July alike); the French locale (CLDR, glibc
``%b``) writes "déc.", "juin", "juil.". Every path that formats a date (Django's ``date``
filter, the Jinja2 fragments' ``date``, Python code) goes through ``format_date``."""

import datetime
from typing import Any

from django.template.defaultfilters import date as django_date

MONTHS_ABBR = {
    1: "janv.",
    2: "févr.",
    3: "mars",
    4: "avr.",
    5: "mai",
    6: "juin",
    7: "juil.",
    8: "août",
    9: "sept.",
    10: "oct.",
    11: "nov.",
    12: "déc.",
}


def french_format(fmt: str, month: int) -> str:
    """``fmt`` with each unescaped ``M`` replaced by the month's abbreviation, escaped."""
    out: list[str] = []
    chars = iter(fmt)
    for char in chars:
        if char == "\\":
            out.append(char + next(chars, ""))
        elif char == "M":
            out.append("".join("\\" + c for c in MONTHS_ABBR[month]))
        else:
            out.append(char)
    return "".join(out)


def format_date(value: Any, fmt: str | None = None) -> str:
    """Django's ``date`` filter (``value`` already in local time), French month abbreviations."""
    if fmt and "M" in fmt and isinstance(value, datetime.date):
        fmt = french_format(fmt, value.month)
    return django_date(value, fmt)
