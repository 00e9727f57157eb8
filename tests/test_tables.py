"""The table writer itself (accroche/tables.py); tests/test_tables_everywhere.py checks
every export goes through it."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from accroche.tables import Table, cell, csv_text, neutralise, render, unneutralise


@pytest.mark.parametrize(
    "text", ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", "-3"]
)
def test_text_a_spreadsheet_would_run_is_quoted_and_reads_back(text: str) -> None:
    assert cell(text) == "'" + text
    assert unneutralise(cell(text)) == text


@pytest.mark.parametrize("text", ["Rouen", "'déjà cité", "06 12 34 56 78", "", "a=b"])
def test_other_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text
    assert unneutralise(text) == text


def test_numbers_stay_numbers_even_negative() -> None:
    table = Table("t", "t", ["solde", "texte"], [[-3, "-3"], [Decimal("-2.50"), "x"]])
    sheet = openpyxl.load_workbook(io.BytesIO(render([table], "xlsx"))).active
    assert sheet is not None
    assert [c.value for c in sheet["A"]] == ["solde", -3, -2.5]
    assert sheet["B2"].value == "'-3"
    assert csv_text(table).splitlines()[1:] == ["-3;'-3", "-2.50;x"]


def test_dates_stay_dates() -> None:
    table = Table("t", "t", ["jour"], [[datetime.date(2026, 3, 1)]])
    sheet = openpyxl.load_workbook(io.BytesIO(render([table], "xlsx"))).active
    assert sheet is not None
    assert sheet["A2"].value == datetime.datetime(2026, 3, 1)
