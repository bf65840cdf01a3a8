"""What the your-data page needs to open a QDA file: read an upload once, describe the choices, build the
dataset, name the export files. No Streamlit here: the page reads widgets, calls these, renders the result."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from components.data.model import Dataset, DatasetError, Problem, Study
from components.qda import QDA_UPLOAD_LIMIT_MB, read_qda_file
from components.qda.export import export_gaps, export_qdc, export_qdpx
from components.qda.folder import project_dataset
from components.qda.mapping import (
    CATEGORY_CHOICES,
    CATEGORY_LABELS,
    Mapping,
    group_choices,
    guess_mapping,
    mapping_summary,
)
from components.qda.model import APP_ORIGIN, QdaProject, problem_text
from components.shared.session_keys import YOUR_DATA_QDA_CATEGORY_PREFIX
from components.shared.text import escape_markdown
from components.your_data import metadata
from components.your_data.metadata import with_study
from components.your_data.upload import dataset_summary, not_changed


@dataclass(frozen=True)
class QdaRead:
    """The outcome of reading one uploaded QDA file, kept until another file replaces it."""

    fingerprint: tuple
    file_name: str
    project: QdaProject | None
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    opened_name: str = ""  # the dataset last opened from it, once "Open this study" has been pressed
    opened_summary: str = ""
    opened_notes: tuple[str, ...] = ()  # what the mapping noted (links left out, …)
    opened_with: Mapping | None = None  # the choices it was opened with: other choices need "Open" again
    open_problems: tuple[Problem, ...] = ()


def read_upload(fingerprint: tuple, file_name: str, raw: bytes) -> QdaRead:
    try:
        project = read_qda_file(file_name, raw)
    except DatasetError as error:
        return QdaRead(fingerprint, file_name, None, tuple(error.problems), tuple(error.notes))
    return QdaRead(fingerprint, file_name, project, notes=project.notes)


@dataclass(frozen=True)
class CategoryChoice:
    """One top-level code and the category it is guessed to be (the page's select box for it)."""

    guid: str
    label: str
    key: str
    index: int


def category_choices(project: QdaProject) -> list[CategoryChoice]:
    """A choice per top-level code that has coded text under it, in codebook order."""
    guesses = guess_mapping(project).categories
    counts: dict[str, int] = {}
    for segment in project.segments:
        top = project.top_of(segment.code).guid
        counts[top] = counts.get(top, 0) + 1
    choices = []
    for code in project.top_level_codes:
        if code.guid not in counts:
            continue
        plural = "s" if counts[code.guid] != 1 else ""
        key = YOUR_DATA_QDA_CATEGORY_PREFIX + re.sub(r"[^0-9a-z]+", "_", code.guid.casefold())
        choices.append(
            CategoryChoice(
                code.guid,
                f"Category for {label_text(code.name)} ({counts[code.guid]:,} coded segment{plural})",
                key,
                CATEGORY_CHOICES.index(guesses[code.guid]),
            )
        )
    return choices


# Widget labels render a little Markdown and screen readers read the raw label: escape only what Markdown
# acts on there (text.escape_markdown also escapes parentheses and full stops, which screen readers would read).
_LABEL_MARKDOWN = re.compile(r"([\\`*_\[\]~<>#|$])")


def label_text(name: str) -> str:
    """Data in a widget label: shown as typed, its Markdown inert."""
    return _LABEL_MARKDOWN.sub(r"\\\1", " ".join(name.split()))


def category_label(category: str) -> str:
    return CATEGORY_LABELS[category]


# Select boxes hold strings: "no groups" is this, not None.
NO_GROUPS = "__no_groups__"


def group_options(project: QdaProject) -> tuple[list[str], dict[str, str], int]:
    """The group choices, their labels, and the index of the guess."""
    labels = {NO_GROUPS if key is None else key: label for key, label in group_choices(project).items()}
    options = list(labels)
    guess = guess_mapping(project).group_by
    return options, labels, options.index(NO_GROUPS if guess is None else guess)


def chosen_mapping(project: QdaProject, categories: dict[str, str], group_by: str | None) -> Mapping:
    """The user's choices over the guesses (top-level codes without coded text keep their guess)."""
    return Mapping({**guess_mapping(project).categories, **categories}, None if group_by == NO_GROUPS else group_by)


def summary_lines(project: QdaProject, mapping: Mapping) -> list[str]:
    return mapping_summary(project, mapping)


def study_name(typed: str | None, project: QdaProject) -> str:
    return " ".join((typed or "").split())[:80] or project.name


def open_project(
    read: QdaRead, mapping: Mapping, name: str, study: Study | None = None
) -> tuple[QdaRead, Dataset | None]:
    """Build the dataset through the loader, with the study's details from the form when given; the read's new
    state says what happened (opened, or why not)."""
    try:
        dataset = project_dataset(read.project, mapping, name=name)
        if study is not None:
            dataset = with_study(dataset, study)
    except DatasetError as error:
        return replace(read, opened_name="", opened_summary="", open_problems=tuple(error.problems)), None
    opened = replace(
        read,
        opened_name=dataset.name,
        opened_summary=dataset_summary(dataset),
        opened_notes=tuple(note for note in dataset.notes if note not in read.notes),
        opened_with=mapping,
        open_problems=(),
    )
    return opened, dataset


# How many problems the page lists at most: a hostile file can hold thousands.
MAX_PROBLEMS_LISTED = 50


def read_failed_message(read: QdaRead, dataset_name: str) -> str:
    """The error when a file cannot be read at all (Markdown, data escaped)."""
    count = len(read.problems)
    return (
        f"**{escape_markdown(read.file_name)} cannot be opened: {count:,} problem{'s' if count != 1 else ''}.** "
        + not_changed(dataset_name)
    )


def read_problem_lines(read: QdaRead) -> str:
    return "\n".join(f"- {escape_markdown(problem_text(problem))}" for problem in read.problems[:MAX_PROBLEMS_LISTED])


def open_problem_lines(read: QdaRead) -> str:
    return "\n".join(f"- {escape_markdown(str(problem))}" for problem in read.open_problems[:MAX_PROBLEMS_LISTED])


def mapping_changed(read: QdaRead, mapping: Mapping) -> bool:
    """The study was opened, but with other choices than the ones on screen now: "Open" is needed again."""
    return bool(read.opened_name) and read.opened_with != mapping


def export_file_stem(dataset: Dataset) -> str:
    title = dataset.study.short_title if dataset.study else ""
    stem = re.sub(r"[^0-9A-Za-z]+", "-", title or dataset.name).strip("-")
    return stem[:60] or "study"


def qdpx_bytes(dataset: Dataset) -> bytes:
    return export_qdpx(dataset)[0]


def export_notes(dataset: Dataset) -> list[str]:
    return export_gaps(dataset)


def qdc_bytes(dataset: Dataset) -> bytes:
    return export_qdc(dataset)


def qda_rules() -> list[str]:
    return [
        f"A REFI-QDA project (.qdpx) may be up to {QDA_UPLOAD_LIMIT_MB} MB: every QDA tool but Taguette exports "
        "one (ATLAS.ti, MAXQDA, NVivo, QualCoder, Quirkos, Transana…). A bare project.qde works if its texts are "
        "inside it.",
        "A Taguette highlights export (.csv with id, document, tag and content) may be up to 2 MB.",
        "Each coded text segment becomes one coded statement, quoted word for word; counts are counts of coded "
        "segments, not of people.",
        "Only text sources are read. The file is read in this browser session's memory and never saved on the "
        "server or shown to anyone else.",
    ]


# ---------------------------------------------------------------------------------------------
# The study's details form, prefilled from what the project holds


def _is_tool_account(user: str, origin: str) -> bool:
    """A user that is the tool which wrote the project (ATLAS.ti lists "ATLAS.ti"; this app's exports list the
    app), not a person: its name is the origin's, or the origin's first words."""
    user, origin = user.casefold(), origin.casefold()
    return bool(origin) and (user == origin or origin.startswith(user + " "))


def _fitting(parts: list[str], separator: str, limit: int) -> str:
    """As many of `parts` joined as fit in `limit` characters, whole ones only."""
    kept: list[str] = []
    for part in parts:
        if len(separator.join([*kept, part])) > limit:
            break
        kept.append(part)
    return separator.join(kept)


def study_details_prefill(project: QdaProject) -> metadata.MetadataForm:
    """The study's details as first shown for a QDA project: its name as the title, the people among its Users
    (the creating user first) as the authors, its own Description as the question it asks.

    Nothing is made up: a field the project does not give stays blank. A description longer than the form's
    field gives its first sentence when that fits, else nothing (never a cut sentence); this app's own exports
    describe the export, not the study, so their description is not taken.
    """
    people = [user for user in project.users if not _is_tool_account(user, project.origin) and user != APP_ORIGIN]
    question = ""
    if project.origin != APP_ORIGIN:
        description = " ".join(project.description.split())
        sentences = re.split(r"(?<=[.?!])\s+", description) if description else []
        question = (
            description if len(description) <= metadata.MAX_CHARS else _fitting(sentences[:1], " ", metadata.MAX_CHARS)
        )
    return metadata.prefill(project.name, authors=_fitting(people, "; ", metadata.MAX_CHARS), question=question)
