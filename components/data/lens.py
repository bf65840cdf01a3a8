"""recommendations.csv's `cop_element` column read against the study's OWN lens (study.json's `lens`).

No list of elements lives in code: the bundled study's Communities of Practice elements are in data/study.json,
and a study with a lens of its own ("Trust", "Shared tools") is checked against that list. A value is matched
whatever its case and spacing and kept in the study's spelling; one that is not an element of the lens is a
problem naming the file, row and column. Without a lens nothing is checked: the values are kept as written, with
no lens section, filter or slide (study_words.lens is None), which a note says when the study has metadata.
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
    one of the study's elements) and the notes (values given for a study that defines no lens)."""
    if LENS_COLUMN not in recommendations.columns:
        return recommendations, [], []
    cells = recommendations[LENS_COLUMN].astype("string").fillna("")
    given = cells.str.strip().ne("").astype(bool)
    if not given.any():
        return recommendations, [], []
    lens = study.lens if study is not None else None
    if lens is None:
        if study is None:
            return recommendations, [], []
        count = int(given.sum())
        note = (
            f"{RECOMMENDATIONS_FILE}: {count} recommendation{'s' if count != 1 else ''} "
            f"name{'s' if count == 1 else ''} an element in the column '{LENS_COLUMN}', but the study's details "
            "define no lens: they are kept as written, unchecked, with no lens section or filter. Give the lens and "
            "its elements in the study's details to check them and show them by element."
        )
        return recommendations, [], [note]
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
