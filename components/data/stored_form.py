"""A dataset as bytes to keep in the store (a room's uploaded study, a published study), and back.

The bytes are JSON holding the dataset's tables as the CSV files a user uploads, its name and notes (and
study.json's fields when it has them). Reading them back goes through the one loader (`build_dataset`), so
stored data is validated exactly like an upload; nothing is unpickled or evaluated.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace

from components.data.load import build_dataset
from components.data.model import Dataset, DatasetError, Problem
from components.data.validate import read_study
from components.data.vocabulary import (
    ASSESSMENT_SPEC,
    BUNDLED_ONLY_SPECS,
    CONTEXT_SPEC,
    FINDINGS_SPEC,
    GLOSSARY_SPEC,
    LINKS_SPEC,
    PROMPTS_SPEC,
    RECOMMENDATIONS_SPEC,
    STUDY_FILE,
    UPLOADABLE_SPECS,
)

FORMAT = "collaboration-explorer-dataset"
FORMAT_VERSION = 1
ROW_COLUMN = "_row"  # the loader's own row numbers, made again when read


def dataset_bytes(dataset: Dataset) -> bytes:
    """The dataset as UTF-8 JSON (its tables as CSV text); the same dataset gives the same bytes."""
    files = {}
    for spec, frame in _tables(dataset):
        if spec is FINDINGS_SPEC or len(frame):  # the loader refuses a header with no rows
            columns = [column for column in frame.columns if column != ROW_COLUMN]
            files[spec.file] = frame[columns].astype(object).where(frame[columns].notna(), "").to_csv(index=False)
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "name": dataset.name,
        "notes": list(dataset.notes),
        "study": asdict(dataset.study) if dataset.study else None,
        "files": files,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def dataset_from_bytes(content: bytes) -> Dataset:
    """The dataset kept by `dataset_bytes`, validated again; DatasetError when the bytes are not one."""
    try:
        document = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as error:
        raise _not_a_dataset(f"it is not readable JSON ({error.__class__.__name__})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _not_a_dataset("it is not a stored dataset")
    if document.get("version") != FORMAT_VERSION:
        raise _not_a_dataset(f"its format version {document.get('version')!r} is not {FORMAT_VERSION}")
    files, name, notes = document.get("files"), document.get("name"), document.get("notes", [])
    if not isinstance(files, dict) or not all(isinstance(text, str) for text in files.values()):
        raise _not_a_dataset("its tables are missing")
    if not isinstance(name, str) or not isinstance(notes, list):
        raise _not_a_dataset("its name or notes are missing")
    study = None
    if document.get("study") is not None:
        study = read_study(json.dumps(_without_retired_fields(document["study"])).encode("utf-8"))
    dataset = build_dataset({file: text.encode("utf-8") for file, text in files.items()}, name=name, study=study)
    return replace(dataset, notes=tuple(str(note) for note in notes))


# Method fields a study kept before the interviews per group were keyed by the study's own group labels
# (`method.interviews_by_group`). A study from the Your data form never gave them, so a kept one holds them
# empty (null) and they are dropped; a filled one is left for read_study to refuse by name.
_RETIRED_METHOD_FIELDS = ("mhsw", "csw")


def _without_retired_fields(study: object) -> object:
    if not isinstance(study, dict) or not isinstance(study.get("method"), dict):
        return study
    method = {
        name: value for name, value in study["method"].items() if not (name in _RETIRED_METHOD_FIELDS and value is None)
    }
    return {**study, "method": method}


def _tables(dataset: Dataset):
    for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS):
        yield spec, getattr(dataset, _FRAME_BY_FILE[spec.file])


# Which of the Dataset's frames each file becomes.
_FRAME_BY_FILE = {
    FINDINGS_SPEC.file: "findings",
    RECOMMENDATIONS_SPEC.file: "recommendations",
    LINKS_SPEC.file: "links",
    GLOSSARY_SPEC.file: "glossary",
    CONTEXT_SPEC.file: "context",
    PROMPTS_SPEC.file: "prompts",
    ASSESSMENT_SPEC.file: "assessment_items",
}


def _not_a_dataset(reason: str) -> DatasetError:
    return DatasetError([Problem(STUDY_FILE, None, None, f"The stored study cannot be read: {reason}.")])
