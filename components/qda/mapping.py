"""From a QDA project to the app's three tables: the guesses a user sees and can change, and the mapping itself.

Each coded segment becomes one coded statement (a segment with two codes is two statements, one under
each code), so every count the app shows stays a count of coded segments. Evidence is exactly the
segment's characters; the theme is the code's name; the category comes from the top-level code it sits
under; the group from a case variable; links from the researcher's own REFI links.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from components.data.vocabulary import (
    CATEGORIES,
    FINDINGS_FILE,
    FINDINGS_SPEC,
    LINKS_FILE,
    LINKS_SPEC,
    LONG_CELL_CHARS,
    RECOMMENDATIONS_FILE,
    RECOMMENDATIONS_SPEC,
    SHARED_GROUP,
)
from components.qda.model import APP_ORIGIN, QdaProject, Segment

RECOMMENDATION = "recommendation"
CATEGORY_CHOICES = (*CATEGORIES, RECOMMENDATION)
CATEGORY_LABELS = {
    "purpose": "Reasons to collaborate (purpose)",
    "barrier": "Barriers (what gets in the way)",
    "enabler": "What helps (enabler)",
    "perception": "Views of the other group (perception)",
    "observation": "Observations (anything else)",
    RECOMMENDATION: "Recommendations (audience from the sub-codes)",
}
# Checked in this order: "What helps overcome barriers" is about what helps, not a barrier.
_NAME_GUESSES = (
    (RECOMMENDATION, re.compile(r"recommend|suggestion|advice", re.IGNORECASE)),
    (
        "enabler",
        re.compile(r"what helps|\bhelps?\b|helpful|enabl|facilitat|overcom|support", re.IGNORECASE),
    ),
    ("barrier", re.compile(r"barrier|obstacle|challenge|difficult|hinder|get in the way", re.IGNORECASE)),
    ("purpose", re.compile(r"reason|\bwhy\b|purpose|motivat", re.IGNORECASE)),
    ("perception", re.compile(r"\bviews?\b|perception|perceive", re.IGNORECASE)),
)
# The group choice that uses each case's own name rather than a variable.
CASE_NAME = "__case_name__"
MIN_GROUPS, MAX_GROUPS = 2, 12
INFERRED_NOTE_PREFIX = "inferred:"
# The notes this app's export attaches to a selection, by the end of their name: the statement when it is not
# the quote itself, and the source as the statement cited it.
STATEMENT_NOTE = "statement"
# What this app's export says in the project's Description, so that its selection names are read as ids.
IDS_IN_NAMES = "Each selection is named with its statement's id"
SOURCE_NOTE = "source"


@dataclass(frozen=True)
class Mapping:
    """What the user chose: a category per top-level code, and where groups come from."""

    categories: dict[str, str]  # top-level code guid -> one of CATEGORY_CHOICES
    group_by: str | None  # a variable guid, CASE_NAME, or None (every statement is "All")


def guess_category(code_name: str) -> str:
    for category, pattern in _NAME_GUESSES:
        if pattern.search(code_name):
            return category
    return "observation"


def group_choices(project: QdaProject) -> dict[str | None, str]:
    """Where groups can come from, as {choice: label}: none, each variable with values, the case names."""
    choices: dict[str | None, str] = {None: f"No groups: every statement is '{SHARED_GROUP}'"}
    used = {key for case in project.cases for key in case.values}
    for key, variable in project.variables.items():
        if key in used:
            choices[key] = f"Variable: {variable.name} ({variable.kind.lower()})"
    named_cases = [case for case in project.cases if not case.guid.startswith("source:") and case.name]
    if named_cases:
        choices[CASE_NAME] = "Case names"
    return choices


def groups_by(project: QdaProject, group_by: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """The group of each selection and each source under this choice (first case wins)."""
    by_selection: dict[str, str] = {}
    by_source: dict[str, str] = {}
    if group_by is None:
        return by_selection, by_source
    for case in project.cases:
        value = case.name if group_by == CASE_NAME else case.values.get(group_by, "")
        if group_by == CASE_NAME and case.guid.startswith("source:"):
            continue
        if not value:
            continue
        for guid in case.selections:
            by_selection.setdefault(guid, value)
        for guid in case.sources:
            by_source.setdefault(guid, value)
    return by_selection, by_source


def segment_group(segment: Segment, by_selection: dict[str, str], by_source: dict[str, str]) -> str:
    return by_selection.get(segment.guid) or by_source.get(segment.source) or SHARED_GROUP


def guess_group_by(project: QdaProject) -> str | None:
    """The first text variable that splits the sources into 2–12 groups; else none."""
    for key, label in group_choices(project).items():
        if key is None or key == CASE_NAME or not label.endswith("(text)"):
            continue
        by_selection, by_source = groups_by(project, key)
        groups = {segment_group(segment, by_selection, by_source) for segment in project.segments}
        if MIN_GROUPS <= len(groups) <= MAX_GROUPS:
            return key
    return None


def guess_mapping(project: QdaProject) -> Mapping:
    return Mapping({code.guid: guess_category(code.name) for code in project.top_level_codes}, guess_group_by(project))


def source_label(project: QdaProject, segment: Segment) -> str:
    """Where a statement comes from, the way a reference would name it: the source and the characters.

    A project this app exported keeps each statement's source as it was cited (its source note), else the
    document's name: re-importing never appends characters to a name that already says where it is.
    """
    source = project.sources[segment.source]
    if is_app_export(project):
        return _app_note(segment, SOURCE_NOTE) or source.name
    if segment.start is None:
        return source.name
    return f"{source.name}, characters {segment.start}–{segment.end}"


def _app_note(segment: Segment, kind: str) -> str:
    return next((text for name, text in segment.notes if name.casefold().endswith(" " + kind)), "")


def is_app_export(project: QdaProject) -> bool:
    """A project this app exported (its origin, and the description saying selection names are ids)."""
    return project.origin == APP_ORIGIN and IDS_IN_NAMES in project.description


def _kept_ids(project: QdaProject) -> dict[str, str]:
    """Selection guid -> the id it had, for a project this app exported (the selection's name is the id).

    A selection added in another tool (no name) gets a new id; a name two selections share is no id.
    """
    if not is_app_export(project):
        return {}
    names: dict[str, str] = {}
    for segment in project.segments:
        if segment.name:
            names.setdefault(segment.guid, segment.name)
    shared = {name for name, count in Counter(names.values()).items() if count > 1}
    return {guid: name for guid, name in names.items() if name not in shared}


def build_tables(project: QdaProject, mapping: Mapping) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The findings, recommendations and links tables this mapping gives, and notes on what was done."""
    by_selection, by_source = groups_by(project, mapping.group_by)
    findings, recommendations = [], []
    ids_by_selection: dict[str, list[str]] = {}
    ids_by_code: dict[str, list[str]] = {}
    app_export = is_app_export(project)
    kept = _kept_ids(project)
    numbered: set[str] = set()
    # Passages left out, each said once however many codes it carries: (source, start, end) -> code names.
    too_long: dict[tuple[str, int | None, int | None], list[str]] = {}
    blank: dict[tuple[str, int | None, int | None], list[str]] = {}
    for segment in project.segments:
        left_out = blank if not segment.text.strip() else too_long if len(segment.text) > LONG_CELL_CHARS else None
        if left_out is not None:
            passage = (segment.source, segment.start, segment.end)
            left_out.setdefault(passage, []).append(project.codes[segment.code].name)
            continue
        path = project.path_of(segment.code)
        top, code = path[0], path[-1]
        category = mapping.categories.get(top.guid, "observation")
        own_statement = _app_note(segment, STATEMENT_NOTE) if app_export else ""
        if segment.guid in kept and segment.guid not in numbered:
            row_id = kept[segment.guid]
            numbered.add(segment.guid)
        elif category == RECOMMENDATION:
            row_id = _free_id("R", len(recommendations) + 1, 3, kept)
        else:
            row_id = _free_id("F", len(findings) + 1, 4, kept)
        if category == RECOMMENDATION:
            audience = path[1].name if len(path) > 1 else top.name
            recommendations.append(
                {
                    "recommendation_id": row_id,
                    "audience": audience,
                    "text": own_statement or segment.text,
                    "evidence": segment.text,
                    "source": source_label(project, segment),
                }
            )
        else:
            findings.append(
                {
                    "finding_id": row_id,
                    "group": segment_group(segment, by_selection, by_source),
                    "category": category,
                    "theme": code.name,
                    "theme_basis": "stated",
                    "statement": own_statement or (segment.name if not app_export else "") or segment.text,
                    "evidence": segment.text,
                    "source": source_label(project, segment),
                    "detail": segment.memo,
                    "basis": "stated",
                }
            )
        ids_by_selection.setdefault(segment.guid, []).append(row_id)
        for ancestor in path:
            ids_by_code.setdefault(ancestor.guid, []).append(row_id)
    links, link_notes = _links(project, ids_by_selection, ids_by_code)
    notes = [*project.notes, *link_notes, *_left_out_notes(project, too_long, blank)]
    if not findings:
        notes.append("Every coded segment is under a recommendations code, so there are no findings.")
    tables = {
        FINDINGS_FILE: pd.DataFrame(findings, columns=list(FINDINGS_SPEC.columns)),
        RECOMMENDATIONS_FILE: pd.DataFrame(recommendations, columns=list(RECOMMENDATIONS_SPEC.columns)),
        LINKS_FILE: pd.DataFrame(links, columns=list(LINKS_SPEC.columns)),
    }
    return tables, notes


def passage_start_words(text: str, words: int = 8) -> str:
    """The first words of a passage, as a researcher would search for it in their tool."""
    found = text.split()
    return " ".join(found[:words]) + ("…" if len(found) > words else "")


def _left_out_notes(
    project: QdaProject,
    too_long: dict[tuple[str, int | None, int | None], list[str]],
    blank: dict[tuple[str, int | None, int | None], list[str]],
) -> list[str]:
    """One note per passage left out: its source, where it starts, its first words and its codes."""
    notes = []
    for (source, start, _), code_names in too_long.items():
        segment = next(item for item in project.segments if (item.source, item.start) == (source, start))
        where = f" at character {start:,}" if start is not None else ""
        notes.append(
            f"Left out: the passage in '{project.sources[source].name}'{where} starting "
            f"'{passage_start_words(segment.text)}', coded with {', '.join(repr(name) for name in code_names)}, "
            f"has {len(segment.text):,} characters, over the {LONG_CELL_CHARS:,} one statement can hold. Code "
            "shorter passages within it to bring it in."
        )
    for (source, start, end), code_names in blank.items():
        where = f" from character {start:,} to {end:,}" if start is not None else ""
        notes.append(
            f"Left out: the passage in '{project.sources[source].name}'{where}, coded with "
            f"{', '.join(repr(name) for name in code_names)}, holds only white space, so there are no words to quote."
        )
    return notes


def _free_id(prefix: str, number: int, width: int, kept: dict[str, str]) -> str:
    """A new id that no kept id already is."""
    taken = set(kept.values())
    row_id = f"{prefix}{number:0{width}d}"
    while row_id in taken:
        number += 1
        row_id = f"{prefix}{number:0{width}d}"
    return row_id


def _links(
    project: QdaProject, ids_by_selection: dict[str, list[str]], ids_by_code: dict[str, list[str]]
) -> tuple[list[dict[str, str]], list[str]]:
    links: dict[tuple[str, str, str], dict[str, str]] = {}
    unresolved = 0
    for link in project.links:
        origins = ids_by_selection.get(link.origin) or ids_by_code.get(link.origin) or []
        targets = ids_by_selection.get(link.target) or ids_by_code.get(link.target) or []
        if not origins or not targets:
            unresolved += 1
            continue
        relation = link.name or "linked"
        if link.note.casefold().startswith(INFERRED_NOTE_PREFIX):
            basis, note = "inferred", link.note[len(INFERRED_NOTE_PREFIX) :].strip()
        else:
            basis = "stated"
            note = link.note or f"The researcher drew this link in the QDA project ({link.direction})."
        for origin in origins:
            for target in targets:
                if origin != target:
                    links.setdefault(
                        (origin, target, relation),
                        {"from_id": origin, "to_id": target, "relation": relation, "basis": basis, "note": note},
                    )
    notes = []
    if unresolved:
        notes.append(
            f"{unresolved} link(s) in the project join things other than coded text or codes with coded text "
            "(a source, a case, a note), so they were left out."
        )
    return list(links.values()), notes


def mapping_summary(project: QdaProject, mapping: Mapping) -> list[str]:
    """What opening the project with this mapping gives, in plain words, before it is opened."""
    by_selection, by_source = groups_by(project, mapping.group_by)
    counts: dict[str, int] = {}
    groups: dict[str, int] = {}
    for segment in project.segments:
        category = mapping.categories.get(project.top_of(segment.code).guid, "observation")
        counts[category] = counts.get(category, 0) + 1
        if category != RECOMMENDATION:
            group = segment_group(segment, by_selection, by_source)
            groups[group] = groups.get(group, 0) + 1
    lines = [
        f"{len(project.segments):,} coded segments in {len(project.sources):,} text sources, "
        f"under {len(project.codes):,} codes. Each segment is one coded statement; counts are counts of "
        "coded segments, not of people."
    ]
    lines.append(
        "By category: "
        + ", ".join(
            f"{CATEGORY_LABELS[category]} {counts[category]:,}" for category in CATEGORY_CHOICES if category in counts
        )
        + "."
    )
    if groups:
        lines.append("By group: " + ", ".join(f"{group} {count:,}" for group, count in groups.items()) + ".")
    if project.links:
        inferred = sum(link.note.casefold().startswith(INFERRED_NOTE_PREFIX) for link in project.links)
        stated = len(project.links) - inferred
        if stated:
            lines.append(f"{stated:,} link(s) the researcher drew become links, marked stated, named as drawn.")
        if inferred:
            lines.append(
                f"{inferred:,} link(s) whose note says 'inferred:' (written by this app) stay marked inferred."
            )
    return lines
