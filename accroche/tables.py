"""The one table writer: every CSV, XLSX and ODS file Accroche produces is written here,
through tablib (openpyxl and odfpy behind it), so that every export neutralises formulas
the same way (tests/test_tables_everywhere.py fails if a module writes one elsewhere).

A text cell starting with ``= + - @``, a tab or a carriage return would be run by a
spreadsheet as a formula (CSV injection, OWASP): it is written with a leading single
quote and otherwise unchanged. Numbers and dates stay numbers and dates (a negative
number is a number, not text). Headers are in French; a CSV for people starts with a
UTF-8 byte-order mark and uses semicolons, so that Excel in French opens it with its
accents and columns right."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import tablib
from django.utils.functional import Promise
from django.utils.translation import gettext as _

FORMATS: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
}
CSV_BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_MAX = 31  # Excel's limit
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class Table:
    key: str
    title: str | Promise
    headers: Sequence[str | Promise]
    rows: list[list[Any]] = field(default_factory=list)


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, kept as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """The text ``neutralise`` was given (to read back a file written here)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def cell(value: Any) -> Any:
    """A value as a spreadsheet should hold it: text in French, numbers and dates as such."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return neutralise(str(value))


def dataset(table: Table) -> tablib.Dataset:
    data = tablib.Dataset(headers=[neutralise(str(header)) for header in table.headers])
    data.title = str(table.title).translate(_SHEET_TITLE_FORBIDDEN)[:_SHEET_TITLE_MAX]
    for row in table.rows:
        data.append([cell(value) for value in row])
    return data


def csv_text(table: Table, *, delimiter: str = ";", lineterminator: str = "\r\n") -> str:
    """One table as CSV text, without a byte-order mark (for files read by programs)."""
    return str(dataset(table).export("csv", delimiter=delimiter, lineterminator=lineterminator))


def render(tables: Iterable[Table], fmt: str) -> bytes:
    """XLSX and ODS: one sheet per table. CSV: the first table only."""
    tables = list(tables)
    if fmt not in FORMATS or not tables:
        raise ValueError(fmt)
    if fmt == "csv":
        return (CSV_BOM + csv_text(tables[0])).encode("utf-8")
    if len(tables) == 1:
        return bytes(dataset(tables[0]).export(fmt))
    return bytes(tablib.Databook([dataset(table) for table in tables]).export(fmt))
