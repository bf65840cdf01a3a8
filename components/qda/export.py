"""Write a dataset back as a REFI-QDA project (.qdpx) and its codebook (.qdc), for any QDA tool to open.

Layout chosen: one text source per source document (each distinct `source` value), whose plain text is
the evidence of every finding and recommendation citing it, one passage after another; each passage is
a PlainTextSelection coded with its theme (or audience) code, named with the statement, its memo the
detail. Categories are top-level codes, themes their sub-codes; groups are cases with a `group`
variable, holding their selections; links are REFI links between selections, the app's basis kept in
the link's note. Importing the export gives back the same statements, evidence, groups and links.
Rows without evidence have no text to code and are left out (the export says how many).
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass

from lxml import etree

from components.data.model import Dataset
from components.data.vocabulary import CATEGORIES, SHARED_GROUP
from components.qda.mapping import INFERRED_NOTE_PREFIX, RECOMMENDATION
from components.shared.text import cell_text

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Collaboration Findings Explorer"
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


def export_qdpx(dataset: Dataset) -> tuple[bytes, list[str]]:
    """The dataset as a .qdpx project, and notes on what could not be carried."""
    items, _ = _items(dataset)
    ns = PROJECT_NS

    def element(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{ns}}}{tag}", **attributes)

    user = _guid("user")
    root = etree.Element(f"{{{ns}}}Project", nsmap={None: ns}, name=_clean(dataset.name) or "Study", origin=ORIGIN)
    root.set("creatingUserGUID", user)
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
    texts: dict[str, str] = {}
    for source_name in dict.fromkeys(item.source for item in items):
        source_guid = _guid("source", source_name)
        source = element(sources, "TextSource", guid=source_guid, name=source_name)
        source.set("plainTextPath", f"internal://{source_guid}.txt")
        text = ""
        for item in (item for item in items if item.source == source_name):
            if text:
                text += PASSAGE_SEPARATOR
            start = len(text)
            text += item.evidence
            selection = element(
                source,
                "PlainTextSelection",
                guid=selection_guids[item.row_id],
                name=item.statement,
                startPosition=str(start),
                endPosition=str(len(text)),
            )
            if item.detail:
                element(selection, "Description").text = item.detail
            coding = element(selection, "Coding", guid=_guid("coding", item.row_id))
            element(coding, "CodeRef", targetGUID=code_guids[(item.category, item.code_name)])
        texts[f"sources/{source_guid}.txt"] = text

    links = [
        row
        for row in dataset.links.itertuples(index=False)
        if _clean(row.from_id) in selection_guids and _clean(row.to_id) in selection_guids
    ]
    if links:
        notes_element = element(root, "Notes")
        links_element = element(root, "Links")
        for number, row in enumerate(links):
            note_text = _clean(row.note)
            if cell_text(row.basis) == "inferred":
                note_text = f"{INFERRED_NOTE_PREFIX} {note_text}".strip()
            link = element(
                links_element,
                "Link",
                guid=_guid("link", str(number), _clean(row.from_id), _clean(row.to_id)),
                name=_clean(row.relation),
                direction="OneWay",
                originGUID=selection_guids[_clean(row.from_id)],
                targetGUID=selection_guids[_clean(row.to_id)],
            )
            if note_text:
                note_guid = _guid("note", str(number))
                note = element(notes_element, "Note", guid=note_guid, name=f"Link {number + 1}")
                element(note, "PlainTextContent").text = note_text
                element(link, "NoteRef", targetGUID=note_guid)
        if not len(notes_element):
            root.remove(notes_element)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
        for path, text in texts.items():
            archive.writestr(path, text.encode("utf-8"))
    notes = export_gaps(dataset)
    return buffer.getvalue(), notes
