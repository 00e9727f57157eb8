"""Funder reports as JSON: the FSE+ indicators and the PIC figures, with the steering
filters of the query string and the same rules as the pages (coordinators and evaluators
of the programme's structures; everyone else gets a 404)."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.reports.export_access import report_filter
from accroche.reports.fse import fse_report
from accroche.reports.fse_tables import shown_lines, shown_people
from accroche.reports.pic import KEYS, PicRow, pic_report, shown_pic
from accroche.reports.small_counts import Shown

router = Router(tags=["Rapports financeurs"])


# A count of 1 to 4 people is "< 5" for whoever reads no file (accroche.reports.small_counts).
Count = int | str


class LineOut(Schema):
    key: str
    label: str
    available: bool
    by_gender: dict[str, Count]
    total: Count | None
    note: str


class SectionOut(Schema):
    key: str
    title: str
    lines: list[LineOut]


class FseOut(Schema):
    programme: int
    start: date
    end: date
    entrants: Count
    leavers: Count
    not_participants: Count
    sections: list[SectionOut]


class PicRowOut(Schema):
    code: str
    label: str
    figures: dict[str, Count]


class PicOut(Schema):
    programme: int
    start: date
    end: date
    anonymous_contacts: Count
    totals: dict[str, Count]
    communes: list[PicRowOut]
    qpvs: list[PicRowOut]


@router.get("/fse", response=FseOut, summary="Indicateurs FSE+ des participants, par genre")
def fse(request: HttpRequest) -> Any:
    actor = actor_of(request)
    _form, f = report_filter(actor, Perm.VIEW_FUNDER_REPORTS, request.GET)
    report = fse_report(f)
    sections = [
        {
            "key": section.key,
            "title": str(section.title),
            "lines": [
                {
                    "key": shown.line.key,
                    "label": str(shown.line.label),
                    "available": shown.line.available,
                    "by_gender": dict(shown.cells) if shown.line.available else {},
                    "total": shown.total if shown.line.available else None,
                    "note": str(shown.line.note),
                }
                for shown in shown_lines(section, actor)
            ],
        }
        for section in report.sections
    ]
    people = shown_people(report, actor)
    return {
        "programme": f.programme.pk,
        "start": f.start,
        "end": f.end,
        "entrants": people["entrants"],
        "leavers": people["leavers"],
        "not_participants": people["too_short"],
        "sections": sections,
    }


def _row(row: PicRow, shown: list[Shown]) -> dict[str, Any]:
    return {"code": row.code, "label": row.label, "figures": dict(zip(KEYS, shown, strict=True))}


@router.get("/pic", response=PicOut, summary="Repérés, mobilisés, orientés, CEJ par commune et QPV")
def pic(request: HttpRequest) -> Any:
    actor = actor_of(request)
    _form, f = report_filter(actor, Perm.VIEW_FUNDER_REPORTS, request.GET)
    shown = shown_pic(pic_report(f), actor)
    return {
        "programme": f.programme.pk,
        "start": f.start,
        "end": f.end,
        "anonymous_contacts": shown.anonymous_contacts,
        "totals": dict(zip(KEYS, shown.totals, strict=True)),
        "communes": [_row(row, cells) for row, cells in shown.communes],
        "qpvs": [_row(row, cells) for row, cells in shown.qpvs],
    }
