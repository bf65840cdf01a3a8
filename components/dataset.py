"""Read, decode and validate a coded dataset: the one loader every page and upload goes through.

Nothing here imports Streamlit, so the same functions serve the bundled study, uploads and tests.
A dataset is three coded tables (findings, recommendations, links) plus, for the bundled study,
its metadata, glossary and context evidence. Any problem raises one `DatasetError` that lists
every problem as file, row (as a spreadsheet numbers it: the header is row 1), column and message.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

# Limits for uploaded files: generous for a coded study, small enough to keep a session light.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_CELL_CHARS = 5_000
MAX_ROWS = 20_000
MAX_PROBLEMS_SHOWN = 50

CATEGORIES = ("purpose", "barrier", "enabler", "perception", "observation")
BASIS_VALUES = ("stated", "inferred")
COP_ELEMENTS = ("mutual engagement", "joint enterprise", "shared repertoire")
PARTNERS = ("clients", "families", "professionals", "MDT", "children")

FINDINGS_FILE = "findings.csv"
RECOMMENDATIONS_FILE = "recommendations.csv"
LINKS_FILE = "links.csv"
GLOSSARY_FILE = "glossary.csv"
CONTEXT_FILE = "context.csv"
PROMPTS_FILE = "prompts.csv"
ASSESSMENT_FILE = "assessment_items.csv"
STUDY_FILE = "study.json"

BUNDLED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class TableSpec:
    """What one CSV file must hold: its required and optional columns and their rules."""

    file: str
    id_column: str | None
    required: tuple[str, ...]
    optional: tuple[str, ...]
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


FINDINGS_SPEC = TableSpec(
    file=FINDINGS_FILE,
    id_column="finding_id",
    required=("finding_id", "group", "category", "theme", "statement"),
    optional=("evidence", "source", "detail", "partner", "basis", "theme_basis"),
    allowed={"category": CATEGORIES, "basis": BASIS_VALUES, "theme_basis": BASIS_VALUES},
)
RECOMMENDATIONS_SPEC = TableSpec(
    file=RECOMMENDATIONS_FILE,
    id_column="recommendation_id",
    required=("recommendation_id", "audience", "text"),
    optional=("evidence", "source", "cop_element", "basis"),
    allowed={"cop_element": COP_ELEMENTS, "basis": BASIS_VALUES},
)
LINKS_SPEC = TableSpec(
    file=LINKS_FILE,
    id_column=None,
    required=("from_id", "to_id", "relation"),
    optional=("basis", "note"),
    allowed={"basis": BASIS_VALUES},
)
GLOSSARY_SPEC = TableSpec(
    file=GLOSSARY_FILE, id_column="term", required=("term", "definition"), optional=("evidence", "source")
)
CONTEXT_SPEC = TableSpec(
    file=CONTEXT_FILE,
    id_column="context_id",
    required=("context_id", "title", "statement", "evidence", "source"),
    optional=(),
)
PROMPTS_SPEC = TableSpec(
    file=PROMPTS_FILE,
    id_column="prompt_id",
    required=("prompt_id", "question", "lens", "source"),
    optional=("related_ids", "evidence", "notes"),
)

ASSESSMENT_SPEC = TableSpec(
    file=ASSESSMENT_FILE,
    id_column="item_id",
    required=("item_id", "theme", "statement", "finding_id"),
    optional=("help",),
)

# Files a user may upload; the rest belong to the bundled study only.
UPLOADABLE_SPECS = (FINDINGS_SPEC, RECOMMENDATIONS_SPEC, LINKS_SPEC)
BUNDLED_ONLY_SPECS = (GLOSSARY_SPEC, CONTEXT_SPEC, PROMPTS_SPEC, ASSESSMENT_SPEC)


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

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__(self.summary())

    def summary(self, limit: int = MAX_PROBLEMS_SHOWN) -> str:
        lines = [str(problem) for problem in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"… and {hidden} more")
        return "\n".join(lines)


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


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

    @property
    def groups(self) -> list[str]:
        """Groups in the order the data first names them, with the shared group last."""
        groups = list(dict.fromkeys(self.findings["group"].astype(str)))
        return sorted(groups, key=lambda group: group == SHARED_GROUP)

    @property
    def audiences(self) -> list[str]:
        return list(dict.fromkeys(self.recommendations["audience"].astype(str)))


SHARED_GROUP = "All"


# ---------------------------------------------------------------------------------------------
# Decoding


_BINARY_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zipped file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel (.xls) or Word file"),
)
_EXPORT_HINT = "Open it in your spreadsheet and use File > Save As > 'CSV UTF-8 (comma delimited)', then upload that."


def decode_text(file_name: str, raw: bytes) -> tuple[str, str | None]:
    """Bytes to text, trying the encodings spreadsheets write. Returns the text and a note if a fallback was used."""
    if len(raw) > MAX_FILE_BYTES:
        raise DatasetError(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"the file is {len(raw) / 1_048_576:.1f} MB; the limit is "
                    f"{MAX_FILE_BYTES / 1_048_576:.0f} MB. Split it or remove unused columns.",
                )
            ]
        )
    for signature, what in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise DatasetError([Problem(file_name, None, None, f"this is {what}, not a CSV text file. {_EXPORT_HINT}")])
    if raw.startswith(b"\xef\xbb\xbf"):
        return _decode_or_fail(file_name, raw, "utf-8-sig"), None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_fail(file_name, raw, "utf-16"), "read as UTF-16 (from its byte order mark)"
    if b"\x00" in raw:
        raise DatasetError(
            [Problem(file_name, None, None, f"this file holds binary data, not CSV text. {_EXPORT_HINT}")]
        )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "not valid UTF-8, so it was read as Windows-1252 (the encoding older Excel uses)"
    except UnicodeDecodeError:
        raise DatasetError(
            [Problem(file_name, None, None, f"the text is in an encoding this app cannot read. {_EXPORT_HINT}")]
        ) from None


def _decode_or_fail(file_name: str, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise DatasetError(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"the file says it is {encoding.upper()} but byte {error.start} is not. {_EXPORT_HINT}",
                )
            ]
        ) from None


# ---------------------------------------------------------------------------------------------
# Parsing


def parse_table(spec: TableSpec, text: str) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """CSV text to a frame of stripped strings ("" for blanks), with structural problems and notes.

    The csv module rather than pandas, because it reports exactly which record breaks and lets
    rows be numbered as a spreadsheet shows them even when a cell holds a line break.
    """
    problems: list[Problem] = []
    notes: list[str] = []
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for record in reader:
            records.append(record)
            if len(records) > MAX_ROWS + 1:
                problems.append(Problem(spec.file, None, None, f"more than {MAX_ROWS:,} rows; split the file."))
                return pd.DataFrame(), problems, notes
    except csv.Error:
        row = len(records) + 1
        problems.append(
            Problem(
                spec.file,
                row,
                None,
                'a quote mark (") opened in this row is never closed, so the rest of the file '
                "cannot be read. Close the quote or remove it.",
            )
        )
        return pd.DataFrame(), problems, notes

    records = [record for record in records if any(cell.strip() for cell in record) or not record]
    records = [record for record in records if record]
    if not records:
        problems.append(
            Problem(
                spec.file,
                None,
                None,
                "the file is empty. It needs a header row with the columns "
                f"{', '.join(spec.required)}, then one row per item.",
            )
        )
        return pd.DataFrame(), problems, notes

    header = [cell.strip() for cell in records[0]]
    canonical = _match_header(spec, header, problems, notes)
    if problems:
        return pd.DataFrame(), problems, notes
    body = records[1:]
    if not body:
        problems.append(Problem(spec.file, None, None, "the file has a header row but no data rows."))
        return pd.DataFrame(), problems, notes

    rows: list[dict[str, str]] = []
    for offset, record in enumerate(body):
        row_number = offset + 2
        if len(record) != len(header):
            problems.append(
                Problem(
                    spec.file,
                    row_number,
                    None,
                    f"this row has {len(record)} cells but the header has {len(header)}. "
                    "Check for a stray comma or a missing quote.",
                )
            )
            continue
        row: dict[str, str] = {"_row": str(row_number)}
        for column_index, cell in enumerate(record):
            name = canonical[column_index]
            if name is None:
                continue
            value = cell.strip()
            if len(value) > MAX_CELL_CHARS:
                problems.append(
                    Problem(
                        spec.file,
                        row_number,
                        name,
                        f"this cell has {len(value):,} characters; the limit is {MAX_CELL_CHARS:,}.",
                    )
                )
                value = value[:MAX_CELL_CHARS]
            row[name] = value
        rows.append(row)
    columns = ["_row", *[name for name in canonical if name is not None]]
    frame = pd.DataFrame(rows, columns=columns, dtype="string").fillna("")
    return frame, problems, notes


def _match_header(spec: TableSpec, header: list[str], problems: list[Problem], notes: list[str]) -> list[str | None]:
    """Map header cells to known column names, ignoring case and spaces; None for columns to ignore."""
    known = {name.lower(): name for name in spec.columns}
    canonical: list[str | None] = []
    seen: set[str] = set()
    extras: list[str] = []
    for cell in header:
        name = known.get(cell.lower())
        if name in seen:
            problems.append(Problem(spec.file, 1, cell, "this column appears twice in the header."))
            name = None
        elif name is None:
            extras.append(cell or "(blank)")
        else:
            seen.add(name)
        canonical.append(name)
    for required in spec.required:
        if required not in seen:
            close = difflib.get_close_matches(required, [e.lower() for e in extras], n=1, cutoff=0.75)
            hint = f" The header has '{close[0]}': is that a misspelling?" if close else ""
            problems.append(Problem(spec.file, 1, required, f"the required column '{required}' is missing.{hint}"))
    if extras and not problems:
        notes.append(
            f"{spec.file}: extra column(s) {', '.join(repr(e) for e in extras)} kept in the file but not used."
        )
    return canonical


# ---------------------------------------------------------------------------------------------
# Validation


def _schema(spec: TableSpec) -> pa.DataFrameSchema:
    columns = {
        name: pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, unique=(name == spec.id_column))
        for name in spec.required
    }
    for name, values in spec.allowed.items():
        # Optional coded columns may be blank; a value, when given, must be one of the allowed ones.
        columns[name] = pa.Column(str, pa.Check.isin((*values, "")), nullable=False, required=False)
    return pa.DataFrameSchema(columns, strict=False)


def _check_message(spec: TableSpec, column: str, check: str, value: object, frame: pd.DataFrame) -> str:
    if check.startswith("str_length"):
        return "this cell is blank; every row needs a value here."
    if check == "field_uniqueness":
        rows = frame.loc[frame[column] == value, "_row"].tolist()
        return f"the id '{value}' is used more than once (rows {', '.join(rows)}); each id must be unique."
    if check.startswith("isin"):
        allowed = ", ".join(spec.allowed[column])
        return f"'{value}' is not an allowed value; use one of: {allowed} (or leave it blank)."
    return f"'{value}' failed the check {check}."


def validate_table(spec: TableSpec, frame: pd.DataFrame) -> list[Problem]:
    """Column rules checked with pandera, lazily so that every problem is reported at once."""
    try:
        _schema(spec).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = []
        for case in errors.failure_cases.itertuples(index=False):
            if case.index is None or pd.isna(case.index):
                continue
            row = int(frame.iloc[int(case.index)]["_row"])
            message = _check_message(spec, case.column, str(case.check), case.failure_case, frame)
            problems.append(Problem(spec.file, row, case.column, message))
        return list(dict.fromkeys(problems))
    return []


def _complete(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Add missing optional columns, fill defaults, and type the coded columns as categories."""
    frame = frame.copy()
    for name in spec.optional:
        if name not in frame.columns:
            frame[name] = ""
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


