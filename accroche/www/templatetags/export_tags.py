"""The steering pages' tabs, drawn from the report registry and shown to the roles that may
open each (``{% load export_tags %}{% report_tabs %}``)."""

from typing import Any

from django import template

from accroche.www.reports_views.registry import reports_for

register = template.Library()


@register.inclusion_tag("reports/report_tabs.html", takes_context=True)
def report_tabs(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    return {
        "reports": reports_for(getattr(request, "actor", None)),
        "tab": context.get("tab", ""),
        "query": context.get("query", ""),
    }
