"""The funder reports' tabs, shown to the roles that may open them (any steering page
may include them: ``{% load export_tags %}{% funder_report_tabs %}``)."""

from typing import Any

from django import template

from accroche.access.permissions import Perm

register = template.Library()

TABS = [
    ("fse", "reports:fse", Perm.VIEW_FUNDER_REPORTS),
    ("pic", "reports:pic", Perm.VIEW_FUNDER_REPORTS),
    ("committee", "reports:committee", Perm.VIEW_PARTICIPANT_LISTING),
    ("evaluation", "reports:evaluation", Perm.EXPORT_PSEUDONYMISED),
]


@register.inclusion_tag("reports/exports_tabs.html", takes_context=True)
def funder_report_tabs(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    actor = getattr(request, "actor", None)
    shown = [key for key, _url, perm in TABS if actor is not None and actor.can(perm)]
    return {"shown": shown, "tab": context.get("tab", ""), "query": context.get("query", "")}
