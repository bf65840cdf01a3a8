"""Downloads that are safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

# A spreadsheet treats a cell starting with any of these as a formula (tab and CR too, in some).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe, so it shows as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as UTF-8 with a BOM (so Excel reads accents right) and every dangerous cell neutralised.

    CRLF line endings: with a bare LF, pandas leaves a cell holding a lone CR unquoted, a spreadsheet
    splits the row there, and whatever follows the CR would start a new, live cell.
    """
    safe = frame.astype(object).where(frame.notna(), "")
    safe = safe.map(lambda value: neutralise_cell(str(value)) if not isinstance(value, str) else neutralise_cell(value))
    safe.columns = [neutralise_cell(str(column)) for column in safe.columns]
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
