"""What the loader's tests share: the fixture folders, the messages they expect, and how a case is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.data.load import build_dataset
from components.data.model import DatasetError, Problem

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
F, R, L = "findings.csv", "recommendations.csv", "links.csv"
EXPORT = "Open it in your spreadsheet and use File > Save As > 'CSV UTF-8 (comma delimited)', then upload that."
WORKBOOK = (
    "Upload CSV files, not the workbook: in Excel use File > Save As > 'CSV UTF-8 (comma delimited)' for each "
    "sheet (in Google Sheets, File > Download > Comma-separated values), then upload those."
)
BLANK = "this cell is blank; every row needs a value here."
EMPTY = (
    "the file is empty. It needs a header row with the columns finding_id, group, category, theme, statement, "
    "then one row per item."
)
NO_RECS = " (no recommendations.csv was given, so links can only use finding ids)"
HEADER = "finding_id,group,category,theme,statement\n"
GOOD_STATEMENTS = ["“No time” – café meetings were cut.", "Sitting together helps."]
UTF16_NOTE = "findings.csv: read as UTF-16 (its byte order mark says so)."


def load_case(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def problems_of(files: dict[str, bytes]) -> list[tuple]:
    with pytest.raises(DatasetError) as caught:
        build_dataset(files, name="test")
    return [(p.file, p.row, p.column, p.message) for p in caught.value.problems]


def raised_problems(files: dict[str, bytes]) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        build_dataset(files, name="test")
    return caught.value.problems


def reads_good_case(case: str, notes: tuple[str, ...]) -> None:
    """A good fixture reads to the same two findings, text exact, with the notes it should give."""
    dataset = build_dataset(load_case(FIXTURES / "good" / case), name="test")
    assert dataset.findings["statement"].tolist() == GOOD_STATEMENTS
    assert dataset.findings["evidence"].tolist() == ["‘Quoted’ words", ""]
    assert dataset.findings["category"].astype(str).tolist() == ["barrier", "enabler"]
    assert dataset.notes == notes