def _cross_checks(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Ids unique across findings and recommendations; every link points at an id that exists."""
    problems: list[Problem] = []
    findings = tables.get(FINDINGS_FILE)
    recommendations = tables.get(RECOMMENDATIONS_FILE)
    links = tables.get(LINKS_FILE)
    finding_ids = set(findings["finding_id"]) if findings is not None else set()
    recommendation_ids = set(recommendations["recommendation_id"]) if recommendations is not None else set()
    if recommendations is not None:
        for row, rec_id in zip(recommendations["_row"], recommendations["recommendation_id"], strict=True):
            if rec_id in finding_ids:
                problems.append(
                    Problem(
                        RECOMMENDATIONS_FILE,
                        int(row),
                        "recommendation_id",
                        f"the id '{rec_id}' is also a finding_id; links need ids to be unique across both files.",
                    )
                )
    if links is not None:
        known = finding_ids | recommendation_ids
        for column in ("from_id", "to_id"):
            for row, value in zip(links["_row"], links[column], strict=True):
                if value and value not in known:
                    problems.append(
                        Problem(
                            LINKS_FILE,
                            int(row),
                            column,
                            f"'{value}' is not a finding_id or recommendation_id in this dataset.",
                        )
                    )
    return problems


def _load_table(spec: TableSpec, raw: bytes, problems: list[Problem], notes: list[str]) -> pd.DataFrame | None:
    try:
        text, decode_note = decode_text(spec.file, raw)
    except DatasetError as error:
        problems.extend(error.problems)
        return None
    if decode_note:
        notes.append(f"{spec.file}: {decode_note}.")
    frame, table_problems, table_notes = parse_table(spec, text)
    notes.extend(table_notes)
    if table_problems:
        problems.extend(table_problems)
        if frame.empty:
            return None
    table_problems = validate_table(spec, frame)
    problems.extend(table_problems)
    return frame


def build_dataset(
    files: dict[str, bytes],
    name: str,
    study: dict | None = None,
    is_bundled: bool = False,
) -> Dataset:
    """Validate the given files (name -> bytes) as one dataset, or raise DatasetError listing every problem.

    findings.csv is required; recommendations.csv and links.csv are optional; the glossary,
    context and prompts files are read when present (the bundled study has them).
    """
    files = {Path(key).name.lower(): value for key, value in files.items()}
    problems: list[Problem] = []
    notes: list[str] = []
    if FINDINGS_FILE not in files:
        raise DatasetError([Problem(FINDINGS_FILE, None, None, "findings.csv is required and was not given.")])
    tables: dict[str, pd.DataFrame] = {}
    for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS):
        if spec.file in files:
            frame = _load_table(spec, files[spec.file], problems, notes)
            if frame is not None:
                tables[spec.file] = frame
    problems.extend(_cross_checks(tables))
    if problems:
        raise DatasetError(problems)

    def table(spec: TableSpec) -> pd.DataFrame:
        frame = tables.get(spec.file)
        if frame is None:
            frame = pd.DataFrame({name: pd.Series(dtype="string") for name in ("_row", *spec.columns)})
        return _complete(spec, frame)

    return Dataset(
        name=name,
        findings=table(FINDINGS_SPEC),
        recommendations=table(RECOMMENDATIONS_SPEC),
        links=table(LINKS_SPEC),
        glossary=table(GLOSSARY_SPEC),
        context=table(CONTEXT_SPEC),
        prompts=table(PROMPTS_SPEC),
        assessment_items=table(ASSESSMENT_SPEC),
        study=study or {},
        notes=tuple(notes),
        is_bundled=is_bundled,
    )


def load_dataset_dir(directory: Path | str = BUNDLED_DATA_DIR, name: str | None = None) -> Dataset:
    """Read a dataset folder (CSV files plus an optional study.json) through the same validation as uploads."""
    directory = Path(directory)
    files = {
        spec.file: (directory / spec.file).read_bytes()
        for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS)
        if (directory / spec.file).exists()
    }
    study_path = directory / STUDY_FILE
    study = json.loads(study_path.read_text(encoding="utf-8")) if study_path.exists() else {}
    bundled = directory.resolve() == BUNDLED_DATA_DIR
    label = name or (study.get("short_citation") if study else None) or directory.name
    return build_dataset(files, name=label, study=study, is_bundled=bundled)
