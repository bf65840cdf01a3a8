"""Pure helpers for the your-data page: the upload slots, templates, and problems grouped for fixing.

No Streamlit here. The page reads its widgets, calls these, and renders what they return (escaped).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data.exports import safe_csv_bytes
from components.data.links import RECOMMENDATION_KIND, UNKNOWN_KIND
from components.data.load import build_dataset
from components.data.model import Dataset, DatasetError, Problem, Study
from components.data.vocabulary import (
    FINDINGS_SPEC,
    LINKS_SPEC,
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    MAX_PROBLEMS_SHOWN,
    MAX_ROWS,
    RECOMMENDATIONS_SPEC,
    SHARED_GROUP,
    TableSpec,
)
from components.shared.session_keys import YOUR_DATA_LAST_CHECK, YOUR_DATA_TEMPLATE_SUFFIX, YOUR_DATA_UPLOAD_PREFIX
from components.shared.text import escape_markdown
from components.shared.wording import plural

# The your-data page's own state: the outcome of the last check, kept in this session only.
CHECK_STATE_KEY = YOUR_DATA_LAST_CHECK


@dataclass(frozen=True)
class UploadSlot:
    """One file a user can upload, with what it is for."""

    spec: TableSpec
    required: bool
    purpose: str

    @property
    def file(self) -> str:
        return self.spec.file

    @property
    def key(self) -> str:
        return YOUR_DATA_UPLOAD_PREFIX + self.spec.file.removesuffix(".csv")

    @property
    def template_key(self) -> str:
        return self.key + YOUR_DATA_TEMPLATE_SUFFIX


UPLOAD_SLOTS = (
    UploadSlot(FINDINGS_SPEC, True, "One row per coded statement: its id, group, category, theme and statement."),
    UploadSlot(RECOMMENDATIONS_SPEC, False, "One row per recommendation: its id, who it is for, and its text."),
    UploadSlot(LINKS_SPEC, False, "Which finding or recommendation answers which: from_id, to_id and relation."),
)


@dataclass(frozen=True)
class CheckResult:
    """What the last press of "Check" found, and for which files (so stale results are not shown)."""

    fingerprint: tuple
    ok: bool
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]
    file_names: dict[str, str]
    dataset_name: str
    summary: str = ""


@dataclass(frozen=True)
class ProblemGroup:
    """The problems shown for one file: its name, the user's own file name, how many in all."""

    file: str
    user_file_name: str | None
    total: int
    shown: tuple[Problem, ...]


# ---------------------------------------------------------------------------------------------
# Templates


def template_examples(bundled: Dataset) -> dict[str, dict[str, str]]:
    """One real row of each bundled file, chosen so the three templates fit together.

    The example link runs from a recommendation to a finding, and the findings and recommendations
    templates hold exactly those two rows, so the three templates load as one valid dataset.
    """
    findings = bundled.findings.set_index("finding_id", drop=False)
    recommendations = bundled.recommendations.set_index("recommendation_id", drop=False)
    index = bundled.link_index
    first = next(
        (
            link
            for link in index.links_from(RECOMMENDATION_KIND)
            if index.kind_of(link.to_id) not in (RECOMMENDATION_KIND, UNKNOWN_KIND)
        ),
        None,
    )
    if first is None:
        link = None
        finding = bundled.findings.iloc[0] if not bundled.findings.empty else None
        recommendation = bundled.recommendations.iloc[0] if not bundled.recommendations.empty else None
    else:
        link = {name: getattr(first, name) for name in ("from_id", "to_id", "relation", "basis", "note")}
        finding = findings.loc[first.to_id]
        recommendation = recommendations.loc[first.from_id]

    def row(spec: TableSpec, source: pd.Series | dict | None) -> dict[str, str]:
        if source is None:
            return {name: "" for name in spec.columns}
        return {name: "" if pd.isna(source.get(name)) else str(source.get(name, "")) for name in spec.columns}

    return {
        FINDINGS_SPEC.file: row(FINDINGS_SPEC, finding),
        RECOMMENDATIONS_SPEC.file: row(RECOMMENDATIONS_SPEC, recommendation),
        LINKS_SPEC.file: row(LINKS_SPEC, link),
    }


def template_frame(spec: TableSpec, example: dict[str, str]) -> pd.DataFrame:
    """The file's columns in the data dictionary's order, with one example row."""
    return pd.DataFrame([{name: example.get(name, "") for name in spec.columns}], columns=list(spec.columns))


def template_bytes(spec: TableSpec, example: dict[str, str]) -> bytes:
    return safe_csv_bytes(template_frame(spec, example))


