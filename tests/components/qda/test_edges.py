"""Generated edge cases of real tools: positions in UTF-16 or code points, a BOM, CRLF, bare and outside
source paths, one message per passage, Taguette's repeated rows and dotted child tags."""

from __future__ import annotations

import pytest

from components.qda import read_qda_file
from components.qda.folder import project_dataset
from components.qda.mapping import guess_mapping
from components.qda.model import QdaError
from tests.fixtures.qda import projects as fixtures

# Emoji (each 2 UTF-16 code units) before every selection, and one inside the last.
TEXT = "Intro 😀😀 text.\nFirst 🙂 we never meet.\nThen 🚀🚀🚀 sitting together helps 👍 a lot.\nEnd."
PASSAGES = ["we never meet.", "sitting together helps 👍 a lot."]


def utf16_span(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    units = lambda part: len(part.encode("utf-16-le")) // 2  # noqa: E731
    return units(text[:start]), units(text[:start]) + units(passage)


def project(text: str, spans: list[tuple[int, int]], origin: str, raw_text: bytes | None = None) -> bytes:
    selections = [fixtures.Selection(300 + number, start, end, [11]) for number, (start, end) in enumerate(spans)]
    xml, files = fixtures.project_xml([fixtures.TextSource(201, "Interview", text, selections)], inline=False)
    xml = xml.replace('origin="fixture builder"', f'origin="{origin}"')
    if raw_text is not None:
        files = {name: raw_text for name in files}
    return fixtures.qdpx(xml, files)


def evidence(raw: bytes) -> list[str]:
    opened = read_qda_file("study.qdpx", raw)
    return list(project_dataset(opened, guess_mapping(opened)).findings["evidence"])


def reading_note(raw: bytes) -> str:
    return next(note for note in read_qda_file("study.qdpx", raw).notes if "Character positions" in note)


class TestPositions:
    def test_nvivo_utf16_positions_land_on_their_words(self):
        raw = project(TEXT, [utf16_span(TEXT, passage) for passage in PASSAGES], "NVivo for Windows 12.6")
        assert evidence(raw) == PASSAGES
        assert "read as UTF-16 code units (an emoji counts 2), as NVivo counts them" in reading_note(raw)

    def test_code_point_positions_of_other_tools_land_on_their_words(self):
        spans = [(TEXT.index(passage), TEXT.index(passage) + len(passage)) for passage in PASSAGES]
        raw = project(TEXT, spans, "QualCoder 3.6")
        assert evidence(raw) == PASSAGES
        assert "read as Unicode code points (an emoji counts 1)" in reading_note(raw)

    def test_a_file_that_says_nvivo_but_counts_code_points_is_read_as_it_counts(self):
        text = " ".join(["Word 😀 here."] * 40 + ["we never meet."] * 40)
        spans = [(match, match + len("we never meet.")) for match in _all(text, "we never meet.")]
        raw = project(text, spans, "NVivo for Mac 12.7.0")
        assert set(evidence(raw)) == {"we never meet."}
        assert "this overrules what the file's origin ('NVivo for Mac 12.7.0') suggests" in reading_note(raw)

    def test_a_byte_order_mark_is_not_text(self):
        spans = [utf16_span(TEXT, passage) for passage in PASSAGES]
        raw = project(TEXT, spans, "NVivo for Windows 12.6", raw_text=b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
        assert evidence(raw) == PASSAGES

    def test_crlf_line_ends_never_reach_the_evidence(self):
        text = "Q: Why?\r\nA: Because\r\nwe never meet.\r\nEnd."
        passage = "Because\r\nwe never meet."
        start = text.index(passage)
        raw = project(text, [(start, start + len(passage))], "QualCoder 3.6")
        assert evidence(raw) == ["Because\nwe never meet."]

    def test_a_lone_carriage_return_is_a_line_end_too(self):
        text = "A: Because\rwe never meet."
        raw = project(text, [(3, len(text))], "QualCoder 3.6")
        assert evidence(raw) == ["Because\nwe never meet."]


def _all(text: str, passage: str) -> list[int]:
    found, position = [], text.find(passage)
    while position >= 0:
        found.append(position)
        position = text.find(passage, position + 1)
    return found


SOURCE_GUID = fixtures.guid(201)


def with_path(path: str, entry: str) -> bytes:
    text = "We never have time to meet."
    selection = fixtures.Selection(301, 0, len(text), [11])
    xml, _ = fixtures.project_xml([fixtures.TextSource(201, "Interview", text, [selection])], inline=False)
    xml = xml.replace(f'plainTextPath="internal://{SOURCE_GUID}.txt"', f'plainTextPath="{path}"')
    return fixtures.qdpx(xml, {entry: text.encode("utf-8")})


class TestSourcePaths:
    @pytest.mark.parametrize(
        ("path", "entry"),
        [
            ("board_2017.txt", "sources/board_2017.txt"),
            ("board_2017.txt", "Sources/BOARD_2017.TXT"),
            ("sources/board_2017.txt", "sources/board_2017.txt"),
            ("./board_2017.txt", "sources/board_2017.txt"),
            ("internal://board_2017.txt", "SOURCES/board_2017.txt"),
        ],
    )
    def test_a_bare_or_relative_path_inside_the_zip_opens(self, path, entry):
        assert evidence(with_path(path, entry)) == ["We never have time to meet."]

    @pytest.mark.parametrize(
        "path",
        [
            "file:///home/me/board_2017.txt",
            "relative:///board_2017.txt",
            "../board_2017.txt",
            "/home/me/board_2017.txt",
            "C:\\Users\\me\\board_2017.txt",
            "internal://../board_2017.txt",
        ],
    )
    def test_a_path_outside_the_project_is_refused_with_what_to_do(self, path):
        with pytest.raises(QdaError) as raised:
            read_qda_file("study.qdpx", with_path(path, "sources/board_2017.txt"))
        message = raised.value.problems[0].message
        assert f"its text file '{path}' is outside the project" in message
        assert "Export the project again from your QDA tool as a .qdpx with its sources included" in message


def test_a_passage_past_the_end_coded_three_times_is_named_once_with_its_codes():
    text = "Short text."
    selections = [fixtures.Selection(301 + number, 5, 500, [code]) for number, code in enumerate((11, 12, 21))]
    xml, files = fixtures.project_xml([fixtures.TextSource(201, "Interview", text, selections)], inline=False)
    with pytest.raises(QdaError) as raised:
        read_qda_file("study.qdpx", fixtures.qdpx(xml, files))
    problems = raised.value.problems
    assert len(problems) == 1
    assert problems[0].message == (
        "the selection starting at character 5 ends at character 500, past the end of the text of 'Interview', "
        "which has 11 characters. It is coded with 'Time pressure', 'Different priorities', 'Co-location'."
    )


TAGUETTE = (
    b"id,document,tag,content\r\n"
    b"1,transcript,purpose,It helped me.\r\n"
    b"2,transcript,barriers,Too busy.\r\n"
    b"3,transcript,barriers,Too many.\r\n"
    b"3,transcript,barriers.workload,Too many.\r\n"
    b"3,transcript,barriers,Too many.\r\n"
    b"3,transcript,barriers.workload,Too many.\r\n"
    b'4,transcript,what helps,"Two\r\nlines."\r\n'
)


class TestTaguette:
    def test_one_statement_per_highlight_and_tag_and_the_repeats_are_said(self):
        opened = read_qda_file("highlights.csv", TAGUETTE)
        dataset = project_dataset(opened, guess_mapping(opened))
        assert len(dataset.findings) == 5
        assert any("2 row(s) repeat a highlight with the same tag" in note for note in opened.notes)

    def test_a_dotted_tag_is_the_child_theme_under_its_top_level_category(self):
        opened = read_qda_file("highlights.csv", TAGUETTE)
        dataset = project_dataset(opened, guess_mapping(opened))
        assert [code.name for code in opened.top_level_codes] == ["purpose", "barriers", "what helps"]
        child = dataset.findings[dataset.findings["theme"] == "workload"]
        assert list(child["category"].astype(str)) == ["barrier"]
        assert list(child["evidence"]) == ["Too many."]

    def test_a_line_end_inside_a_highlight_is_lf(self):
        opened = read_qda_file("highlights.csv", TAGUETTE)
        assert "Two\nlines." in {segment.text for segment in opened.segments}
