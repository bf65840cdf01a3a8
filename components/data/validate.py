"""The rules a parsed table must keep (pandera schemas from each `TableSpec`), coded values in their one
spelling, plain-words messages, defaults for blank cells, the checks across files, and study.json's fields."""

from __future__ import annotations

import difflib
from dataclasses import fields as dataclass_fields

import pandas as pd
import pandera.pandas as pa
from pydantic import TypeAdapter, ValidationError

from components.data.model import (
    DatasetError,
    Problem,
    Study,
    StudyGroup,
    StudyGroupCount,
    StudyInfluence,
    StudyLens,
    StudyLimit,
    StudyMethod,
    StudyQuote,
    StudySource,
)
from components.data.vocabulary import (
    ASSESSMENT_FILE,
    BASIS_VALUES,
    CATEGORIES,
    FINDINGS_FILE,
    FINDINGS_SPEC,
    LINKS_FILE,
    LINKS_SPEC,
    RECOMMENDATIONS_FILE,
    RECOMMENDATIONS_SPEC,
    STUDY_FILE,
    TableSpec,
)


def _schema(spec: TableSpec) -> pa.DataFrameSchema:
    columns = {
        name: pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, unique=(name == spec.id_column))
        for name in spec.required
    }
    for name, values in spec.allowed.items():
        # Optional coded columns may be blank; a value, when given, must be one of the allowed ones.
        check = pa.Check.isin((*values, ""))
        if name in spec.required:
            columns[name] = pa.Column(str, [pa.Check.str_length(min_value=1), check], nullable=False)
        else:
            columns[name] = pa.Column(str, check, nullable=False, required=False)
    return pa.DataFrameSchema(columns, strict=False)


def normalise_coded_values(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Coded values in the spelling the data dictionary uses, whatever their case and spacing: 'Barrier' is
    'barrier', 'Builds  On' is 'builds on'."""
    frame = frame.copy()
    for column, values in {**spec.allowed, **spec.vocabulary}.items():
        if column in frame.columns:
            lookup = {_vocabulary_key(value): value for value in values}
            frame[column] = frame[column].map(lambda cell, lookup=lookup: lookup.get(_vocabulary_key(cell), cell))
            frame[column] = frame[column].astype("string")
    return frame


def _vocabulary_key(value: str) -> str:
    return " ".join(value.split()).casefold()


_ROWS_LISTED = 10


def _rows_text(rows: list[str]) -> str:
    """'rows 2, 5' — or, for an id repeated many times, the first few and how many more."""
    if len(rows) <= _ROWS_LISTED:
        return ", ".join(rows)
    return f"{', '.join(rows[:_ROWS_LISTED])} and {len(rows) - _ROWS_LISTED:,} more"


class _Messages:
    """Plain-words messages for pandera's failure cases, each worked out once per value (uploads can repeat one
    mistake thousands of times)."""

    def __init__(self, spec: TableSpec, frame: pd.DataFrame):
        self.spec = spec
        self.frame = frame
        self._duplicate_rows: dict[str, dict[str, list[str]]] = {}
        self._cache: dict[tuple[str, str, str], str] = {}

    def __call__(self, column: str, check: str, value: object) -> str:
        key = (column, check, str(value))
        if key not in self._cache:
            self._cache[key] = self._message(column, check, value)
        return self._cache[key]

    def _message(self, column: str, check: str, value: object) -> str:
        spec = self.spec
        if check.startswith("str_length"):
            return "this cell is blank; every row needs a value here."
        if check == "field_uniqueness":
            rows = self._rows_holding(column).get(str(value), [])
            return f"the id '{value}' is used more than once (rows {_rows_text(rows)}); each id must be unique."
        if check.startswith("isin"):
            allowed = spec.allowed[column]
            close = difflib.get_close_matches(str(value).casefold(), allowed, n=1, cutoff=0.6)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            blank = "" if column in spec.required else " (or leave it blank)"
            return f"'{value}' is not an allowed value. Use one of: {', '.join(allowed)}{blank}.{hint}"
        return f"'{value}' failed the check {check}."

    def _rows_holding(self, column: str) -> dict[str, list[str]]:
        if column not in self._duplicate_rows:
            holding: dict[str, list[str]] = {}
            for value, row in zip(self.frame[column].tolist(), self.frame["_row"].tolist(), strict=True):
                holding.setdefault(value, []).append(row)
            self._duplicate_rows[column] = holding
        return self._duplicate_rows[column]


def validate_table(spec: TableSpec, frame: pd.DataFrame) -> list[Problem]:
    """Column rules checked with pandera, lazily so that every problem is reported at once."""
    try:
        _schema(spec).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = []
        spreadsheet_rows = frame["_row"].tolist()
        message = _Messages(spec, frame)
        cases = errors.failure_cases
        for index, column, check, value in zip(
            cases["index"], cases["column"], cases["check"].astype(str), cases["failure_case"], strict=True
        ):
            if index is None or pd.isna(index):
                continue
            # A blank id is reported once as blank, not again as a duplicate of the other blanks.
            if check == "field_uniqueness" and value == "":
                continue
            row = int(spreadsheet_rows[int(index)])
            problems.append(Problem(spec.file, row, column, message(column, check, value)))
        return list(dict.fromkeys(problems))
    return []


def complete_table(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Add missing optional columns, fill defaults, and type the coded columns as categories."""
    frame = frame.copy()
    for name in spec.optional:
        if name not in frame.columns:
            frame[name] = pd.Series([""] * len(frame), index=frame.index, dtype="string")
    if spec is FINDINGS_SPEC:
        has_evidence = frame["evidence"].str.len() > 0
        frame.loc[frame["basis"] == "", "basis"] = has_evidence.map({True: "stated", False: "inferred"})
        frame.loc[frame["theme_basis"] == "", "theme_basis"] = "stated"
        frame["category"] = pd.Categorical(frame["category"], categories=CATEGORIES)
    if spec is RECOMMENDATIONS_SPEC:
        frame.loc[frame["basis"] == "", "basis"] = "stated"
    if spec is LINKS_SPEC:
        frame.loc[frame["basis"] == "", "basis"] = "inferred"
    if "basis" in frame.columns:
        frame["basis"] = pd.Categorical(frame["basis"], categories=BASIS_VALUES)
    return frame.reset_index(drop=True)


