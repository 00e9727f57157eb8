"""Every table a report shows, as XLSX, ODS or CSV, through tablib (openpyxl and odfpy
behind it). Headers are in French; a CSV starts with a UTF-8 byte-order mark and uses
semicolons, so that Excel in French opens it with its accents and columns right."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import tablib
from django.http import Http404, HttpResponse
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _

FORMATS: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
}
CSV_BOM = "\ufeff"
# A cell a spreadsheet would run as a formula (CSV injection) is kept as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_MAX = 31  # Excel's limit
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class Table:
    key: str
    title: str | Promise
    headers: Sequence[str | Promise]
    rows: list[list[Any]] = field(default_factory=list)


def cell(value: Any) -> Any:
    """A value as a spreadsheet should hold it: text in French, numbers and dates as such."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return str(value)


def dataset(table: Table) -> tablib.Dataset:
    data = tablib.Dataset(headers=[str(header) for header in table.headers])
    data.title = str(table.title).translate(_SHEET_TITLE_FORBIDDEN)[:_SHEET_TITLE_MAX]
    for row in table.rows:
        data.append([cell(value) for value in row])
    return data


def render(tables: Iterable[Table], fmt: str) -> bytes:
    """XLSX and ODS: one sheet per table. CSV: the first table only."""
    tables = list(tables)
    if fmt not in FORMATS or not tables:
        raise ValueError(fmt)
    if fmt == "csv":
        text = dataset(tables[0]).export("csv", delimiter=";")
        return (CSV_BOM + text).encode("utf-8")
    if len(tables) == 1:
        return bytes(dataset(tables[0]).export(fmt))
    return bytes(tablib.Databook([dataset(table) for table in tables]).export(fmt))


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
