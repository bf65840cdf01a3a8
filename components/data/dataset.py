"""Read, decode and validate a coded dataset: the one loader every page and upload goes through.

Nothing here imports Streamlit, so the same functions serve the bundled study, uploads and tests.
A dataset is three coded tables (findings, recommendations, links) plus, for the bundled study,
its metadata, glossary and context evidence. Any problem raises one `DatasetError` that lists
every problem as file, row (as a spreadsheet numbers it: the header is row 1), column and message.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from components.data.links import LinkIndex, build_link_index

# Limits for uploaded files: generous for a coded study, small enough to keep a session light.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_CELL_CHARS = 5_000
MAX_ROWS = 20_000
MAX_PROBLEMS_SHOWN = 50

CATEGORIES = ("purpose", "barrier", "enabler", "perception", "observation")
BASIS_VALUES = ("stated", "inferred")
COP_ELEMENTS = ("mutual engagement", "joint enterprise", "shared repertoire")
PARTNERS = ("clients", "families", "professionals", "MDT", "children")
# Link relations every page words the same way. Other relations (a QDA project's link names) are allowed and
# kept as written; these are matched whatever their case and spacing, so "Builds  On" is "builds on".
RELATIONS = ("overcomes", "addresses", "builds on")

FINDINGS_FILE = "findings.csv"
RECOMMENDATIONS_FILE = "recommendations.csv"
LINKS_FILE = "links.csv"
GLOSSARY_FILE = "glossary.csv"
CONTEXT_FILE = "context.csv"
PROMPTS_FILE = "prompts.csv"
ASSESSMENT_FILE = "assessment_items.csv"
STUDY_FILE = "study.json"

BUNDLED_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class TableSpec:
    """What one CSV file must hold: its required and optional columns and their rules."""

    file: str
    id_column: str | None
    required: tuple[str, ...]
    optional: tuple[str, ...]
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Open vocabularies: known values are normalised like allowed ones, any other value is kept.
    vocabulary: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
    vocabulary={"relation": RELATIONS},
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
    files = [spec.file for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS)]
    file_rank = files.index(problem.file) if problem.file in files else len(files)
    return (file_rank, problem.file, problem.row or 0, problem.column or "", problem.message)


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


SHARED_GROUP = "All"


# ---------------------------------------------------------------------------------------------
# Decoding


_BINARY_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a WEBP image or other media file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zipped file (such as .zip, .docx or .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel (.xls) or Word (.doc) file"),
    (b"{\\rtf", "a Rich Text (.rtf) document"),
)
# Parts inside a zip that name the program that wrote it: what a user would call the file.
_ZIP_KINDS = (
    ("xl/", "an Excel workbook (.xlsx)"),
    ("word/", "a Word document (.docx)"),
    ("ppt/", "a PowerPoint presentation (.pptx)"),
    ("Index/Document.iwa", "an Apple Numbers or Pages file"),
)
_EXPORT_HINT = "Open it in your spreadsheet and use File > Save As > 'CSV UTF-8 (comma delimited)', then upload that."
_WORKBOOK_HINT = (
    "Upload CSV files, not the workbook: in Excel use File > Save As > 'CSV UTF-8 (comma delimited)' "
    "for each sheet (in Google Sheets, File > Download > Comma-separated values), then upload those."
)
_MB = 1024 * 1024


def _megabytes(size: int) -> str:
    """A size in MB that never rounds down to the limit it broke (2.04 MB shows as 2.1 MB, not 2.0)."""
    tenths = -(-size * 10 // _MB)
    return f"{tenths / 10:.1f} MB"


def describe_binary(raw: bytes) -> tuple[str, str] | None:
    """If the bytes are a known non-text file, what it is (in a user's words) and what to do instead."""
    # A BMP starts "BM", as a header like "BMI,..." could: its reserved bytes 6-9 being zero tells them apart.
    if raw.startswith(b"BM") and len(raw) >= 14 and raw[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image", _EXPORT_HINT
    for signature, what in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            if signature == b"PK\x03\x04":
                return _describe_zip(raw)
            if "Excel" in what:
                return what, _WORKBOOK_HINT
            return what, _EXPORT_HINT
    return None


def _describe_zip(raw: bytes) -> tuple[str, str]:
    names: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            mimetype = ""
            if "mimetype" in names:
                # Read only the start: a hostile zip could hold a huge "mimetype" entry.
                with archive.open("mimetype") as part:
                    mimetype = part.read(200).decode("ascii", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, KeyError, EOFError, NotImplementedError):
        return "a zipped file (such as .zip, .docx or .xlsx)", _EXPORT_HINT
    if "opendocument.spreadsheet" in mimetype:
        return "an OpenDocument spreadsheet (.ods)", _WORKBOOK_HINT
    if "opendocument" in mimetype:
        return "an OpenDocument file (.odt or .odp)", _EXPORT_HINT
    for part, what in _ZIP_KINDS:
        if any(name.startswith(part) or name == part for name in names):
            return what, _WORKBOOK_HINT if "Excel" in what or "Numbers" in what else _EXPORT_HINT
    return "a zip archive", "Unzip it and upload the CSV files inside."


def _looks_like_html(text: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml", "<table"))


def decode_text(file_name: str, raw: bytes) -> tuple[str, str | None]:
    """Bytes to text, trying the encodings spreadsheets write. Returns the text and a note if a fallback was used."""
    # What the file is comes first: 'this is an Excel workbook' helps more than 'this is 3 MB'.
    binary = describe_binary(raw)
    if binary:
        what, hint = binary
        raise DatasetError([Problem(file_name, None, None, f"this is {what}, not a CSV text file. {hint}")])
    if len(raw) > MAX_FILE_BYTES:
        raise DatasetError(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"the file is {_megabytes(len(raw))}; the limit is {MAX_FILE_BYTES // _MB} MB per file. "
                    "Split it into smaller studies or remove columns the app does not use.",
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        text, note = _decode_or_fail(file_name, raw, "utf-8-sig"), None
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, note = _decode_or_fail(file_name, raw, "utf-16"), "read as UTF-16 (its byte order mark says so)"
    elif b"\x00" in raw:
        # Every other byte zero: UTF-16 text that lost its byte order mark. Anything else is binary.
        if len(raw) >= 4 and (raw[1::2].count(0) > len(raw) // 4 or raw[0::2].count(0) > len(raw) // 4):
            message = (
                f"this looks like UTF-16 text without a byte order mark, which cannot be read reliably. {_EXPORT_HINT}"
            )
        else:
            message = f"this file holds binary data, not CSV text. {_EXPORT_HINT}"
        raise DatasetError([Problem(file_name, None, None, message)])
    else:
        try:
            text, note = raw.decode("utf-8"), None
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise DatasetError(
                    [Problem(file_name, None, None, f"the text is in an encoding this app cannot read. {_EXPORT_HINT}")]
                ) from None
            note = (
                "not valid UTF-8, so it was read as Windows-1252 (the encoding older Excel uses); "
                "check that accents and curly quotes look right"
            )
    if "\x00" in text:
        raise DatasetError(
            [Problem(file_name, None, None, f"this file holds binary data, not CSV text. {_EXPORT_HINT}")]
        )
    if _looks_like_html(text):
        raise DatasetError(
            [Problem(file_name, None, None, f"this is a web page or XML file, not a CSV text file. {_EXPORT_HINT}")]
        )
    return text, note


def _decode_or_fail(file_name: str, raw: bytes, encoding: str) -> str:
    label = "UTF-16" if encoding == "utf-16" else "UTF-8"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise DatasetError(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"the file starts with a {label} marker, but the text after it is not {label} "
                    f"(byte {error.start:,} is not). {_EXPORT_HINT}",
                )
            ]
        ) from None


# ---------------------------------------------------------------------------------------------
# Parsing

# Separators a spreadsheet may write: Excel in many European locales saves "CSV" with semicolons,
# and "Unicode text" with tabs.
_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_UNCLOSED_QUOTE = (
    'a quote mark (") opened in this row is never closed, so the rest of the file cannot be read. '
    "Close the quote or remove it."
)
_BROKEN_QUOTE = (
    "this row cannot be read because of its quote marks: a cell that starts with a quote mark must end "
    'with one, and a quote mark inside such a cell is written twice (""). Check this row and the one before it.'
)


def header_key(cell: str) -> str:
    """How header names are compared: case, surrounding spaces and inner spaces or hyphens do not matter."""
    return re.sub(r"[\s\-]+", "_", cell.replace("\ufeff", "").strip().casefold())


def _pick_delimiter(spec: TableSpec, text: str) -> str:
    """The separator under which the first line names the most known columns (commas unless another wins)."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    known = {header_key(name) for name in spec.columns}
    scores = {}
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:
            cells = []
        scores[delimiter] = sum(header_key(cell) in known for cell in cells)
    best = max(scores, key=lambda delimiter: scores[delimiter])
    return best if scores[best] > scores[","] else ","


def _read_records(spec: TableSpec, text: str, delimiter: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Every non-blank CSV record with its row number as a spreadsheet shows it (blank rows still count)."""
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row_number = 0
    try:
        for record in reader:
            row_number += 1
            if not any(cell.strip() for cell in record):
                continue
            if len(records) > MAX_ROWS:
                return [], [Problem(spec.file, None, None, f"the file has more than {MAX_ROWS:,} rows; split it.")]
            records.append((row_number, record))
    except csv.Error as error:
        row = row_number + 1
        reason = str(error)
        if "field larger than field limit" in reason:
            message = (
                "a cell starting in this row runs on for more than 100,000 characters, usually because a quote "
                f'mark (") is never closed. Close the quote, or shorten the cell (the limit is {MAX_CELL_CHARS:,} '
                "characters)."
            )
        elif "unexpected end of data" in reason:
            message = _UNCLOSED_QUOTE
        else:
            message = _BROKEN_QUOTE
        return [], [Problem(spec.file, row, None, message)]
    return records, []


def parse_table(spec: TableSpec, text: str) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """CSV text to a frame of stripped strings ("" for blanks), with structural problems and notes.

    The csv module rather than pandas, because it reports exactly which record breaks and lets
    rows be numbered as a spreadsheet shows them even when a cell holds a line break.
    A frame comes back even when some rows had problems (those rows are left out); an empty
    frame means the file could not be read at all.
    """
    notes: list[str] = []
    delimiter = _pick_delimiter(spec, text)
    if delimiter != ",":
        notes.append(f"{spec.file}: columns are separated by {_DELIMITERS[delimiter]}, not commas; read that way.")
    records, problems = _read_records(spec, text, delimiter)
    if problems:
        return pd.DataFrame(), problems, notes
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

    header_row, header = records[0]
    canonical = _match_header(spec, header, header_row, problems, notes)
    if problems:
        return pd.DataFrame(), problems, notes
    body = records[1:]
    if not body:
        problems.append(
            Problem(
                spec.file,
                None,
                None,
                "the file has a header row but no data rows. Add one row per item under the header.",
            )
        )
        return pd.DataFrame(), problems, notes

    rows: list[dict[str, str]] = []
    width = len(header)
    for row_number, record in body:
        # Trailing empty cells beyond the header (a stray comma at the end of a line) do no harm.
        if len(record) > width and not any(cell.strip() for cell in record[width:]):
            record = record[:width]
        if len(record) != width:
            problems.append(
                Problem(
                    spec.file,
                    row_number,
                    None,
                    f"this row has {len(record)} cells but the header has {width}. "
                    "Check for a stray comma, or a cell with a comma that needs quote marks around it.",
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
                        f"this cell has {len(value):,} characters; the limit is {MAX_CELL_CHARS:,}. Shorten it.",
                    )
                )
                value = value[:MAX_CELL_CHARS]
            row[name] = value
        rows.append(row)
    columns = ["_row", *[name for name in canonical if name is not None]]
    frame = pd.DataFrame(rows, columns=columns, dtype="string").fillna("")
    return frame, problems, notes


def _match_header(
    spec: TableSpec, header: list[str], header_row: int, problems: list[Problem], notes: list[str]
) -> list[str | None]:
    """Map header cells to known column names (see `header_key`); None for columns to ignore."""
    known = {header_key(name): name for name in spec.columns}
    canonical: list[str | None] = []
    seen: set[str] = set()
    extras: list[str] = []
    for cell in header:
        name = known.get(header_key(cell))
        if name in seen:
            problems.append(Problem(spec.file, header_row, name, f"the column '{cell.strip()}' appears twice."))
            name = None
        elif name is None:
            if cell.strip():
                extras.append(cell.strip())
        else:
            seen.add(name)
        canonical.append(name)
    if not seen:
        problems.append(
            Problem(
                spec.file,
                header_row,
                None,
                "the first row must be the header naming the columns "
                f"({', '.join(spec.required)}); none of those names is in it.",
            )
        )
        return canonical
    extra_keys = {header_key(extra): extra for extra in extras}
    for required in spec.required:
        if required not in seen:
            close = difflib.get_close_matches(required, list(extra_keys), n=1, cutoff=0.75)
            hint = f" The header has '{extra_keys[close[0]]}': is that a misspelling?" if close else ""
            problems.append(
                Problem(spec.file, header_row, required, f"the required column '{required}' is missing.{hint}")
            )
    if extras and not problems:
        names = ", ".join(f"'{extra}'" for extra in extras)
        notes.append(f"{spec.file}: the column(s) {names} are not part of the format, so the app ignores them.")
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


def _complete(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
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


def _cross_checks(tables: dict[str, pd.DataFrame], incomplete: set[str], given: set[str]) -> list[Problem]:
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


def _load_table(
    spec: TableSpec, raw: bytes, problems: list[Problem], notes: list[str]
) -> tuple[pd.DataFrame | None, bool]:
    """One file through decoding, parsing and validation. Returns its frame and whether every row was read."""
    try:
        text, decode_note = decode_text(spec.file, raw)
    except DatasetError as error:
        problems.extend(error.problems)
        return None, False
    if decode_note:
        notes.append(f"{spec.file}: {decode_note}.")
    frame, table_problems, table_notes = parse_table(spec, text)
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
    incomplete: set[str] = set()
    for spec in (*UPLOADABLE_SPECS, *BUNDLED_ONLY_SPECS):
        if spec.file in files:
            frame, complete = _load_table(spec, files[spec.file], problems, notes)
            if frame is not None:
                tables[spec.file] = frame
            if not complete:
                incomplete.add(spec.file)
    problems.extend(_cross_checks(tables, incomplete, set(files)))
    if problems:
        raise DatasetError(problems, notes)

    def table(spec: TableSpec) -> pd.DataFrame:
        frame = tables.get(spec.file)
        if frame is None:
            frame = pd.DataFrame({name: pd.Series(dtype="string") for name in ("_row", *spec.columns)})
        return _complete(spec, frame)

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
        study=study or {},
        notes=tuple(notes),
        is_bundled=is_bundled,
    )


def content_fingerprint(files: dict[str, bytes], name: str, study: dict | None) -> str:
    """A sha256 over the files' names and bytes, the study metadata and the name: same input, same digest."""
    digest = hashlib.sha256()
    for file_name in sorted(files):
        raw = files[file_name]
        # Lengths before contents, so no two different inputs concatenate to the same bytes.
        for part in (file_name.encode("utf-8"), raw):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    for part in (name.encode("utf-8"), json.dumps(study or {}, sort_keys=True, ensure_ascii=False).encode("utf-8")):
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
    study = json.loads(study_path.read_text(encoding="utf-8")) if study_path.exists() else {}
    bundled = directory.resolve() == BUNDLED_DATA_DIR
    label = name or (study.get("short_citation") if study else None) or directory.name
    return build_dataset(files, name=label, study=study, is_bundled=bundled)
