"""Every table a report shows, as an XLSX, ODS or CSV download. The file itself is
written by the one table writer, accroche/tables.py (formulas neutralised there)."""

from collections.abc import Iterable, Sequence

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from accroche.tables import CSV_BOM, FORMATS, Table, cell, dataset, render

__all__ = ["CSV_BOM", "FORMATS", "Table", "cell", "dataset", "pick", "render", "response"]


def response(tables: Iterable[Table], fmt: str, name: str) -> HttpResponse:
    """The file as a download; an unknown format is a 404."""
    if fmt not in FORMATS:
        raise Http404
    content = render(tables, fmt)
    reply = HttpResponse(content, content_type=FORMATS[fmt])
    reply["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return reply


def pick(tables: Sequence[Table], key: str | None) -> list[Table]:
    """The tables asked for by key (all of them without one); an unknown key is a 404."""
    if not key:
        return list(tables)
    found = [table for table in tables if table.key == key]
    if not found:
        raise Http404
    return found
