"""Write a dataset back as a REFI-QDA project (.qdpx) and its codebook (.qdc), for any QDA tool to open.

Layout chosen, so that a real client (QualCoder, NVivo, ATLAS.ti) opens it and a round trip gives the same
project: one text source per source document (a statement's `source` less the ", characters a–b" an import
added), whose plain text (UTF-8, LF line ends, positions in code points over it) is the evidence of every
statement citing it, one passage after another (a passage coded with several codes is written once). Each
statement is a PlainTextSelection named with its id (F001 stays F001), coded with its theme (or audience)
code, its Description the detail; the statement itself, when it is not the quote, and the source as cited,
when it is not the document's name, are Notes the selection refers to. Categories are top-level codes,
themes their sub-codes; groups are cases with a `group` variable, holding their selections; links are REFI
links between selections, the app's basis kept in the link's note. Every Note, source, selection and coding
has its creationDateTime. Rows without evidence have no text to code and are left out (the export says how
many).
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from components.data.model import Dataset
from components.data.vocabulary import CATEGORIES, SHARED_GROUP
from components.qda.mapping import (
    IDS_IN_NAMES,
    INFERRED_NOTE_PREFIX,
    RECOMMENDATION,
    SOURCE_NOTE,
    STATEMENT_NOTE,
)
from components.qda.model import APP_ORIGIN
from components.qda.positions import normalise_line_ends
from components.shared.text import cell_text

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = APP_ORIGIN
GROUP_VARIABLE = "group"
# Top-level code names: each reads back as its category (see mapping.guess_category).
CATEGORY_CODE_NAMES = {
    "purpose": "Reasons to collaborate",
    "barrier": "Barriers",
    "enabler": "What helps",
    "perception": "Views of the other group",
    "observation": "Observations",
    RECOMMENDATION: "Recommendations",
}
PASSAGE_SEPARATOR = "\n\n"
# XML 1.0 cannot hold these characters at all; a CSV cell might.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What an import appends to a source's name ("Interview A, characters 10–50"): the document is the rest.
_CHARACTERS = re.compile(r",\s*characters\s+\d+\s*[–-]\s*\d+\s*$")
_NAMESPACE = uuid.UUID("6f2b1a7e-3c55-4f0e-9a43-2d1f4e8b7c10")


def _guid(*parts: str) -> str:
    """Stable GUIDs: the same dataset exports to the same file."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _clean(value: object) -> str:
    return _NOT_XML.sub("", cell_text(value))


@dataclass(frozen=True)
class _Item:
    row_id: str
    category: str  # a category, or RECOMMENDATION
    code_name: str  # the theme, or the audience
    statement: str
    evidence: str
    source: str
    detail: str
    group: str


def _items(dataset: Dataset) -> tuple[list[_Item], int]:
    items, skipped = [], 0
    for row in dataset.findings.itertuples(index=False):
        evidence = _clean(row.evidence).strip()
        if not evidence:
            skipped += 1
            continue
        items.append(
            _Item(
                _clean(row.finding_id),
                _clean(row.category),
                _clean(row.theme),
                _clean(row.statement),
                evidence,
                _clean(row.source) or "Unnamed source",
                _clean(row.detail),
                _clean(row.group),
            )
        )
    for row in dataset.recommendations.itertuples(index=False):
        evidence = _clean(row.evidence).strip() or _clean(row.text).strip()
        items.append(
            _Item(
                _clean(row.recommendation_id),
                RECOMMENDATION,
                _clean(row.audience),
                _clean(row.text),
                evidence,
                _clean(row.source) or "Unnamed source",
                "",
                SHARED_GROUP,
            )
        )
    return items, skipped


def _codes_element(parent: etree._Element, namespace: str, items: list[_Item]) -> dict[tuple[str, str], str]:
    """Top-level category codes with their theme sub-codes; returns (category, name) -> guid."""
    codes = etree.SubElement(parent, f"{{{namespace}}}Codes")
    guids: dict[tuple[str, str], str] = {}
    for category in (*CATEGORIES, RECOMMENDATION):
        names = list(dict.fromkeys(item.code_name for item in items if item.category == category))
        if not names:
            continue
        top = etree.SubElement(
            codes,
            f"{{{namespace}}}Code",
            guid=_guid("category", category),
            name=CATEGORY_CODE_NAMES[category],
            isCodable="false",
        )
        for name in names:
            guids[(category, name)] = _guid("code", category, name)
            etree.SubElement(top, f"{{{namespace}}}Code", guid=guids[(category, name)], name=name, isCodable="true")
    return guids


def _codebook_items(dataset: Dataset) -> list[_Item]:
    items, _ = _items(dataset)
    # A codebook names every theme, evidence or not.
    with_evidence = {item.row_id for item in items}
    for row in dataset.findings.itertuples(index=False):
        if _clean(row.finding_id) not in with_evidence:
            items.append(_Item("", _clean(row.category), _clean(row.theme), "", "", "", "", ""))
    return items


def export_qdc(dataset: Dataset) -> bytes:
    """The dataset's categories and themes (and audiences) as a REFI-QDA codebook."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    _codes_element(root, CODEBOOK_NS, _codebook_items(dataset))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def export_gaps(dataset: Dataset) -> list[str]:
    """What a .qdpx export of this dataset cannot carry, in plain words (cheap: no XML is built)."""
    without = dataset.findings["evidence"].map(lambda value: not _clean(value).strip())
    exported = set(dataset.findings.loc[~without, "finding_id"]) | set(dataset.recommendations["recommendation_id"])
    left_out = int((~dataset.links["from_id"].isin(exported) | ~dataset.links["to_id"].isin(exported)).sum())
    notes = []
    if without.any():
        notes.append(
            f"{int(without.sum())} finding(s) have no evidence, so there was no text to code: they are not in the "
            "export."
        )
    if left_out:
        notes.append(f"{left_out} link(s) join a finding that is not in the export, so they were left out.")
    return notes


def source_document(source: str) -> str:
    """The document a statement's source names: "Interview A, characters 10–50" is "Interview A"."""
    return _CHARACTERS.sub("", source).strip() or source


