from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accroche.access.permissions import Perm
from accroche.www.links import url_for


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    perm: Perm | None


NAV = [
    NavItem("www:home", _("Accueil"), None),
    NavItem("youth:list", _("Jeunes"), Perm.VIEW_YOUTH),
    NavItem("linkage:queue", _("Doublons"), Perm.VIEW_YOUTH),
    NavItem("outreach:index", _("Repérage"), Perm.SEND_REFERRALS),
    NavItem("followup:workshops", _("Ateliers"), Perm.VIEW_YOUTH),
    NavItem("followup:received", _("Relais reçus"), Perm.RECEIVE_HANDOFFS),
    NavItem("followup:budget", _("Aides"), Perm.MANAGE_PROGRAMMES),
    NavItem("programmes:list", _("Dispositifs"), Perm.VIEW_PROGRAMMES),
    NavItem("territory:index", _("Territoire"), Perm.VIEW_TERRITORY),
    NavItem("reports:dashboard", _("Pilotage"), Perm.VIEW_REPORTS),
    NavItem("reports:fse", _("Rapports financeurs"), Perm.VIEW_FUNDER_REPORTS),
    NavItem("structures:list", _("Structures"), Perm.MANAGE_STRUCTURES),
    NavItem("audit:journal", _("Journal d'accès"), Perm.VIEW_AUDIT),
    NavItem("audit:transfers", _("Transferts"), Perm.VIEW_TRANSFERS),
    NavItem("accounts:tokens", _("Mon compte"), None),
]


SECOND_FACTOR_PAGES = frozenset({"two_factor_verify", "two_factor_enrol"})


def current_membership(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None:
        return {"current_membership": None, "nav_items": []}
    match = request.resolver_match
    if match is not None and match.url_name in SECOND_FACTOR_PAGES:
        # Nothing else opens before the code: no menu of pages that would send back here.
        return {"current_membership": actor.membership, "nav_items": []}
    path = request.path
    items = []
    for item in NAV:
        if item.perm is not None and not actor.can(item.perm):
            continue
        url = url_for(item.url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": item.label, "active": active})
    return {"current_membership": actor.membership, "nav_items": items}
