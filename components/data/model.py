"""The loader's model: `Problem` (one fault, said so a person can find it), `DatasetError` (every fault of
one input), `Study` (study.json as typed records) and `Dataset` (the tables a page works from).

Nothing in components/data imports Streamlit, so the same loader serves the bundled study, uploads and tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

import pandas as pd
from pydantic import ConfigDict, Field, StringConstraints

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
    # Within a row by column. Faults with no row (study.json's, a missing column) keep the order they were
    # found in, which is the order of the file's fields: the sort is stable.
    files = [spec.file for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS)]
    file_rank = files.index(problem.file) if problem.file in files else len(files)
    if problem.row is None:
        return (file_rank, problem.file, 0)
    return (file_rank, problem.file, problem.row, problem.column or "", problem.message)


# ---------------------------------------------------------------------------------------------
# study.json as typed records. `validate.read_study` checks a file against these annotations (with pydantic, in
# strict mode: a number in quotes is not a number) and says what is wrong in plain words.

# Text that must say something: a page shows it without checking it is there.
Text = Annotated[str, StringConstraints(pattern=r"\S")]
Count = Annotated[int, Field(ge=0)]
# Every record rejects fields it does not know: a misspelt "licence_evidnce" would otherwise drop a quote unseen.
_STRICT = ConfigDict(extra="forbid", strict=True)


@dataclass(frozen=True)
class StudyQuote:
    """A passage of a source, word for word, and the source it is from."""

    quote: Text
    source: Text
    __pydantic_config__ = _STRICT


@dataclass(frozen=True)
class StudyGroupCount:
    """How many interviews the study states for one of its groups, named by its `group` label in findings.csv."""

    group: Text
    interviews: Count
    __pydantic_config__ = _STRICT


@dataclass(frozen=True)
class StudyMethod:
    """How the study was done, as it states it: the interview counts are the only participant numbers shown."""

    interviews: Count | None = None
    # Interviews per group, as the study states them and keyed by its own group labels; none where it states
    # none (a count is never worked out or guessed).
    interviews_by_group: tuple[StudyGroupCount, ...] = ()
    design: str = ""
    analysis: str = ""
    evidence: tuple[StudyQuote, ...] = ()
    __pydantic_config__ = _STRICT

    @property
    def group_counts(self) -> tuple[tuple[str, int], ...]:
        """(group label, interviews) in the study's order, e.g. ("MHSW", 4), ("CSW", 4); () when none is stated."""
        return tuple((entry.group, entry.interviews) for entry in self.interviews_by_group)


@dataclass(frozen=True)
class StudyInfluence:
    """An influence the study names, with the finding that quotes it."""

    name: Text
    finding_id: Text
    __pydantic_config__ = _STRICT


@dataclass(frozen=True)
class StudyLimit:
    """A limit of the study; `quote` is verbatim, or blank for a limit of this app's own coding."""

    limit: Text
    source: Text
    quote: str = ""
    __pydantic_config__ = _STRICT


@dataclass(frozen=True)
class StudySource:
    """One source document under the key its `source` cells start with; blank fields are what it does not give."""

    key: Text
    kind: Text
    whose_words: Text
    reference_type: str = ""
    author: str = ""
    title: str = ""
    publisher: str = ""
    year: str = ""
    url: str = ""
    note: str = ""
    __pydantic_config__ = _STRICT


@dataclass(frozen=True)
class StudyGroup:
    """A group as the data labels it ("MHSW") and as the study names it in full."""

    label: Text
    name: Text
    __pydantic_config__ = _STRICT


@dataclass(frozen=True)
class StudyLens:
    """A framework the study reads its findings through (e.g. Communities of Practice), with its elements as
    recommendations.csv's `cop_element` cells name them. Only a study that defines one shows a lens anywhere."""

    name: Text
    elements: tuple[Text, ...]
    # Who the framework is from, as the study names them ("Wenger"); blank when it does not say.
    author: str = ""
    __pydantic_config__ = _STRICT


@dataclass(frozen=True)
class Study:
    """A study's metadata (study.json): the bundled study's, or one written with an imported or uploaded study
    (components/your_data/metadata.py). Only the title is required; pages leave out what a study does not give."""

    title: Text
    author: str = ""
    author_role: str = ""
    year: Count | None = None
    institution: str = ""
    setting: str = ""
    citation: str = ""
    short_citation: str = ""
    licence: str = ""
    question: str = ""
    short_title: str = ""
    degree: str = ""
    licence_evidence: str = ""
    licence_source: str = ""
    question_evidence: str = ""
    question_source: str = ""
    method: StudyMethod = field(default_factory=StudyMethod)
    influences: tuple[StudyInfluence, ...] = ()
    limits: tuple[StudyLimit, ...] = ()
    headline_findings: tuple[Text, ...] = ()
    points_to_note: tuple[Text, ...] = ()
    sources: tuple[StudySource, ...] = ()
    # The study's own words for pages that speak of it (components/shared/study_words.py has the neutral
    # fallbacks): Home's headline, who took part, each group's full name and the lens, if it has one.
    headline: str = ""
    participants: str = ""
    groups: tuple[StudyGroup, ...] = ()
    lens: StudyLens | None = None
    __pydantic_config__ = _STRICT

    @property
    def finding_ids(self) -> tuple[tuple[str, str], ...]:
        """(field, finding id) for every finding the metadata points at, in the order of study.json's fields."""
        return (
            *(("influences", influence.finding_id) for influence in self.influences),
            *(("headline_findings", finding_id) for finding_id in self.headline_findings),
            *(("points_to_note", finding_id) for finding_id in self.points_to_note),
        )


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
    # study.json as typed records; for an upload or a QDA import, what the Your data form gave
    # (components/your_data/metadata.py); None for a dataset built without any (a test's, an old session's).
    study: Study | None
    notes: tuple[str, ...] = ()
    is_bundled: bool = False
    # Read from a ?study= link (components/ui/published.py): its publisher's upload, not this session's.
    published: bool = False
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
