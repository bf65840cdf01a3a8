"""Downloads are safe to open in a spreadsheet: no cell runs as a formula, accents and line breaks survive."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from components.data.exports import FORMULA_PREFIXES, neutralise_cell, safe_csv_bytes


def read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(prefix):
    assert neutralise_cell(prefix + "SUM(A1:A9)") == "'" + prefix + "SUM(A1:A9)"


@pytest.mark.parametrize("value", ["Trust", "", "a=b", " =not first", 3, None])
def test_other_values_are_left_as_they_are(value):
    assert neutralise_cell(value) == value


def test_csv_has_a_bom_crlf_rows_and_neutralised_cells_and_headers():
    frame = pd.DataFrame({"=header": ['=HYPERLINK("http://example.invalid")', "café"], "n": [1, None]})
    data = safe_csv_bytes(frame)
    assert data.startswith("\ufeff".encode())
    assert b"\r\n" in data
    assert read_back(data) == [["'=header", "n"], ['\'=HYPERLINK("http://example.invalid")', "1.0"], ["café", ""]]


def test_a_lone_carriage_return_stays_inside_its_cell():
    frame = pd.DataFrame({"note": ["first line\rsecond", "=1+1"]})
    rows = read_back(safe_csv_bytes(frame))
    assert len(rows) == 3
    assert rows[1] == ["first line\rsecond"]
    assert rows[2] == ["'=1+1"]
