"""Django's ``date`` filter, replaced for every template (a builtin, settings.TEMPLATES):
abbreviated months as the French locale writes them (accroche/french_dates.py)."""

from typing import Any

from django import template

from accroche.french_dates import format_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    return format_date(value, arg)
