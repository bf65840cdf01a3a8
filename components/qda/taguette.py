"""Read a Taguette highlights export (CSV: id, document, tag, content) as a project of coded segments.

Taguette has no character offsets in its export: each highlight's content is the evidence as
Taguette wrote it, and its source is the document's name. One statement per highlight and tag (a per-tag
export repeats rows; the repeats are dropped and said), and a dotted tag (barriers.workload) is the child
"workload" of "barriers", so its theme is the child and its category comes from the top-level tag. A Taguette
codebook (tag, description, number of highlights) has no coded text, and says so.
"""

from __future__ import annotations

import csv
import io

from components.data.decode import decode_text
from components.data.model import DatasetError
from components.data.parse import header_key
from components.qda.model import Code, QdaError, QdaProject, Segment, Source, problem
from components.qda.positions import normalise_line_ends

HIGHLIGHT_COLUMNS = ("id", "document", "tag", "content")


def looks_like_taguette(text: str) -> bool:
    first = text.lstrip("\ufeff\r\n").split("\n", 1)[0]
    cells = {header_key(cell) for cell in next(csv.reader([first]), [])}
    return {"document", "tag", "content"} <= cells or {"tag", "number_of_highlights"} <= cells


def read_taguette_csv(file_name: str, raw: bytes) -> QdaProject:
    try:
        text, _ = decode_text(file_name, raw)
    except DatasetError as error:
        raise QdaError(error.problems) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise QdaError([problem(file_name, "the file is empty.")])
    header = [header_key(cell) for cell in rows[0]]
    if "tag" in header and "number_of_highlights" in header and "content" not in header:
        raise QdaError(
            [
                problem(
                    file_name,
                    f"this is a Taguette codebook ({len(rows) - 1:,} tags) with no highlights, so there is no "
                    "study to open. In Taguette use Export > 'Export all highlights' (CSV) and upload that.",
                    line=1,
                )
            ]
        )
    missing = [name for name in HIGHLIGHT_COLUMNS[1:] if name not in header]
    if missing:
        raise QdaError(
            [
                problem(
                    file_name,
                    f"this is not a Taguette highlights export: the column(s) {', '.join(missing)} are missing "
                    f"(it needs {', '.join(HIGHLIGHT_COLUMNS)}).",
                    line=1,
                )
            ]
        )
    index = {name: header.index(name) for name in HIGHLIGHT_COLUMNS if name in header}
    sources: dict[str, Source] = {}
    codes: dict[str, Code] = {}
    segments = []
    problems = []
    seen: set[tuple[str, str, str, str]] = set()
    repeated = 0
    for row_number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(
                problem(file_name, f"this row has {len(row)} cells; the header has {len(header)}.", row_number)
            )
            continue
        document, tag, content = (row[index[name]].strip() for name in ("document", "tag", "content"))
        if not document or not tag or not content.strip():
            problems.append(problem(file_name, "a highlight needs a document, a tag and content.", row_number))
            continue
        highlight = row[index["id"]].strip() if "id" in index else str(row_number)
        # Taguette's per-tag export writes a highlight once for each tag it matches: one statement per pair.
        pair = (highlight if "id" in index else "", document, tag, content)
        if pair in seen:
            repeated += 1
            continue
        seen.add(pair)
        source = sources.setdefault(document, Source(f"doc:{document}", document, len(sources) + 1))
        code = _tag_code(codes, tag)
        segments.append(
            Segment(f"highlight:{highlight}", source.guid, code.guid, normalise_line_ends(content), None, None)
        )
    if problems:
        raise QdaError(problems)
    if not segments:
        raise QdaError([problem(file_name, "the export has no highlights, so there is no coded text to open.")])
    notes = []
    if repeated:
        notes.append(
            f"{file_name}: {repeated:,} row(s) repeat a highlight with the same tag (Taguette writes a highlight "
            f"again for each tag an export matches), so they were read once: {len(segments):,} statement(s)."
        )
    return QdaProject(
        file_name=file_name,
        name=file_name.rsplit(".", 1)[0],
        origin="Taguette",
        codes=codes,
        sources={source.guid: source for source in sources.values()},
        segments=tuple(segments),
        notes=tuple(notes),
    )


def _tag_code(codes: dict[str, Code], tag: str) -> Code:
    """The code of a tag; a dotted tag (barriers.workload) is a child of its parent tag, made if not seen."""
    key = f"tag:{tag}"
    if key in codes:
        return codes[key]
    parent_tag, dot, child_name = tag.rpartition(".")
    if dot and parent_tag.strip() and child_name.strip():
        parent = _tag_code(codes, parent_tag.strip())
        codes[key] = Code(key, child_name.strip(), parent.guid)
    else:
        codes[key] = Code(key, tag, None)
    return codes[key]