# What each column holds, in the data dictionary's words (coded values come from the spec itself).
_COLUMN_HELP = {
    "theme": "A short theme name; findings that share it are grouped together.",
    "statement": "The finding in plain words.",
    "evidence": "The source passage, word for word.",
    "source": "Where it comes from and whose words it is, as a reference would name it: document and section "
    "(e.g. Interview 3 transcript, p. 4). Shown beside the quote as “Your source: …”.",
    "detail": "An elaboration of the finding, e.g. a sub-bullet.",
    "partner": "Who the collaboration is with, e.g. clients, families, professionals, MDT, children.",
    "audience": "Who the recommendation is for, as the source names them.",
    "text": "The recommendation, word for word.",
    "relation": "How they connect, e.g. overcomes, addresses, builds on.",
    "note": "One line on why they are linked.",
    "cop_element": "An element of the lens named in the study's details, as it spells it (or blank).",
}
_BASIS_DEFAULTS = {
    FINDINGS_SPEC.file: "blank means stated when there is evidence, inferred when not",
    RECOMMENDATIONS_SPEC.file: "blank means stated",
    LINKS_SPEC.file: "blank means inferred",
}
_ID_EXAMPLES = {FINDINGS_SPEC.file: "F001", RECOMMENDATIONS_SPEC.file: "R01"}


def column_guide(spec: TableSpec) -> pd.DataFrame:
    """What each column of a file must hold, generated from its spec."""
    rows = []
    for name in spec.columns:
        required = name in spec.required
        if name == spec.id_column:
            rule = f"A unique id for the row, e.g. {_ID_EXAMPLES.get(spec.file, 'X1')}."
        elif name in ("basis", "theme_basis"):
            what = "the theme name" if name == "theme_basis" else "the row"
            default = "blank means stated" if name == "theme_basis" else _BASIS_DEFAULTS[spec.file]
            rule = f"stated (the source says {what}) or inferred (your reading); {default}."
        elif name in spec.allowed:
            rule = "One of: " + ", ".join(spec.allowed[name]) + ("." if required else " (or blank).")
        elif name in ("from_id", "to_id"):
            rule = "A finding_id or recommendation_id from your other files."
        elif spec is FINDINGS_SPEC and name == "group":
            rule = f"Any label, e.g. the team or role. Use '{SHARED_GROUP}' for what every group said."
        else:
            rule = _COLUMN_HELP.get(name, "Any text.")
        rows.append({"Column": name, "Needed": "required" if required else "optional", "What goes in it": rule})
    return pd.DataFrame(rows)


def upload_rules() -> list[str]:
    """The rules the check applies, in plain words, from the loader's own limits."""
    return [
        f"Each file may be up to {MAX_FILE_BYTES // (1024 * 1024)} MB, with up to {MAX_ROWS:,} rows "
        f"and {MAX_CELL_CHARS:,} characters in a cell.",
        "Save as CSV: UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or Windows-1252 "
        "(older Excel). Commas, semicolons or tabs between columns all work.",
        "The first row names the columns. Case, surrounding spaces, and spaces or hyphens instead of "
        "underscores do not matter; columns the app does not know are ignored.",
        "Coded values (category, basis, cop_element) may be in any case: 'Barrier' reads as 'barrier'.",
        "When the study's details name a lens, each cop_element must be one of its elements (or blank); "
        "without a lens the column is set aside, and the check says which rows filled it.",
        "An upload stays in this browser session only. It is never saved on the server or shown to anyone else.",
    ]


# ---------------------------------------------------------------------------------------------
# Problems


def group_problems(
    problems: list[Problem] | tuple[Problem, ...],
    file_names: dict[str, str] | None = None,
    limit: int = MAX_PROBLEMS_SHOWN,
) -> tuple[list[ProblemGroup], int]:
    """The first `limit` problems grouped by file (in file order), and how many more are not shown."""
    file_names = file_names or {}
    shown = list(problems)[:limit]
    order = [slot.file for slot in UPLOAD_SLOTS]
    files = sorted(
        dict.fromkeys(problem.file for problem in problems),
        key=lambda name: (order.index(name) if name in order else len(order), name),
    )
    groups = []
    for file in files:
        file_shown = tuple(problem for problem in shown if problem.file == file)
        total = sum(problem.file == file for problem in problems)
        groups.append(ProblemGroup(file, file_names.get(file), total, file_shown))
    return groups, max(0, len(problems) - limit)


def problem_location(problem: Problem) -> str:
    """Where to look, as a spreadsheet user would say it: 'Row 4, column category'."""
    parts = []
    if problem.row is not None:
        parts.append(f"Row {problem.row}")
    if problem.column:
        parts.append(f"column {problem.column}")
    return ", ".join(parts) if parts else "Whole file"


def problems_frame(problems: list[Problem] | tuple[Problem, ...]) -> pd.DataFrame:
    """Every problem as a table (for the download), in the order they are listed."""
    return pd.DataFrame(
        [
            {
                "file": problem.file,
                "row": "" if problem.row is None else str(problem.row),
                "column": problem.column or "",
                "problem": problem.message,
            }
            for problem in problems
        ],
        columns=["file", "row", "column", "problem"],
    )


# ---------------------------------------------------------------------------------------------
# Naming and summarising