def cross_checks(tables: dict[str, pd.DataFrame], incomplete: set[str], given: set[str]) -> list[Problem]:
    """Ids unique across findings and recommendations; every link and self-assessment item points at an id
    that exists.

    A file that lost rows to a structural problem is left out of the link check, so one broken row
    does not also show up as a dangling link in another file.
    """
    problems: list[Problem] = []
    findings = tables.get(FINDINGS_FILE)
    recommendations = tables.get(RECOMMENDATIONS_FILE)
    links = tables.get(LINKS_FILE)
    finding_ids = set(findings["finding_id"]) if findings is not None else set()
    recommendation_ids = set(recommendations["recommendation_id"]) if recommendations is not None else set()
    if recommendations is not None:
        for row, rec_id in zip(recommendations["_row"], recommendations["recommendation_id"], strict=True):
            if rec_id and rec_id in finding_ids:
                problems.append(
                    Problem(
                        RECOMMENDATIONS_FILE,
                        int(row),
                        "recommendation_id",
                        f"the id '{rec_id}' is also a finding_id; links need ids to be unique across both files.",
                    )
                )
    targets_complete = not ({FINDINGS_FILE, RECOMMENDATIONS_FILE} & incomplete)
    if links is not None and targets_complete:
        known = finding_ids | recommendation_ids
        hint = (
            ""
            if RECOMMENDATIONS_FILE in given
            else " (no recommendations.csv was given, so links can only use finding ids)"
        )
        for column in ("from_id", "to_id"):
            for row, value in zip(links["_row"], links[column], strict=True):
                if value and value not in known:
                    problems.append(
                        Problem(
                            LINKS_FILE,
                            int(row),
                            column,
                            f"'{value}' is not a finding_id or recommendation_id in this dataset{hint}.",
                        )
                    )
    # Each self-assessment statement derives from a finding, whose evidence the page shows beside it.
    items = tables.get(ASSESSMENT_FILE)
    if items is not None and findings is not None and FINDINGS_FILE not in incomplete:
        for row, value in zip(items["_row"], items["finding_id"], strict=True):
            if value and value not in finding_ids:
                problems.append(
                    Problem(ASSESSMENT_FILE, int(row), "finding_id", f"'{value}' is not a finding_id in this dataset.")
                )
    return problems


# ---------------------------------------------------------------------------------------------
# study.json

