"""What the importers read from a QDA project, before any mapping: codes, sources, coded segments, cases.

Plain frozen records. REFI-QDA (QDA-XML 1.0) projects and Taguette exports both end up here, so the
mapping to the app's tables (`components.qda.mapping`) knows nothing of either format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from components.data.model import DatasetError, Problem


@dataclass(frozen=True)
class Code:
    guid: str
    name: str
    parent: str | None  # the parent code's guid; None for a top-level code
    description: str = ""


@dataclass(frozen=True)
class Segment:
    """One coded text segment: a PlainTextSelection with one Coding (a selection with two codes is two)."""

    guid: str  # the selection's guid
    source: str  # the source's guid
    code: str  # the code's guid
    text: str  # exactly the characters start..end of the source's plain text
    start: int | None  # None where the format has no offsets (Taguette)
    end: int | None
    name: str = ""  # the selection's own name, if the tool gave it one
    memo: str = ""  # the selection's Description
    notes: tuple[tuple[str, str], ...] = ()  # (name, text) of the Notes the selection refers to (NoteRef)


@dataclass(frozen=True)
class Source:
    guid: str
    name: str
    position: int  # 1-based order in the project


@dataclass(frozen=True)
class Variable:
    guid: str
    name: str
    kind: str  # REFI typeOfVariable: Text, Boolean, Integer, Float, Date, DateTime


@dataclass(frozen=True)
class Case:
    guid: str
    name: str
    values: dict[str, str]  # variable guid -> value as text
    sources: tuple[str, ...]  # source guids
    selections: tuple[str, ...]  # selection guids


@dataclass(frozen=True)
class Link:
    """A REFI Link the researcher drew between two things (codes or selections)."""

    guid: str
    name: str
    direction: str
    origin: str
    target: str
    note: str = ""


@dataclass(frozen=True)
class QdaProject:
    file_name: str
    name: str
    origin: str  # the tool that wrote it, as the file says
    codes: dict[str, Code]  # in codebook order
    sources: dict[str, Source]
    segments: tuple[Segment, ...]
    variables: dict[str, Variable] = field(default_factory=dict)
    cases: tuple[Case, ...] = ()
    links: tuple[Link, ...] = ()
    notes: tuple[str, ...] = ()
    positions: str = "code points"  # how the tool counted startPosition/endPosition (see qda.positions)
    description: str = ""  # the project's own Description
    # The names of the project's Users, the one who created the project first, as the file gives them (accounts
    # of people, and sometimes of the tool itself: ATLAS.ti lists "ATLAS.ti", this app's exports itself).
    users: tuple[str, ...] = ()

    @property
    def top_level_codes(self) -> list[Code]:
        return [code for code in self.codes.values() if code.parent is None]

    def top_of(self, guid: str) -> Code:
        code = self.codes[guid]
        while code.parent is not None:
            code = self.codes[code.parent]
        return code

    def path_of(self, guid: str) -> list[Code]:
        """The code's ancestors from the top-level code down to the code itself."""
        path = [self.codes[guid]]
        while path[0].parent is not None:
            path.insert(0, self.codes[path[0].parent])
        return path


# The origin this app writes into its exports: a project with it is read back with its ids and statements.
APP_ORIGIN = "Collaboration Findings Explorer"


class QdaError(DatasetError):
    """Every problem found in a QDA file. A DatasetError, so the page shows it as it shows CSV problems."""


def problem(file_name: str, message: str, line: int | None = None, where: str | None = None) -> Problem:
    """A problem in a QDA file: `line` is the XML line, `where` names the element or GUID at fault."""
    return Problem(file_name, line, where, message)


def problem_text(found: Problem) -> str:
    """A QDA problem as one line: file, XML line, element or GUID, message."""
    where = [found.file]
    if found.row is not None:
        where.append(f"line {found.row}")
    if found.column:
        where.append(found.column)
    return f"{', '.join(where)}: {found.message}"
