"""Who may read the funder reports and exports.

Coordinators of a structure taking part in the programme read every funder report;
evaluators read the aggregates and download the pseudonymised export; for everyone
else the programme's reports do not exist (404). The programme and period come from
the steering filter (``accroche.reports.filters``), which offers only the programmes the
actor's structure takes part in."""

from typing import Any

from django.http import Http404

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.reports.filters import ReportFilter, ReportFilterForm, parse_filter


def report_filter(actor: Actor, perm: Perm, data: Any) -> tuple[ReportFilterForm, ReportFilter]:
    """The form (with its errors) and the filter of a funder report; 404 when the role
    may not read it, the programme is not one of the actor's, or there is none."""
    actor.require(perm)
    form, found = parse_filter(actor, data)
    if found is None:
        # A wrong date keeps the programme: show the form's errors over the default period.
        programme = getattr(form, "cleaned_data", {}).get("programme")
        if programme is None:
            raise Http404
        _default, found = parse_filter(actor, {"programme": str(programme.pk)})
        if found is None:
            raise Http404
    return form, found


def log_export(actor: Actor, youth_ids: list[int], what: str) -> None:
    """An export of records about young people (even pseudonymised) is audited: who, when,
    which files, which export; never the data itself."""
    audit.log(actor, AuditEvent.Action.EXPORT, "youth", object_ids=youth_ids, fields=[what])
