"""Hostile and broken QDA files: each is refused with a message naming the file and what is at fault."""

from __future__ import annotations

import pytest

from components.qda import archive, read_qda_file
from components.qda.model import QdaError, problem_text
from tests.fixtures.qda import projects as fixtures

QDE = "study.qdpx › project.qde"

CASES = [
    ("external entity", "study.qdpx", fixtures.external_entity, QDE, "the XML declares a DTD (<!DOCTYPE …>)"),
    ("entity bomb", "study.qdpx", fixtures.entity_bomb, QDE, "the XML declares a DTD (<!DOCTYPE …>)"),
    (
        "zip slip",
        "study.qdpx",
        fixtures.zip_slip,
        "study.qdpx",
        "points outside the project, which is refused: '../../evil.txt'",
    ),
    (
        "absolute entry",
        "study.qdpx",
        fixtures.absolute_entry,
        "study.qdpx",
        "points outside the project, which is refused: '/etc/cron.d/evil'",
    ),
    (
        "entry past the cap",
        "study.qdpx",
        lambda: fixtures.oversized_entry(archive.MAX_ENTRY_BYTES),
        "study.qdpx",
        "'project.qde' unpacks to more than 64 MB, the limit for one file in a project",
    ),
    (
        "not a zip",
        "study.qdpx",
        lambda: b"just some text",
        "study.qdpx",
        "a .qdpx file is a zip archive, and this file is not one",
    ),
    ("no project.qde", "study.qdpx", fixtures.no_project_file, "study.qdpx", "the archive has no project.qde"),
    ("truncated XML", "study.qdpx", fixtures.truncated_xml, QDE, "the XML cannot be read at line 5"),
    (
        "selection past the end",
        "study.qdpx",
        fixtures.selection_past_end,
        QDE,
        "past the end of the text of 'Interview B (CSW)', which has 96 characters",
    ),
    (
        "coding of a missing code",
        "study.qdpx",
        fixtures.unknown_code,
        QDE,
        "refers to the code 000003e7-0000-4000-8000-0000000003e7, which is not in the codebook",
    ),
    (
        "missing source file",
        "study.qdpx",
        fixtures.missing_source_file,
        QDE,
        "is not in the project (looked for sources/000000c9-0000-4000-8000-0000000000c9.txt",
    ),
    ("source outside the project", "study.qdpx", fixtures.source_outside_project, QDE, "is outside the project"),
    (
        "two sources, one guid",
        "study.qdpx",
        fixtures.duplicate_source_guid,
        QDE,
        "this text source has the guid 000000c9-0000-4000-8000-0000000000c9, which another source has",
    ),
    ("no coded text", "study.qdpx", fixtures.no_coded_text, QDE, "the project has no coded text"),
    (
        "codebook only",
        "codes.qdc",
        fixtures.codebook_only,
        "codes.qdc",
        "this is a codebook (11 codes) with no coded text",
    ),
    (
        "Taguette codebook",
        "tags.csv",
        lambda: fixtures.TAGUETTE_CODEBOOK_CSV,
        "tags.csv",
        "this is a Taguette codebook (1 tags) with no highlights",
    ),
    (
        "not a Taguette export",
        "other.csv",
        lambda: b"a,b\n1,2\n",
        "other.csv",
        "this is not a Taguette highlights export",
    ),
    (
        "unknown file type",
        "notes.docx",
        lambda: b"PK\x03\x04",
        "notes.docx",
        "this app reads REFI-QDA projects (.qdpx)",
    ),
]


@pytest.mark.parametrize(("case", "file_name", "build", "file", "message"), CASES, ids=[case[0] for case in CASES])
def test_hostile_file_gets_a_clear_message(case, file_name, build, file, message):
    with pytest.raises(QdaError) as raised:
        read_qda_file(file_name, build())
    problems = raised.value.problems
    assert problems, case
    assert problems[0].file == file
    assert message in problems[0].message, problem_text(problems[0])


@pytest.mark.parametrize(
    ("build", "where", "line"),
    [
        (fixtures.selection_past_end, "PlainTextSelection 0000012f-0000-4000-8000-00000000012f", 15),
        (fixtures.unknown_code, "PlainTextSelection 0000012d-0000-4000-8000-00000000012d", 8),
        (fixtures.missing_source_file, "TextSource 'Interview A (MHSW)'", 5),
    ],
)
def test_problems_name_the_xml_line_and_element(build, where, line):
    with pytest.raises(QdaError) as raised:
        read_qda_file("study.qdpx", build())
    found = raised.value.problems[0]
    assert (found.row, found.column) == (line, where)
    assert problem_text(found).startswith(f"{QDE}, line {line}, {where}: ")


def test_an_entry_is_counted_while_read_not_trusted_from_the_header(monkeypatch):
    """A zip header that lies about the size does not help: the counter stops the read."""
    monkeypatch.setattr(archive, "MAX_ENTRY_BYTES", 10_000)
    with pytest.raises(QdaError, match="unpacks to more than"):
        read_qda_file("study.qdpx", fixtures.oversized_entry(10_000))


def test_the_time_bound_stops_a_slow_read(monkeypatch):
    monkeypatch.setattr(archive, "TIME_LIMIT_SECONDS", -1.0)
    with pytest.raises(QdaError, match="took longer than"):
        read_qda_file("study.qdpx", fixtures.sources_file_project())


def test_an_over_size_upload_is_refused_before_unzipping():
    with pytest.raises(QdaError, match=r"the limit for a \.qdpx project is 50 MB"):
        read_qda_file("big.qdpx", b"PK" + b"\0" * (archive.MAX_QDPX_BYTES + 1))


def test_the_entity_is_never_expanded_even_past_the_prolog_check(monkeypatch):
    """Belt and braces: if the DTD pre-check were bypassed, lxml still resolves no external entity."""
    from components.qda import refi

    monkeypatch.setattr(refi, "declares_dtd", lambda raw: False)
    with pytest.raises(QdaError) as raised:
        read_qda_file("study.qdpx", fixtures.external_entity())
    assert "root:" not in str(raised.value)
    assert "DTD" in raised.value.problems[0].message or "cannot be read" in raised.value.problems[0].message
