"""Diagnostics, progression and timeline of a young person. Mounted under /youth."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.youth.access import get_youth
from accroche.youth.diagnostics import (
    barrier_categories,
    diagnostics_of,
    do_mark_immediate_need_met,
    do_record_diagnostic,
    get_diagnostic,
    log_diagnostics_read,
    progression,
)
from accroche.youth.models import Barrier
from accroche.youth.timeline import timeline_for

router = Router(tags=["Jeunes : diagnostics et chronologie"])


class BarrierOut(Schema):
    domain: str = Field(description="Catégorie data·inclusion (mobilite, sante…)")
    label: str
    severity: int = Field(description="0 aucun frein, 1 léger, 2 important, 3 bloquant")
    note: str

    @staticmethod
    def resolve_domain(obj: Barrier) -> str:
        return obj.category.value

    @staticmethod
    def resolve_label(obj: Barrier) -> str:
        return obj.category.label


class DiagnosticOut(Schema):
    id: int
    done_on: date
    enrolment_id: int | None
    needs: str
    wishes: str
    immediate_need: str
    immediate_need_on: date | None
    immediate_need_met_on: date | None
    author_structure_id: int
    barriers: list[BarrierOut]
    created_at: datetime


class BarrierIn(Schema):
    domain: str = Field(description="Catégorie data·inclusion (mobilite, sante…)")
    severity: int = Field(ge=0, le=3)
    note: str = ""


class DiagnosticIn(Schema):
    done_on: date
    enrolment_id: int | None = None
    needs: str = ""
    wishes: str = ""
    immediate_need: str = Field("", max_length=300)
    immediate_need_on: date | None = None
    barriers: list[BarrierIn] = Field([], description="Un par domaine évalué")


class NeedMetIn(Schema):
    on: date | None = Field(None, description="Par défaut : aujourd'hui")


class ProgressionRowOut(Schema):
    domain: str
    label: str
    severities: list[int | None] = Field(description="Une par diagnostic, du plus ancien")
    change: int | None = Field(description="Dernière sévérité moins la première")


class ProgressionOut(Schema):
    dates: list[date]
    totals: list[int]
    rows: list[ProgressionRowOut]


class TimelineEntryOut(Schema):
    at: datetime
    kind: str
    title: str
    detail: str
    structure: str
    author: str


@router.get(
    "/{youth_id}/diagnostics", response=list[DiagnosticOut], summary="Diagnostics d'un jeune"
)
def list_diagnostics(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    diagnostics = list(diagnostics_of(get_youth(actor, youth_id)))
    log_diagnostics_read(actor, diagnostics)
    return diagnostics


@router.get(
    "/{youth_id}/diagnostics/progression",
    response=ProgressionOut,
    summary="Progression des freins d'un diagnostic à l'autre",
)
def diagnostics_progression(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    diagnostics = list(diagnostics_of(get_youth(actor, youth_id)))
    log_diagnostics_read(actor, diagnostics)
    result = progression(diagnostics)
    return {
        "dates": result.dates,
        "totals": result.totals,
        "rows": [
            {"domain": r.value, "label": r.label, "severities": r.severities, "change": r.change}
            for r in result.rows
        ],
    }


@router.post(
    "/{youth_id}/diagnostics", response={201: DiagnosticOut}, summary="Faire un diagnostic"
)
def create_diagnostic(request: HttpRequest, youth_id: int, payload: DiagnosticIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = payload.dict()
    categories = {c.value: c for c in barrier_categories()}
    unknown = [b["domain"] for b in data["barriers"] if b["domain"] not in categories]
    if unknown:
        raise ValidationError(
            {"barriers": [_("Domaines inconnus : %(domains)s.") % {"domains": ", ".join(unknown)}]}
        )
    data["barriers"] = [
        {"category": categories[b["domain"]], "severity": b["severity"], "note": b["note"]}
        for b in data["barriers"]
    ]
    enrolment_id = data.pop("enrolment_id")
    data["enrolment"] = None
    if enrolment_id is not None:
        data["enrolment"] = youth.enrolments.filter(pk=enrolment_id).first()
        if data["enrolment"] is None:
            raise ValidationError({"enrolment_id": [_("Ce parcours n'est pas celui de ce jeune.")]})
    diagnostic = do_record_diagnostic(actor, youth, data)
    return Status(201, get_diagnostic(youth, diagnostic.pk))


@router.get(
    "/{youth_id}/diagnostics/{diagnostic_id}", response=DiagnosticOut, summary="Un diagnostic"
)
def read_diagnostic(request: HttpRequest, youth_id: int, diagnostic_id: int) -> Any:
    actor = actor_of(request)
    diagnostic = get_diagnostic(get_youth(actor, youth_id), diagnostic_id)
    log_diagnostics_read(actor, [diagnostic])
    return diagnostic


@router.post(
    "/{youth_id}/diagnostics/{diagnostic_id}/immediate-need-met",
    response=DiagnosticOut,
    summary="Noter le besoin immédiat comme réglé",
)
def immediate_need_met(
    request: HttpRequest, youth_id: int, diagnostic_id: int, payload: NeedMetIn
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    diagnostic = get_diagnostic(youth, diagnostic_id)
    do_mark_immediate_need_met(actor, diagnostic, payload.on)
    return diagnostic


@router.get(
    "/{youth_id}/timeline",
    response=list[TimelineEntryOut],
    summary="Chronologie d'un jeune (du plus récent au plus ancien)",
)
def timeline(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    return timeline_for(actor, get_youth(actor, youth_id))
