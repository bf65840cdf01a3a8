"""The loader's model: `Problem` (one fault, said so a person can find it), `DatasetError` (every fault of
one input), `Study` (study.json as typed records) and `Dataset` (the tables a page works from).

Nothing in components/data imports Streamlit, so the same loader serves the bundled study, uploads and tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components.data.links import LinkIndex
from components.data.vocabulary import BUNDLED_ONLY_SPECS, MAX_PROBLEMS_SHOWN, SHARED_GROUP, UPLOADABLE_SPECS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, said so a person can find and fix it."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DatasetError(Exception):
    """Every problem found in a dataset, collected before giving up."""

    def __init__(self, problems: list[Problem], notes: tuple[str, ...] | list[str] = ()):
        self.problems = sorted(problems, key=_problem_order)
        # What was noticed on the way (an encoding fallback, ignored columns): worth showing beside the problems.
        self.notes = tuple(notes)
        super().__init__(self.summary())

    def summary(self, limit: int = MAX_PROBLEMS_SHOWN) -> str:
        lines = [str(problem) for problem in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"… and {hidden} more")
        return "\n".join(lines)


def _problem_order(problem: Problem) -> tuple:
    # Files in the order a user meets them (findings, recommendations, links), then by row: fixable in one pass.
    files = [spec.file for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS)]
    file_rank = files.index(problem.file) if problem.file in files else len(files)
    return (file_rank, problem.file, problem.row or 0, problem.column or "", problem.message)


@dataclass(frozen=True)
class Dataset:
    """The tables a page works from. Frames are shared between sessions: never change them in place."""

    name: str
    findings: pd.DataFrame
    recommendations: pd.DataFrame
    links: pd.DataFrame
    glossary: pd.DataFrame
    context: pd.DataFrame
    prompts: pd.DataFrame
    assessment_items: pd.DataFrame
    study: dict
    notes: tuple[str, ...] = ()
    is_bundled: bool = False
    # A digest of what the dataset was built from (file bytes, study metadata, name): caches key on it
    # instead of hashing the frames, which cost Streamlit a deep copy per call.
    fingerprint: str = ""
    # Links by item, both directions, built once here so no feature walks links.csv its own way.
    link_index: LinkIndex = field(default_factory=LinkIndex, repr=False, compare=False)

    @property
    def groups(self) -> list[str]:
        """Groups in the order the data first names them, with the shared group last."""
        groups = list(dict.fromkeys(self.findings["group"].astype(str)))
        return sorted(groups, key=lambda group: group == SHARED_GROUP)

    @property
    def audiences(self) -> list[str]:
        return list(dict.fromkeys(self.recommendations["audience"].astype(str)))
