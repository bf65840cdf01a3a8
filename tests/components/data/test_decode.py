"""Decoding: what a non-text file is, in a user's words, and every encoding a spreadsheet writes."""

from __future__ import annotations

import io
import zipfile

import pytest

from components.data.decode import decode_text
from components.data.load import build_dataset
from components.data.model import DatasetError
from components.data.vocabulary import (
    MAX_FILE_BYTES,
)
from tests.components.data.loader_cases import (
    EXPORT,
    FIXTURES,
    HEADER,
    UTF16_NOTE,
    WORKBOOK,
    F,
    load_case,
    problems_of,
    raised_problems,
    reads_good_case,
)

# Every bad file in tests/fixtures/bad/<case>/ that decoding refuses, and its problems: (file, row, column, message).
BAD_FILES: dict = {
    "png_image": [(F, None, None, f"this is a PNG image, not a CSV text file. {EXPORT}")],
    "jpeg_image": [(F, None, None, f"this is a JPEG image, not a CSV text file. {EXPORT}")],
    "pdf_document": [(F, None, None, f"this is a PDF document, not a CSV text file. {EXPORT}")],
    "excel_workbook": [(F, None, None, f"this is an Excel workbook (.xlsx), not a CSV text file. {WORKBOOK}")],
    "old_excel_workbook": [
        (F, None, None, f"this is an old-style Excel (.xls) or Word (.doc) file, not a CSV text file. {WORKBOOK}")
    ],
    "word_document": [(F, None, None, f"this is a Word document (.docx), not a CSV text file. {EXPORT}")],
    "opendocument_spreadsheet": [
        (F, None, None, f"this is an OpenDocument spreadsheet (.ods), not a CSV text file. {WORKBOOK}")
    ],
    "web_page": [(F, None, None, f"this is a web page or XML file, not a CSV text file. {EXPORT}")],
    "binary_data": [(F, None, None, f"this file holds binary data, not CSV text. {EXPORT}")],
    "utf16_without_bom": [
        (
            F,
            None,
            None,
            f"this looks like UTF-16 text without a byte order mark, which cannot be read reliably. {EXPORT}",
        )
    ],
    "undecodable_bytes": [(F, None, None, f"the text is in an encoding this app cannot read. {EXPORT}")],
    "bom_but_not_utf8": [
        (
            F,
            None,
            None,
            f"the file starts with a UTF-8 marker, but the text after it is not UTF-8 (byte 69 is not). {EXPORT}",
        )
    ],
}

# Good files in tests/fixtures/good/<case>/ in each encoding, and the notes they give.
GOOD_FILES: dict = {
    "utf8": (),
    "utf8_bom": (),
    "utf16_le_bom": (UTF16_NOTE,),
    "utf16_be_bom": (UTF16_NOTE,),
    "windows_1252": (
        "findings.csv: not valid UTF-8, so it was read as Windows-1252 (the encoding older Excel uses); "
        "check that accents and curly quotes look right.",
    ),
    "excel_unicode_text": (UTF16_NOTE, "findings.csv: columns are separated by tabs, not commas; read that way."),
}


class TestBadFiles:
    @pytest.mark.parametrize("case", sorted(BAD_FILES))
    def test_names_file_row_column_and_message(self, case):
        assert problems_of(load_case(FIXTURES / "bad" / case)) == BAD_FILES[case]


class TestGoodFiles:
    @pytest.mark.parametrize("case", sorted(GOOD_FILES))
    def test_reads_the_text_exactly_with_its_notes(self, case):
        reads_good_case(case, GOOD_FILES[case])


class TestSizeLimit:
    def test_over_the_size_limit_says_the_size_and_the_limit(self):
        raw = (HEADER + "F1,A,barrier,t,x\n").encode().ljust(MAX_FILE_BYTES + 40_000, b" ")
        assert problems_of({F: raw}) == [
            (
                F,
                None,
                None,
                "the file is 2.1 MB; the limit is 2 MB per file. Split it into smaller studies or remove columns "
                "the app does not use.",
            )
        ]

    def test_a_large_workbook_is_named_before_its_size(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
            archive.writestr("xl/worksheets/sheet1.xml", "x" * (MAX_FILE_BYTES + 1))
        message = raised_problems({F: buffer.getvalue()})[0].message
        assert message.startswith("this is an Excel workbook (.xlsx), not a CSV text file.")

    def test_exactly_the_size_limit_is_read(self):
        body = (HEADER + "F1,A,barrier,t,x\n").encode()
        raw = body + b"\n" * (MAX_FILE_BYTES - len(body))
        assert len(raw) == MAX_FILE_BYTES
        assert len(build_dataset({F: raw}, name="x").findings) == 1


class TestDecoding:
    @pytest.mark.parametrize(
        ("raw", "note"),
        [
            ("café “x”".encode(), None),
            ("café “x”".encode("utf-8-sig"), None),
            ("café “x”".encode("utf-16"), "read as UTF-16 (its byte order mark says so)"),
            ("café “x”".encode("cp1252"), "not valid UTF-8, so it was read as Windows-1252"),
        ],
    )
    def test_spreadsheet_encodings(self, raw, note):
        text, said = decode_text(F, raw)
        assert text == "café “x”"
        if note is None:
            assert said is None
        else:
            assert said.startswith(note)

    def test_a_header_starting_with_bm_is_not_taken_for_an_image(self):
        assert decode_text(F, b"BMI,group\n1,2\n")[0].startswith("BMI")

    def test_a_broken_zip_is_still_named(self):
        with pytest.raises(DatasetError) as caught:
            decode_text(F, b"PK\x03\x04 not really a zip")
        assert caught.value.problems[0].message.startswith("this is a zipped file (such as .zip, .docx or .xlsx)")