_STUDY = TypeAdapter(Study)
_STUDY_FIELD_NAMES = sorted(
    {
        name
        for record in (
            Study,
            StudyMethod,
            StudyGroupCount,
            StudyQuote,
            StudyInfluence,
            StudyLimit,
            StudySource,
            StudyGroup,
            StudyLens,
        )
        for name in (item.name for item in dataclass_fields(record))
    }
)
_WHAT_IT_MUST_BE = {
    "string_type": "must be text in quote marks",
    "string_pattern_mismatch": "is blank; it needs a value, because a page shows it",
    "int_type": "must be a whole number (without quote marks)",
    "int_from_float": "must be a whole number",
    "greater_than_equal": "must be 0 or more",
    "tuple_type": "must be a list in square brackets [ ]",
    "dataclass_type": "must be an object in curly brackets { } with named fields",
    "dataclass_exact_type": "must be an object in curly brackets { } with named fields",
}


def read_study(raw: bytes) -> Study:
    """study.json's bytes as a `Study`, or a DatasetError naming each field at fault in plain words.

    Unknown fields are faults too (a misspelt field would otherwise be dropped without a word), each with the
    known name it is closest to.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DatasetError(
            [
                Problem(
                    STUDY_FILE,
                    None,
                    None,
                    f"the file is not UTF-8 text (byte {error.start:,} is not); save it as UTF-8.",
                )
            ]
        ) from None
    try:
        return _STUDY.validate_json(text)
    except ValidationError as error:
        raise DatasetError(
            [Problem(STUDY_FILE, None, None, _study_message(fault)) for fault in error.errors()]
        ) from None


def _study_message(fault: dict) -> str:
    kind, location, value = fault["type"], fault["loc"], fault.get("input")
    if kind == "json_invalid":
        reason = fault.get("ctx", {}).get("error", fault["msg"])
        return f"the file is not valid JSON ({reason}). Check the commas, quote marks and brackets there."
    where = _field_path(location)
    if not location:
        return f"the file must hold one object in curly brackets {{ }} with named fields, not {_json_kind(value)}."
    if kind in ("missing", "missing_argument"):
        return f"the required field {where} is missing."
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        close = difflib.get_close_matches(str(location[-1]), _STUDY_FIELD_NAMES, n=1, cutoff=0.75)
        hint = f" Did you mean '{close[0]}'?" if close else " See data/README.md for the fields it may have."
        return f"the field {where} is not part of study.json's format.{hint}"
    what = _WHAT_IT_MUST_BE.get(kind)
    if what is None:
        return f"the field {where} is not valid: {fault['msg']}."
    if kind in ("string_pattern_mismatch", "greater_than_equal"):
        return f"the field {where} {what}."
    return f"the field {where} {what}, not {_json_kind(value)}."


def _field_path(location: tuple) -> str:
    """('method', 'evidence', 1, 'quote') as "'method' → 'evidence' → entry 2 → 'quote'"."""
    return " → ".join(f"entry {part + 1}" if isinstance(part, int) else f"'{part}'" for part in location)


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text in quote marks" if value else "blank text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def study_cross_checks(study: Study | None, findings: pd.DataFrame | None) -> list[Problem]:
    """Every finding id the metadata points at (headline findings, points to note, influences) exists, and every
    group its method counts interviews for is a group of findings.csv, counted once."""
    if study is None or findings is None:
        return []
    known = set(findings["finding_id"])
    problems = [
        Problem(STUDY_FILE, None, None, f"'{finding_id}' in the field '{name}' is not a finding_id in findings.csv.")
        for name, finding_id in study.finding_ids
        if finding_id not in known
    ]
    groups = list(dict.fromkeys(findings["group"].astype(str)))
    counted: set[str] = set()
    for number, entry in enumerate(study.method.interviews_by_group, start=1):
        where = f"the field 'method' → 'interviews_by_group' → entry {number}"
        if entry.group in counted:
            problems.append(Problem(STUDY_FILE, None, None, f"{where}: the group '{entry.group}' is counted twice."))
        elif entry.group not in groups:
            problems.append(
                Problem(
                    STUDY_FILE,
                    None,
                    None,
                    f"{where}: '{entry.group}' is not a group in findings.csv (its groups: {', '.join(groups)}).",
                )
            )
        counted.add(entry.group)
    return problems
