from typing import Any

from django import template

from accroche.access.permissions import Perm
from accroche.outreach.access import sessions_visible_to
from accroche.www.outreach_views.drafts import saved_keys

register = template.Library()


@register.inclusion_tag("outreach/_assets.html", takes_context=True)
def outreach_assets(context: template.Context) -> dict[str, Any]:
    """The repérage stylesheet and scripts, and the keys the server has recorded (so the
    phone can drop those drafts)."""
    request = context.get("request")
    return {"saved_keys": context.get("saved_keys") or (saved_keys(request) if request else [])}


@register.inclusion_tag("outreach/_home_card.html", takes_context=True)
def outreach_home_card(context: template.Context) -> dict[str, Any]:
    """A big "Démarrer une sortie" for mediators on the home page."""
    request = context.get("request")
    actor = getattr(request, "actor", None)
    if (
        actor is None
        or not actor.can(Perm.OUTREACH_SHORTCUTS)
        or not actor.can(Perm.RECORD_OUTREACH)
    ):
        return {"show": False}
    running = (
        sessions_visible_to(actor)
        .filter(structure_id=actor.structure_id, ended_at__isnull=True, team=actor.user)
        .order_by("-started_at")
        .first()
    )
    return {"show": True, "running": running}


@register.filter
def duration(value: Any) -> str:
    """A timedelta as '1 h 05' or '40 min'."""
    if value is None:
        return ""
    minutes = max(0, int(value.total_seconds() // 60))
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if hours else f"{rest} min"
