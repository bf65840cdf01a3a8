"""A table cell as text, the one way the loader and everything above it read a cell.

It lives with the loader (links.py reads cells with it) and is re-exported by components/shared/text.py, where
features import it beside the escaping helpers.
"""

from __future__ import annotations

import pandas as pd


def cell_text(value: object) -> str:
    """A table cell as text: None, NaN and pd.NA become "". Not stripped: a leading tab is meaningful to
    the formula-safe export, and the loader has already stripped every cell it read."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # list-like values have no single truth value
        pass
    return str(value)
