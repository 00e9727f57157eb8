"""Every steering and funder report, once: its key, its page, its label, who may open it and
which other routes belong to it (exports, drill-downs). The tabs are drawn from it, each
page asks it for its permission, and a test walks the URL configuration against it, so a
new report is one entry here (docs/howto/add-a-funder-report.md)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm


@dataclass(frozen=True)
class Report:
    key: str
    url_name: str  # in the "reports" namespace
    label: str | Promise
    perm: Perm
    # The report's other routes (exports, drill-downs, PDF), which ask the same permission
    # or a narrower one.
    routes: tuple[str, ...] = ()


REPORTS: tuple[Report, ...] = (
    Report("dashboard", "dashboard", _("Tableau de bord"), Perm.VIEW_REPORTS, ("drill",)),
    Report("planning", "planning", _("Où et quand aller"), Perm.VIEW_REPORTS),
    Report("fse", "fse", _("Rapport FSE+"), Perm.VIEW_FUNDER_REPORTS, ("fse_export", "fse_drill")),
    Report("pic", "pic", _("Rapport PIC"), Perm.VIEW_FUNDER_REPORTS, ("pic_export",)),
    Report(
        "committee", "committee", _("Comité"), Perm.VIEW_PARTICIPANT_LISTING, ("committee_pdf",)
    ),
    Report("evaluation", "evaluation", _("Export évaluation"), Perm.EXPORT_PSEUDONYMISED),
)
BY_KEY = {report.key: report for report in REPORTS}


def perm_of(key: str) -> Perm:
    return BY_KEY[key].perm


def reports_for(actor: Actor | None) -> list[Report]:
    """The reports this actor may open, in the order of the tabs."""
    return [report for report in REPORTS if actor is not None and actor.can(report.perm)]