def export_qdpx(dataset: Dataset, created: datetime | None = None) -> tuple[bytes, list[str]]:
    """The dataset as a .qdpx project, and notes on what could not be carried.

    `created` is the creationDateTime written on every element (QualCoder's importer needs one on each Note);
    now, unless given (the same dataset and time give the same file).
    """
    items, _ = _items(dataset)
    ns = PROJECT_NS
    stamp = (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    user = _guid("user")

    def element(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{ns}}}{tag}", **attributes)

    def made(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        """An element that records who made it and when."""
        return element(parent, tag, **attributes, creatingUser=user, creationDateTime=stamp)

    root = etree.Element(f"{{{ns}}}Project", nsmap={None: ns}, name=_clean(dataset.name) or "Study", origin=ORIGIN)
    root.set("creatingUserGUID", user)
    root.set("creationDateTime", stamp)
    users = element(root, "Users")
    element(users, "User", guid=user, name=ORIGIN)
    codebook = element(root, "CodeBook")
    code_guids = _codes_element(codebook, ns, items)

    selection_guids = {item.row_id: _guid("selection", item.row_id) for item in items}
    groups = list(dict.fromkeys(item.group for item in items if item.group and item.group != SHARED_GROUP))
    variable = _guid("variable", GROUP_VARIABLE)
    if groups:
        variables = element(root, "Variables")
        element(variables, "Variable", guid=variable, name=GROUP_VARIABLE, typeOfVariable="Text")
        cases = element(root, "Cases")
        for group in groups:
            case = element(cases, "Case", guid=_guid("case", group), name=group)
            value = element(case, "VariableValue")
            element(value, "VariableRef", targetGUID=variable)
            element(value, "TextValue").text = group
            for item in items:
                if item.group == group:
                    element(case, "SelectionRef", targetGUID=selection_guids[item.row_id])

    sources = element(root, "Sources")
    # Notes are collected while sources are written, and placed after them (the schema's order).
    notes: list[tuple[str, str, str]] = []  # (guid, name, text)
    texts: dict[str, str] = {}
    for document in dict.fromkeys(source_document(item.source) for item in items):
        source_guid = _guid("source", document)
        source = made(sources, "TextSource", guid=source_guid, name=document)
        source.set("plainTextPath", f"internal://{source_guid}.txt")
        text = ""
        # One passage coded with several codes (a statement per code) is written once, its selections over it.
        placed: dict[tuple[str, str], tuple[int, int]] = {}
        for item in (item for item in items if source_document(item.source) == document):
            passage = normalise_line_ends(item.evidence)
            key = (item.source, passage)
            if key not in placed:
                if text:
                    text += PASSAGE_SEPARATOR
                placed[key] = (len(text), len(text) + len(passage))
                text += passage
            start, end = placed[key]
            selection = made(
                source,
                "PlainTextSelection",
                guid=selection_guids[item.row_id],
                name=item.row_id,
                startPosition=str(start),
                endPosition=str(end),
            )
            if item.detail:
                element(selection, "Description").text = item.detail
            coding = made(selection, "Coding", guid=_guid("coding", item.row_id))
            element(coding, "CodeRef", targetGUID=code_guids[(item.category, item.code_name)])
            own = []
            if item.statement and item.statement != item.evidence:
                own.append((STATEMENT_NOTE, item.statement))
            if item.source != document:
                own.append((SOURCE_NOTE, item.source))
            for kind, note_text in own:
                note_guid = _guid("note", kind, item.row_id)
                notes.append((note_guid, f"{item.row_id} {kind}", note_text))
                element(selection, "NoteRef", targetGUID=note_guid)
        texts[f"sources/{source_guid}.txt"] = text

    links = [
        row
        for row in dataset.links.itertuples(index=False)
        if _clean(row.from_id) in selection_guids and _clean(row.to_id) in selection_guids
    ]
    link_elements = []
    for number, row in enumerate(links):
        note_text = _clean(row.note)
        if cell_text(row.basis) == "inferred":
            note_text = f"{INFERRED_NOTE_PREFIX} {note_text}".strip()
        link = etree.Element(
            f"{{{ns}}}Link",
            guid=_guid("link", str(number), _clean(row.from_id), _clean(row.to_id)),
            name=_clean(row.relation),
            direction="OneWay",
            originGUID=selection_guids[_clean(row.from_id)],
            targetGUID=selection_guids[_clean(row.to_id)],
        )
        if note_text:
            note_guid = _guid("note", str(number))
            notes.append((note_guid, f"Link {number + 1}", note_text))
            etree.SubElement(link, f"{{{ns}}}NoteRef", targetGUID=note_guid)
        link_elements.append(link)
    if notes:
        notes_element = element(root, "Notes")
        for note_guid, name, note_text in notes:
            note = made(notes_element, "Note", guid=note_guid, name=name)
            element(note, "PlainTextContent").text = note_text
    if link_elements:
        links_element = element(root, "Links")
        links_element.extend(link_elements)
    element(root, "Description").text = (
        f"Exported by the {ORIGIN}. {IDS_IN_NAMES} (F001, R01…); the statement, when it is not the quote, and "
        "the source as cited, when it is not the document's name, are notes of the selection."
    )

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
        for path, text in texts.items():
            archive.writestr(path, text.encode("utf-8"))
    notes = export_gaps(dataset)
    return buffer.getvalue(), notes
