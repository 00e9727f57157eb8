import datetime
import io

import openpyxl
import pytest
import tablib
from django.http import Http404

from accroche.reports.exports import CSV_BOM, Table, cell, pick, render, response

TABLE = Table(
    "t", "Sorties", ["Commune", "Jeunes", "Le"], [["Évreux", 3, datetime.date(2026, 3, 1)]]
)


def test_csv_starts_with_a_bom_and_uses_semicolons() -> None:
    content = render([TABLE], "csv")
    assert content.startswith(CSV_BOM.encode("utf-8"))
    assert content.decode("utf-8-sig").splitlines() == ["Commune;Jeunes;Le", "Évreux;3;2026-03-01"]


def test_xlsx_keeps_numbers_dates_and_accents() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(render([TABLE], "xlsx"))).active
    assert sheet.title == "Sorties"
    assert list(sheet.iter_rows(values_only=True))[1] == (
        "Évreux",
        3,
        datetime.datetime(2026, 3, 1),
    )


def test_ods_reads_back() -> None:
    book = tablib.Databook().load(render([TABLE, Table("u", "Autre", ["A"], [[1]])], "ods"), "ods")
    assert [sheet.title for sheet in book.sheets()] == ["Sorties", "Autre"]
    assert book.sheets()[0][0][0] == "Évreux"


def test_cells_in_french_and_no_formula() -> None:
    assert [cell(True), cell(False), cell(None)] == ["Oui", "Non", ""]
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_unknown_format_or_table_is_a_404() -> None:
    with pytest.raises(Http404):
        response([TABLE], "pdf", "x")
    with pytest.raises(Http404):
        pick([TABLE], "nope")
    assert pick([TABLE], "t") == [TABLE]


def test_the_download_is_named_after_the_report() -> None:
    reply = response([TABLE], "csv", "pic Cap Avenir 2026")
    assert reply["Content-Disposition"] == 'attachment; filename="pic-cap-avenir-2026.csv"'
    assert reply["Content-Type"] == "text/csv; charset=utf-8"
