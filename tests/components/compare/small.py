"""Tiny hand-made findings for the compare tests: (group, category, theme[, partner[, theme_basis]]) rows."""

from __future__ import annotations

import pandas as pd

from components.data.vocabulary import SHARED_GROUP

COLUMNS = ("finding_id", "group", "category", "theme", "statement", "evidence", "source", "partner", "theme_basis")


def findings(*rows: tuple) -> pd.DataFrame:
    """Rows as (group, category, theme[, partner[, theme_basis]]); ids, statements and quotes are filled in."""
    records = []
    for number, row in enumerate(rows, start=1):
        group, category, theme, partner, theme_basis = (*row, "", "")[:5]
        records.append(
            {
                "finding_id": f"T{number:02d}",
                "group": group,
                "category": category,
                "theme": theme,
                "statement": f"Statement {number}",
                "evidence": f"Quote {number}",
                "source": "Test source",
                "partner": partner,
                "theme_basis": theme_basis,
            }
        )
    return pd.DataFrame(records, columns=COLUMNS).astype("string")


TWO_GROUPS = findings(
    ("A", "purpose", "Shared aim", "clients"),
    ("A", "purpose", "Only A", "clients"),
    ("A", "purpose", "Only A", "families"),
    ("B", "purpose", "Shared aim", "professionals"),
    ("B", "purpose", "Only B", "professionals"),
    ("B", "purpose", "Only B", "professionals"),
    ("B", "purpose", "Only B", "professionals"),
    (SHARED_GROUP, "purpose", "Everyone", "MDT"),
    ("A", "barrier", "Time", "", "inferred"),
    ("B", "barrier", "Time"),
    (SHARED_GROUP, "barrier", "Money"),
)
