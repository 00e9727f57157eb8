"""The Jinja2 environment of the page fragments that repeat a row many times.

Django's template language spends about 10 µs per node: the youth list's 50 rows of some
twenty nodes each took 5.3 ms to render (in-process, metro data set). These fragments live
under ``accroche/jinja2/`` and are rendered by the ``jinja2`` engine (``render_fragment``);
the pages around them stay Django templates. The same French strings go through Django's
translation functions, the same links through ``url_for`` and the same filters."""

import datetime
from typing import Any

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.http import HttpRequest
from django.template import engines
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from accroche.french_dates import format_date
from accroche.www.links import url_for


def environment(**options: Any) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)  # noqa: S701 - autoescape is set by Django's backend
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["link"] = url_for
    env.globals["static"] = static
    env.filters["naturaltime"] = naturaltime
    # Django templates show an aware datetime in the current time zone; Jinja2 does not.
    env.filters["date"] = lambda value, arg=None: format_date(
        localtime(value) if isinstance(value, datetime.datetime) and is_aware(value) else value,
        arg,
    )
    return env


def render_fragment(name: str, context: dict[str, Any], request: HttpRequest) -> SafeString:
    """A fragment's HTML, to send alone (htmx) or to place in a Django template."""
    html = engines["jinja2"].get_template(name).render(context, request)
    return mark_safe(html)  # noqa: S308 - Jinja2 escaped every value (autoescape)
