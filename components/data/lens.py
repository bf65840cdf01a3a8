"""recommendations.csv's `cop_element` column read against the study's OWN lens (study.json's `lens`).

No list of elements lives in code: the bundled study's Communities of Practice elements are in data/study.json,
and a study with a lens of its own ("Trust", "Shared tools") is checked against that list. A value is matched
whatever its case and spacing and kept in the study's spelling; one that is not an element of the lens is a
problem naming the file, row and column.

This is the one place the rule for a study WITHOUT a lens lives (no study.json, or one with no `lens`): its
elements are elements of nothing, so they are set aside here (the column is emptied) and a note names the
file, the column and the rows that held them. No page, slide, export or plan then shows a lens tag, filter,
column or "element inferred" badge for a lens the study does not have, and none of them has to check.
"""

from __future__ import annotations

import difflib

import pandas as pd

from components.data.model import Problem, Study
from components.data.vocabulary import LENS_COLUMN, RECOMMENDATIONS_FILE


def _key(value: str) -> str:
    return " ".join(str(value).split()).casefold()


def check_lens_elements(
    study: Study | None, recommendations: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """The recommendations with their lens elements in the study's spelling, the problems (a value that is not
    one of the study's elements) and the notes (values given for a study that defines no lens, set aside)."""
    if LENS_COLUMN not in recommendations.columns:
        return recommendations, [], []
    cells = recommendations[LENS_COLUMN].astype("string").fillna("")
    given = cells.str.strip().ne("").astype(bool)
    if not given.any():
        return recommendations, [], []
    lens = study.lens if study is not None else None
    if lens is None:
        return _set_aside(recommendations), [], [_set_aside_note(recommendations["_row"][given].tolist())]
    spelling = {_key(element): element for element in lens.elements}
    normalised = cells.map(lambda cell: spelling.get(_key(cell), cell) if str(cell).strip() else "")
    problems = []
    allowed = ", ".join(lens.elements)
    for row, value, is_given in zip(recommendations["_row"], normalised, given, strict=True):
        if is_given and value not in lens.elements:
            close = difflib.get_close_matches(_key(value), [_key(element) for element in lens.elements], n=1)
            hint = f" Did you mean '{spelling[close[0]]}'?" if close else ""
            problems.append(
                Problem(
                    RECOMMENDATIONS_FILE,
                    int(row),
                    LENS_COLUMN,
                    f"'{value}' is not an element of the study's lens, {lens.name}. Use one of: {allowed} "
                    f"(or leave it blank).{hint}",
                )
            )
    frame = recommendations.copy()
    frame[LENS_COLUMN] = normalised.astype("string")
    return frame, problems, []


# Rows a note names at most; the rest are counted.
_ROWS_NAMED = 10


def _set_aside(recommendations: pd.DataFrame) -> pd.DataFrame:
    """The recommendations with the lens column emptied (a copy: frames are shared between sessions)."""
    frame = recommendations.copy()
    frame[LENS_COLUMN] = pd.Series("", index=frame.index, dtype="string")
    return frame


def _set_aside_note(rows: list) -> str:
    """What the loader did with the elements of a study without a lens, naming file, column and rows."""
    named = [str(row) for row in rows[:_ROWS_NAMED]]
    more = len(rows) - len(named)
    where = ", ".join(named) + (f" and {more:,} more" if more else "")
    count = len(rows)
    return (
        f"{RECOMMENDATIONS_FILE}, column '{LENS_COLUMN}', row{'s' if count != 1 else ''} {where}: "
        f"{count:,} recommendation{'s' if count != 1 else ''} name{'s' if count == 1 else ''} an element of a lens, "
        "but the study defines no lens: they are set aside and no page shows them. To show them, name the lens "
        "and its elements in the study's details (study.json's `lens`, or the form on Your data)."
    )
