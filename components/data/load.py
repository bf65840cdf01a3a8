"""A dataset from files: each table through decoding, parsing and validation, the checks across files, and
the `Dataset` built once with its fingerprint and link index. Every route (the bundled folder, a CSV upload,
a QDA import) goes through `build_dataset`."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from components.data.decode import decode_text
from components.data.lens import check_lens_elements
from components.data.links import build_link_index
from components.data.model import Dataset, DatasetError, Problem, Study
from components.data.parse import parse_table
from components.data.validate import (
    complete_table,
    cross_checks,
    normalise_coded_values,
    read_study,
    study_cross_checks,
    validate_table,
)
from components.data.vocabulary import (
    ASSESSMENT_SPEC,
    BUNDLED_DATA_DIR,
    BUNDLED_ONLY_SPECS,
    CONTEXT_SPEC,
    FINDINGS_FILE,
    FINDINGS_SPEC,
    GLOSSARY_SPEC,
    LINKS_SPEC,
    LONG_CELL_CHARS,
    MAX_CELL_CHARS,
    PROMPTS_SPEC,
    RECOMMENDATIONS_SPEC,
    STUDY_FILE,
    UPLOADABLE_SPECS,
    TableSpec,
)


def _load_table(
    spec: TableSpec, raw: bytes, problems: list[Problem], notes: list[str], max_cell_chars: int = MAX_CELL_CHARS
) -> tuple[pd.DataFrame | None, bool]:
    """One file through decoding, parsing and validation. Returns its frame and whether every row was read."""
    try:
        text, decode_note = decode_text(spec.file, raw)
    except DatasetError as error:
        problems.extend(error.problems)
        return None, False
    if decode_note:
        notes.append(f"{spec.file}: {decode_note}.")
    frame, table_problems, table_notes = parse_table(spec, text, max_cell_chars)
    notes.extend(table_notes)
    problems.extend(table_problems)
    if frame.empty and table_problems:
        return None, False
    complete = not any(problem.column is None for problem in table_problems)
    frame = normalise_coded_values(spec, frame)
    problems.extend(validate_table(spec, frame))
    return frame, complete


def build_dataset(
    files: dict[str, bytes],
    name: str,
    study: Study | None = None,
    is_bundled: bool = False,
    max_cell_chars: int = MAX_CELL_CHARS,
) -> Dataset:
    """Validate the given files (name -> bytes) as one dataset, or raise DatasetError listing every problem.

    findings.csv is required; recommendations.csv and links.csv are optional; the glossary,
    context and prompts files are read when present (the bundled study has them), and `study` is the
    study's metadata (see `load_dataset_dir`), whose finding ids must be in findings.csv and whose lens
    elements are the only ones recommendations.csv's `cop_element` may name (components/data/lens.py).
    `max_cell_chars` is the longest cell: 5,000 for what someone typed into a spreadsheet and uploads;
    `LONG_CELL_CHARS` for a coded passage a QDA tool wrote, or a server's own data folder.
    """
    files = {Path(key).name.lower(): value for key, value in files.items()}
    problems: list[Problem] = []
    notes: list[str] = []
    if FINDINGS_FILE not in files:
        raise DatasetError([Problem(FINDINGS_FILE, None, None, "findings.csv is required and was not given.")])
    tables: dict[str, pd.DataFrame] = {}
    incomplete: set[str] = set()
    for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS):
        if spec.file in files:
            frame, complete = _load_table(spec, files[spec.file], problems, notes, max_cell_chars)
            if frame is not None:
                tables[spec.file] = frame
            if not complete:
                incomplete.add(spec.file)
    if RECOMMENDATIONS_SPEC.file in tables:
        # The lens elements against the study's own list (study.json's `lens`), in its spelling.
        checked, lens_problems, lens_notes = check_lens_elements(study, tables[RECOMMENDATIONS_SPEC.file])
        tables[RECOMMENDATIONS_SPEC.file] = checked
        problems.extend(lens_problems)
        notes.extend(lens_notes)
    problems.extend(cross_checks(tables, incomplete, set(files)))
    problems.extend(study_cross_checks(study, None if FINDINGS_FILE in incomplete else tables.get(FINDINGS_FILE)))
    if problems:
        raise DatasetError(problems, notes)

    def table(spec: TableSpec) -> pd.DataFrame:
        frame = tables.get(spec.file)
        if frame is None:
            frame = pd.DataFrame({name: pd.Series(dtype="string") for name in ("_row", *spec.columns)})
        return complete_table(spec, frame)

    findings, recommendations, links = table(FINDINGS_SPEC), table(RECOMMENDATIONS_SPEC), table(LINKS_SPEC)
    return Dataset(
        name=name,
        fingerprint=content_fingerprint(files, name, study),
        findings=findings,
        recommendations=recommendations,
        links=links,
        link_index=build_link_index(findings, recommendations, links),
        glossary=table(GLOSSARY_SPEC),
        context=table(CONTEXT_SPEC),
        prompts=table(PROMPTS_SPEC),
        assessment_items=table(ASSESSMENT_SPEC),
        study=study,
        notes=tuple(notes),
        is_bundled=is_bundled,
    )


def content_fingerprint(files: dict[str, bytes], name: str, study: Study | None) -> str:
    """A sha256 over the files' names and bytes, the study metadata and the name: same input, same digest."""
    digest = hashlib.sha256()
    for file_name in sorted(files):
        raw = files[file_name]
        # Lengths before contents, so no two different inputs concatenate to the same bytes.
        for part in (file_name.encode("utf-8"), raw):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    for part in (
        name.encode("utf-8"),
        json.dumps(asdict(study) if study else None, sort_keys=True, ensure_ascii=False).encode("utf-8"),
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def load_dataset_dir(directory: Path | str = BUNDLED_DATA_DIR, name: str | None = None) -> Dataset:
    """Read a dataset folder (CSV files plus an optional study.json) through the same validation as uploads."""
    directory = Path(directory)
    files = {
        spec.file: (directory / spec.file).read_bytes()
        for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS)
        if (directory / spec.file).exists()
    }
    study_path = directory / STUDY_FILE
    study, study_problems = None, []
    if study_path.exists():
        try:
            study = read_study(study_path.read_bytes())
        except DatasetError as error:
            study_problems = error.problems
    bundled = directory.resolve() == BUNDLED_DATA_DIR
    label = name or (study.short_citation if study else None) or directory.name
    if study_problems:
        # The tables are still checked, so one error lists every fault of the folder.
        try:
            build_dataset(files, name=label, is_bundled=bundled, max_cell_chars=LONG_CELL_CHARS)
        except DatasetError as error:
            raise DatasetError([*study_problems, *error.problems], error.notes) from None
        raise DatasetError(study_problems)
    # A server's own folder (the bundled study, or one `python -m components.qda` wrote) may quote long passages.
    return build_dataset(files, name=label, study=study, is_bundled=bundled, max_cell_chars=LONG_CELL_CHARS)
