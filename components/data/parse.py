"""CSV text to a frame of stripped strings: the delimiter, the records with their spreadsheet row numbers, and
the header matched to a file's known columns. Structural problems come back as `Problem`s."""

from __future__ import annotations

import csv
import difflib
import io
import re

import pandas as pd

from components.data.model import Problem
from components.data.vocabulary import MAX_CELL_CHARS, MAX_ROWS, TableSpec

# Separators a spreadsheet may write: Excel in many European locales saves "CSV" with semicolons,
# and "Unicode text" with tabs.
_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_UNCLOSED_QUOTE = (
    'a quote mark (") opened in this row is never closed, so the rest of the file cannot be read. '
    "Close the quote or remove it."
)
_BROKEN_QUOTE = (
    "this row cannot be read because of its quote marks: a cell that starts with a quote mark must end "
    'with one, and a quote mark inside such a cell is written twice (""). Check this row and the one before it.'
)


def header_key(cell: str) -> str:
    """How header names are compared: case, surrounding spaces and inner spaces or hyphens do not matter."""
    return re.sub(r"[\s\-]+", "_", cell.replace("\ufeff", "").strip().casefold())


def _pick_delimiter(spec: TableSpec, text: str) -> str:
    """The separator under which the first line names the most known columns (commas unless another wins)."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    known = {header_key(name) for name in spec.columns}
    scores = {}
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:
            cells = []
        scores[delimiter] = sum(header_key(cell) in known for cell in cells)
    best = max(scores, key=lambda delimiter: scores[delimiter])
    return best if scores[best] > scores[","] else ","


def _read_records(spec: TableSpec, text: str, delimiter: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Every non-blank CSV record with its row number as a spreadsheet shows it (blank rows still count)."""
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row_number = 0
    try:
        for record in reader:
            row_number += 1
            if not any(cell.strip() for cell in record):
                continue
            if len(records) > MAX_ROWS:
                return [], [Problem(spec.file, None, None, f"the file has more than {MAX_ROWS:,} rows; split it.")]
            records.append((row_number, record))
    except csv.Error as error:
        row = row_number + 1
        reason = str(error)
        if "field larger than field limit" in reason:
            message = (
                "a cell starting in this row runs on for more than 100,000 characters, usually because a quote "
                f'mark (") is never closed. Close the quote, or shorten the cell (the limit is {MAX_CELL_CHARS:,} '
                "characters)."
            )
        elif "unexpected end of data" in reason:
            message = _UNCLOSED_QUOTE
        else:
            message = _BROKEN_QUOTE
        return [], [Problem(spec.file, row, None, message)]
    return records, []


def parse_table(
    spec: TableSpec, text: str, max_cell_chars: int = MAX_CELL_CHARS
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """CSV text to a frame of stripped strings ("" for blanks), with structural problems and notes.

    The csv module rather than pandas, because it reports exactly which record breaks and lets
    rows be numbered as a spreadsheet shows them even when a cell holds a line break.
    A frame comes back even when some rows had problems (those rows are left out); an empty
    frame means the file could not be read at all.
    """
    notes: list[str] = []
    delimiter = _pick_delimiter(spec, text)
    if delimiter != ",":
        notes.append(f"{spec.file}: columns are separated by {_DELIMITERS[delimiter]}, not commas; read that way.")
    records, problems = _read_records(spec, text, delimiter)
    if problems:
        return pd.DataFrame(), problems, notes
    if not records:
        problems.append(
            Problem(
                spec.file,
                None,
                None,
                "the file is empty. It needs a header row with the columns "
                f"{', '.join(spec.required)}, then one row per item.",
            )
        )
        return pd.DataFrame(), problems, notes

    header_row, header = records[0]
    canonical = _match_header(spec, header, header_row, problems, notes)
    if problems:
        return pd.DataFrame(), problems, notes
    body = records[1:]
    if not body:
        problems.append(
            Problem(
                spec.file,
                None,
                None,
                "the file has a header row but no data rows. Add one row per item under the header.",
            )
        )
        return pd.DataFrame(), problems, notes

    rows: list[dict[str, str]] = []
    width = len(header)
    for row_number, record in body:
        # Trailing empty cells beyond the header (a stray comma at the end of a line) do no harm.
        if len(record) > width and not any(cell.strip() for cell in record[width:]):
            record = record[:width]
        if len(record) != width:
            problems.append(
                Problem(
                    spec.file,
                    row_number,
                    None,
                    f"this row has {len(record)} cells but the header has {width}. "
                    "Check for a stray comma, or a cell with a comma that needs quote marks around it.",
                )
            )
            continue
        row: dict[str, str] = {"_row": str(row_number)}
        for column_index, cell in enumerate(record):
            name = canonical[column_index]
            if name is None:
                continue
            value = cell.strip()
            if "\r" in value:
                value = value.replace("\r\n", "\n").replace("\r", "\n")
            if len(value) > max_cell_chars:
                problems.append(
                    Problem(
                        spec.file,
                        row_number,
                        name,
                        f"this cell has {len(value):,} characters; the limit is {max_cell_chars:,}. Shorten it.",
                    )
                )
                value = value[:max_cell_chars]
            row[name] = value
        rows.append(row)
    columns = ["_row", *[name for name in canonical if name is not None]]
    frame = pd.DataFrame(rows, columns=columns, dtype="string").fillna("")
    return frame, problems, notes


def _match_header(
    spec: TableSpec, header: list[str], header_row: int, problems: list[Problem], notes: list[str]
) -> list[str | None]:
    """Map header cells to known column names (see `header_key`); None for columns to ignore."""
    known = {header_key(name): name for name in spec.columns}
    canonical: list[str | None] = []
    seen: set[str] = set()
    extras: list[str] = []
    for cell in header:
        name = known.get(header_key(cell))
        if name in seen:
            problems.append(Problem(spec.file, header_row, name, f"the column '{cell.strip()}' appears twice."))
            name = None
        elif name is None:
            if cell.strip():
                extras.append(cell.strip())
        else:
            seen.add(name)
        canonical.append(name)
    if not seen:
        problems.append(
            Problem(
                spec.file,
                header_row,
                None,
                "the first row must be the header naming the columns "
                f"({', '.join(spec.required)}); none of those names is in it.",
            )
        )
        return canonical
    extra_keys = {header_key(extra): extra for extra in extras}
    for required in spec.required:
        if required not in seen:
            close = difflib.get_close_matches(required, list(extra_keys), n=1, cutoff=0.75)
            hint = f" The header has '{extra_keys[close[0]]}': is that a misspelling?" if close else ""
            problems.append(
                Problem(spec.file, header_row, required, f"the required column '{required}' is missing.{hint}")
            )
    if extras and not problems:
        names = ", ".join(f"'{extra}'" for extra in extras)
        notes.append(f"{spec.file}: the column(s) {names} are not part of the format, so the app ignores them.")
    return canonical
