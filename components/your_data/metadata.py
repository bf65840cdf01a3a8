"""A study's metadata from the short form on /your-data, for a study imported from a QDA project or uploaded as
CSV files: title, authors, year, publisher or institution, licence, question, the groups' full names and an
optional lens. Nothing here imports Streamlit; the form itself is `draw.metadata_form`.

What the form gives becomes the typed `Study` every page reads (components/data/model.py) and, written next to
a data folder, the same study.json the bundled study has: every citation, handout footer, chart image and
"Cite this" then uses it. Only what the person typed is kept; nothing is invented (no year, no licence).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from components.data.lens import check_lens_elements
from components.data.model import Dataset, DatasetError, Problem, Study, StudyGroup, StudyLens
from components.data.validate import read_study
from components.data.vocabulary import STUDY_FILE

FORM_NAME = "the study's details"
MAX_CHARS = 300


@dataclass(frozen=True)
class MetadataForm:
    """What the form holds, as typed: every field is text, checked by `study_from_form`."""

    title: str = ""
    authors: str = ""
    year: str = ""
    publisher: str = ""
    licence: str = ""
    question: str = ""
    # One "LABEL = Full name" a line, for the groups as the data labels them.
    group_names: str = ""
    lens_name: str = ""
    # The lens's elements, one a line or separated by commas.
    lens_elements: str = ""


# The form's fields in order: (MetadataForm field, label, several lines?, help).
FORM_FIELDS = (
    ("title", "Title", False, "As the study's report or thesis gives it. Required."),
    ("authors", "Authors", False, "Surname, First name; separate several with ';'."),
    ("year", "Year", False, "Four digits; leave blank if the study gives none (cited as n.d.)."),
    ("publisher", "Publisher or institution", False, "The university, journal or organisation."),
    ("licence", "Licence", False, "As the study states it, e.g. CC BY 4.0; blank if it states none."),
    ("question", "The question it asks", False, "In the study's own words."),
    ("group_names", "The groups' full names", True, "One a line: LABEL = Full name, e.g. Nurses = Ward nurses."),
    ("lens_name", "A lens (optional)", False, "A framework the recommendations are read through; blank for none."),
    ("lens_elements", "The lens's elements", True, "One a line, as recommendations.csv's cop_element names them."),
)


def title_from_file_name(file_name: str | None) -> str:
    """A title guessed from an upload's file name: "handover-study_findings.csv" -> "Handover study"."""
    stem = Path(file_name or "").stem
    stem = re.sub(r"(?i)[ _-]*(findings|recommendations|links)$", "", stem)
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else ""


def prefill(
    title: str, groups: list[str] | tuple[str, ...] = (), authors: str = "", question: str = ""
) -> MetadataForm:
    """The form as first shown: the title the project or file names, a line per group to name in full, and the
    authors and question where the project gives them (see qda_intake.study_details_prefill)."""
    return MetadataForm(
        title=title.strip(),
        authors=authors.strip(),
        question=question.strip(),
        group_names="\n".join(f"{group} = " for group in groups),
    )


def _group_names(text: str) -> tuple[tuple[StudyGroup, ...], list[str]]:
    groups, faults = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, equals, name = line.partition("=")
        if not equals:
            faults.append(f"group names, line {number}: write it as 'LABEL = Full name'.")
        elif label.strip() and name.strip():
            groups.append(StudyGroup(label.strip(), name.strip()))
    return tuple(groups), faults


def study_from_form(form: MetadataForm) -> Study:
    """The form as a typed Study, or a DatasetError naming each field at fault (the form's own name as the file)."""
    faults: list[str] = []
    values = dataclasses.asdict(form)
    for field_name, value in values.items():
        if len(value) > MAX_CHARS * (4 if field_name in ("group_names", "lens_elements") else 1):
            faults.append(f"{field_name.replace('_', ' ')}: too long; keep it under {MAX_CHARS} characters.")
    title = form.title.strip()
    if not title:
        faults.append("title: give the study a title.")
    year = None
    if form.year.strip():
        if re.fullmatch(r"\d{4}", form.year.strip()):
            year = int(form.year.strip())
        else:
            faults.append(f"year: '{form.year.strip()}' is not a year; write it as four digits, e.g. 2024.")
    groups, group_faults = _group_names(form.group_names)
    faults += group_faults
    elements = tuple(part.strip() for part in re.split(r"[,\n]", form.lens_elements) if part.strip())
    lens = None
    if form.lens_name.strip():
        if not elements:
            faults.append("lens: name its elements too, or leave the lens blank.")
        else:
            lens = StudyLens(name=form.lens_name.strip(), elements=elements)
    elif elements:
        faults.append("lens: give the lens a name, or leave its elements blank.")
    if faults:
        raise DatasetError([Problem(FORM_NAME, None, None, fault) for fault in faults])
    authors = form.authors.strip()
    publisher = form.publisher.strip()
    year_text = str(year) if year is not None else "n.d."
    citation = " ".join(
        part
        for part in (
            # With no author the title takes the author's place, as reference styles do.
            f"{authors} ({year_text})." if authors else f"{title}. ({year_text}).",
            f"{title}." if authors else "",
            f"{publisher}." if publisher else "",
        )
        if part
    )
    surname = authors.split(";")[0].split(",")[0].split()[-1] if authors else title
    return Study(
        title=title,
        author=authors,
        year=year,
        institution=publisher,
        citation=citation,
        short_citation=f"{surname} ({year_text})",
        licence=form.licence.strip(),
        question=form.question.strip(),
        groups=groups,
        lens=lens,
    )


def study_json_bytes(study: Study) -> bytes:
    """The study as study.json, with only the fields it gives (blank and empty ones left out); read back by the
    loader exactly as the bundled study.json is."""

    def given(value: object) -> bool:
        return value not in ("", None, (), [], {})

    def clean(value: object) -> object:
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items() if given(item)}
        if isinstance(value, (list, tuple)):
            return [clean(item) for item in value]
        return value

    data = clean(dataclasses.asdict(study))
    data.pop("method", None) if not data.get("method") else None
    raw = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    read_study(raw)  # the file written is one the loader reads: checked here, not on the next start
    return raw


def with_study(dataset: Dataset, study: Study) -> Dataset:
    """The dataset with this study's metadata; its fingerprint changes with it, so no cached view is reused.

    The recommendations' lens elements are checked against the study's own lens (components/data/lens.py): a
    DatasetError names each row whose element is not one of them.
    """
    recommendations, problems, lens_notes = check_lens_elements(study, dataset.recommendations)
    if problems:
        raise DatasetError(problems, dataset.notes)
    digest = hashlib.sha256(dataset.fingerprint.encode("utf-8") + study_json_bytes(study)).hexdigest()
    notes = (*dataset.notes, *(note for note in lens_notes if note not in dataset.notes))
    return dataclasses.replace(dataset, study=study, fingerprint=digest, recommendations=recommendations, notes=notes)


def write_study_file(study: Study, folder: Path) -> Path:
    """study.json in a data folder (as `python -m components.qda … --out DIR` writes it)."""
    path = Path(folder) / STUDY_FILE
    path.write_bytes(study_json_bytes(study))
    return path