def default_dataset_name(findings_file_name: str | None) -> str:
    stem = (findings_file_name or "").rsplit(".", 1)[0].strip()
    return f"Your upload ({stem})" if stem else "Your upload"


def clean_dataset_name(typed: str | None, findings_file_name: str | None) -> str:
    """The name shown on every page: what the user typed (single line, trimmed) or one made from the file."""
    name = " ".join((typed or "").split())[:80]
    return name or default_dataset_name(findings_file_name)


def dataset_summary(dataset: Dataset) -> str:
    """One plain sentence on what was read (the page escapes it before showing it)."""
    findings = len(dataset.findings)
    groups = dataset.groups
    shown_groups = ", ".join(groups[:12]) + (f" and {len(groups) - 12} more" if len(groups) > 12 else "")
    parts = [
        f"{findings:,} coded statement{'s' if findings != 1 else ''} in {len(groups)} "
        f"group{'s' if len(groups) != 1 else ''} ({shown_groups})",
        _count(len(dataset.recommendations), "recommendation"),
        _count(len(dataset.links), "link"),
    ]
    return ", ".join(parts) + "."


def _count(number: int, noun: str) -> str:
    return plural(number, noun) if number else f"no {noun}s"


def fingerprint(uploads: dict[str, tuple[str, int, str] | None], name: str) -> tuple:
    """What identifies the files a check was run on: per slot (file name, size, upload id), and the name."""
    return (tuple(sorted((slot, value) for slot, value in uploads.items() if value is not None)), name)


# ---------------------------------------------------------------------------------------------
# Checking, and what the page says about it (Markdown, every data value escaped)


def check_files(
    files: dict[str, tuple[str, bytes]], name: str, current: tuple, study: Study | None = None
) -> tuple[CheckResult, Dataset | None]:
    """Run the loader on the uploaded files (slot file -> (the user's file name, bytes)) with the study's details
    from the form (`study`: its lens elements are the ones recommendations.csv may name).

    Returns what to show, and the dataset to open when every file passed; nothing is opened otherwise.
    """
    file_names = {file: user_name for file, (user_name, _) in files.items()}
    try:
        checked = build_dataset({file: raw for file, (_, raw) in files.items()}, name=name, study=study)
    except DatasetError as error:
        return CheckResult(current, False, tuple(error.problems), tuple(error.notes), file_names, name), None
    summary = dataset_summary(checked)
    return CheckResult(current, True, (), checked.notes, file_names, name, summary), checked


def showing_now(dataset: Dataset) -> str:
    """Which study every page shows now, in one line at the top of the page."""
    if dataset.is_bundled:
        return f"**Showing now:** the bundled study, {escape_markdown(dataset.name)}."
    return (
        f"**Showing now:** your data, {escape_markdown(dataset.name)}. Use the button at the top to go back "
        "to the bundled study."
    )


# The line before the notes on the server's own study: they are for whoever keeps its data folder, not a reader.
SERVER_NOTES_LEAD = (
    "**Notes on this study's files.** This server read them from its own data folder, and noted the following "
    "for whoever keeps that folder:"
)


def server_study_notes(dataset: Dataset) -> tuple[str, ...]:
    """The loader's notes on the study this server was started with (its own data folder, EXPLORER_DATA_DIR, or
    the bundled study), while that study is open; an upload's notes are shown with its check instead."""
    return tuple(dataset.notes) if dataset.is_bundled else ()


def next_step(has_findings: bool) -> str:
    """What to do before a check result can be shown."""
    if not has_findings:
        return "Add **findings.csv** to check your data. The other two files are optional."
    return "Press **Check and open my data** to check these files."


def opened_message(dataset_name: str, summary: str) -> str:
    return f"**{escape_markdown(dataset_name)} is open on every page.** {escape_markdown(summary)}"


def not_changed(dataset_name: str) -> str:
    return f"Nothing has changed: you are still viewing {escape_markdown(dataset_name)}."


def problems_message(count: int, dataset_name: str) -> str:
    """The error above a failed check's problem list."""
    return (
        f"**{count:,} problem{'s' if count != 1 else ''} to fix.** {not_changed(dataset_name)} Fix the files, "
        "upload them again and press Check."
    )


def group_markdown(group: ProblemGroup) -> tuple[str, str]:
    """One file's heading (with the user's own file name when it differs) and its problems as a list."""
    own_name = group.user_file_name
    mine = f" (your file: {escape_markdown(own_name)})" if own_name and own_name != group.file else ""
    plural = "s" if group.total != 1 else ""
    heading = f"#### {escape_markdown(group.file)}: {group.total:,} problem{plural}{mine}"
    lines = "\n".join(
        f"- **{escape_markdown(problem_location(problem))}:** {escape_markdown(problem.message)}"
        for problem in group.shown
    )
    return heading, lines


def more_problems(hidden: int) -> str:
    return f"**… and {hidden:,} more.** Download the full list to fix them in one pass."
