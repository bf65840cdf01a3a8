"""The loader: the bundled study loads; every kind of bad file names its file, row, column and a plain message;
every encoding and dialect a spreadsheet writes is read; random input never raises anything but DatasetError."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data.dataset import (
    BUNDLED_DATA_DIR,
    CATEGORIES,
    FINDINGS_SPEC,
    LINKS_SPEC,
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    RECOMMENDATIONS_SPEC,
    Dataset,
    DatasetError,
    Problem,
    build_dataset,
    decode_text,
    load_dataset_dir,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
F, R, L = "findings.csv", "recommendations.csv", "links.csv"
EXPORT = "Open it in your spreadsheet and use File > Save As > 'CSV UTF-8 (comma delimited)', then upload that."
WORKBOOK = (
    "Upload CSV files, not the workbook: in Excel use File > Save As > 'CSV UTF-8 (comma delimited)' for each "
    "sheet (in Google Sheets, File > Download > Comma-separated values), then upload those."
)
BLANK = "this cell is blank; every row needs a value here."
EMPTY = (
    "the file is empty. It needs a header row with the columns finding_id, group, category, theme, statement, "
    "then one row per item."
)
NO_RECS = " (no recommendations.csv was given, so links can only use finding ids)"
HEADER = "finding_id,group,category,theme,statement\n"


def load_case(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def problems_of(files: dict[str, bytes]) -> list[tuple]:
    with pytest.raises(DatasetError) as caught:
        build_dataset(files, name="test")
    return [(p.file, p.row, p.column, p.message) for p in caught.value.problems]


class TestBundledStudy:
    def test_loads_every_table(self):
        dataset = load_dataset_dir()
        assert isinstance(dataset, Dataset)
        assert dataset.is_bundled
        assert len(dataset.findings) == 35
        assert len(dataset.recommendations) == 15
        assert len(dataset.links) == 40
        assert not dataset.glossary.empty
        assert dataset.study["licence"].startswith("Creative Commons")

    def test_ids_are_the_documented_ranges(self):
        dataset = load_dataset_dir()
        assert dataset.findings["finding_id"].tolist() == [f"F{n:03d}" for n in range(1, 36)]
        assert dataset.recommendations["recommendation_id"].tolist() == [f"R{n:02d}" for n in range(1, 16)]

    def test_rows_are_numbered_as_a_spreadsheet_shows_them(self):
        findings = load_dataset_dir().findings
        assert findings["_row"].iloc[0] == "2"
        assert findings["_row"].iloc[-1] == str(len(findings) + 1)

    def test_coded_columns_are_categorical(self):
        findings = load_dataset_dir().findings
        assert list(findings["category"].cat.categories) == list(CATEGORIES)
        assert set(findings["basis"]) <= {"stated", "inferred"}

    def test_every_link_points_at_an_existing_id(self):
        dataset = load_dataset_dir()
        known = set(dataset.findings["finding_id"]) | set(dataset.recommendations["recommendation_id"])
        assert set(dataset.links["from_id"]) <= known
        assert set(dataset.links["to_id"]) <= known

    def test_a_self_assessment_item_must_point_at_a_finding(self):
        findings = b"finding_id,group,category,theme,statement\nF1,Team A,barrier,Time,Not enough time.\n"
        items = b"item_id,theme,statement,finding_id\nA1,Time,We have time.,F1\nA2,Time,We meet.,F9\n"
        with pytest.raises(DatasetError) as error:
            build_dataset({"findings.csv": findings, "assessment_items.csv": items}, name="x")
        assert error.value.problems == [
            Problem("assessment_items.csv", 3, "finding_id", "'F9' is not a finding_id in this dataset.")
        ]

    def test_groups_put_the_shared_group_last(self):
        assert load_dataset_dir().groups == ["MHSW", "CSW", "All"]

    def test_a_copy_of_the_folder_is_not_marked_bundled(self, tmp_path):
        for name in ("findings.csv", "links.csv", "recommendations.csv"):
            (tmp_path / name).write_bytes((BUNDLED_DATA_DIR / name).read_bytes())
        dataset = load_dataset_dir(tmp_path, name="copy")
        assert not dataset.is_bundled
        assert dataset.study == {}
        assert dataset.name == "copy"


# Every bad file in tests/fixtures/bad/<case>/ and the exact problems it must produce: (file, row, column, message).
BAD_CASES: dict[str, list[tuple]] = {
    "empty_file": [(F, None, None, EMPTY)],
    "blank_lines_only": [(F, None, None, EMPTY)],
    "header_only": [
        (F, None, None, "the file has a header row but no data rows. Add one row per item under the header.")
    ],
    "no_header_row": [
        (
            F,
            1,
            None,
            "the first row must be the header naming the columns (finding_id, group, category, theme, statement); "
            "none of those names is in it.",
        )
    ],
    "missing_column": [(F, 1, "theme", "the required column 'theme' is missing.")],
    "misspelt_columns": [
        (F, 1, "group", "the required column 'group' is missing. The header has 'grop': is that a misspelling?"),
        (
            F,
            1,
            "statement",
            "the required column 'statement' is missing. The header has 'statment': is that a misspelling?",
        ),
    ],
    "duplicate_header": [(F, 1, "group", "the column 'Group' appears twice.")],
    "duplicate_id": [
        (F, 2, "finding_id", "the id 'F001' is used more than once (rows 2, 4); each id must be unique."),
        (F, 4, "finding_id", "the id 'F001' is used more than once (rows 2, 4); each id must be unique."),
    ],
    "unknown_category": [
        (
            F,
            3,
            "category",
            "'barier' is not an allowed value. Use one of: purpose, barrier, enabler, perception, observation. "
            "Did you mean 'barrier'?",
        )
    ],
    "blank_required_cell": [(F, 3, "theme", BLANK)],
    "dangling_link": [(L, 3, "to_id", f"'F999' is not a finding_id or recommendation_id in this dataset{NO_RECS}.")],
    "dangling_link_to_recommendation_without_file": [
        (L, 2, "from_id", f"'R01' is not a finding_id or recommendation_id in this dataset{NO_RECS}.")
    ],
    "unknown_link_basis": [
        (L, 2, "basis", "'guessed' is not an allowed value. Use one of: stated, inferred (or leave it blank).")
    ],
    "blank_link_end": [(L, 2, "to_id", BLANK)],
    "recommendation_id_clash": [
        (
            R,
            2,
            "recommendation_id",
            "the id 'F001' is also a finding_id; links need ids to be unique across both files.",
        )
    ],
    "unknown_cop_element": [
        (
            R,
            2,
            "cop_element",
            "'mutual engagment' is not an allowed value. Use one of: mutual engagement, joint enterprise, "
            "shared repertoire (or leave it blank). Did you mean 'mutual engagement'?",
        )
    ],
    "unbalanced_quote": [
        (
            F,
            3,
            None,
            'a quote mark (") opened in this row is never closed, so the rest of the file cannot be read. '
            "Close the quote or remove it.",
        )
    ],
    "stray_quote_in_quoted_cell": [
        (
            F,
            3,
            None,
            "this row cannot be read because of its quote marks: a cell that starts with a quote mark must end "
            'with one, and a quote mark inside such a cell is written twice (""). Check this row and the one '
            "before it.",
        )
    ],
    "ragged_row": [
        (
            F,
            3,
            None,
            "this row has 7 cells but the header has 5. Check for a stray comma, or a cell with a comma that "
            "needs quote marks around it.",
        )
    ],
    "cell_too_long": [(F, 2, "statement", "this cell has 5,001 characters; the limit is 5,000. Shorten it.")],
    "findings_missing": [(F, None, None, "findings.csv is required and was not given.")],
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
    # Every file's problems at once, listed file by file in the order a user meets them, then by row.
    "problems_in_every_file": [
        (F, 3, "group", BLANK),
        (R, 2, "audience", BLANK),
        (R, 2, "recommendation_id", "the id 'R01' is used more than once (rows 2, 3); each id must be unique."),
        (R, 3, "recommendation_id", "the id 'R01' is used more than once (rows 2, 3); each id must be unique."),
        (L, 3, "basis", "'maybe' is not an allowed value. Use one of: stated, inferred (or leave it blank)."),
        (L, 3, "to_id", "'F404' is not a finding_id or recommendation_id in this dataset."),
    ],
}


class TestBadFiles:
    def test_every_fixture_has_an_expected_result(self):
        on_disk = {folder.name for folder in (FIXTURES / "bad").iterdir() if folder.is_dir()}
        assert on_disk == set(BAD_CASES)

    @pytest.mark.parametrize("case", sorted(BAD_CASES))
    def test_names_file_row_column_and_message(self, case):
        assert problems_of(load_case(FIXTURES / "bad" / case)) == BAD_CASES[case]

    def test_the_error_lists_problems_as_text(self):
        with pytest.raises(DatasetError) as caught:
            build_dataset(load_case(FIXTURES / "bad" / "unknown_category"), name="test")
        assert str(caught.value).startswith("findings.csv, row 3, column 'category': 'barier' is not an allowed")

    def test_notes_survive_a_failed_check(self):
        files = {F: (HEADER.rstrip("\n") + ",Coder\nF1,A,barier,t,caf\xe9,x\n").encode("cp1252")}
        with pytest.raises(DatasetError) as caught:
            build_dataset(files, name="test")
        assert any("Windows-1252" in note for note in caught.value.notes)
        assert any("'Coder'" in note for note in caught.value.notes)

    def test_a_broken_findings_file_does_not_also_flag_every_link(self):
        files = {
            F: (HEADER + "F1,A,barrier,t,x\nF2,A,barrier,t,y,stray\n").encode(),
            L: b"from_id,to_id,relation\nF2,F1,overcomes\n",
        }
        assert [(p.file, p.row) for p in _problems(files)] == [(F, 3)]


def _problems(files: dict[str, bytes]) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        build_dataset(files, name="test")
    return caught.value.problems


GOOD_STATEMENTS = ["“No time” – café meetings were cut.", "Sitting together helps."]
UTF16_NOTE = "findings.csv: read as UTF-16 (its byte order mark says so)."
GOOD_CASES: dict[str, tuple[str, ...]] = {
    "utf8": (),
    "utf8_bom": (),
    "utf16_le_bom": (UTF16_NOTE,),
    "utf16_be_bom": (UTF16_NOTE,),
    "windows_1252": (
        "findings.csv: not valid UTF-8, so it was read as Windows-1252 (the encoding older Excel uses); "
        "check that accents and curly quotes look right.",
    ),
    "excel_unicode_text": (UTF16_NOTE, "findings.csv: columns are separated by tabs, not commas; read that way."),
    "semicolons": ("findings.csv: columns are separated by semicolons, not commas; read that way.",),
    "header_case_and_spaces": (),
    "extra_columns": ("findings.csv: the column(s) 'Coder' are not part of the format, so the app ignores them.",),
    "lf_line_endings_and_trailing_blank_rows": (),
    "capitalised_codes": (),
}


class TestGoodFiles:
    def test_every_fixture_has_an_expected_result(self):
        assert {folder.name for folder in (FIXTURES / "good").iterdir()} == set(GOOD_CASES)

    @pytest.mark.parametrize("case", sorted(GOOD_CASES))
    def test_reads_the_text_exactly_with_its_notes(self, case):
        dataset = build_dataset(load_case(FIXTURES / "good" / case), name="test")
        assert dataset.findings["statement"].tolist() == GOOD_STATEMENTS
        assert dataset.findings["evidence"].tolist() == ["‘Quoted’ words", ""]
        assert dataset.findings["category"].astype(str).tolist() == ["barrier", "enabler"]
        assert dataset.notes == GOOD_CASES[case]

    def test_extra_columns_are_not_in_the_tables(self):
        dataset = build_dataset(load_case(FIXTURES / "good" / "extra_columns"), name="test")
        assert "Coder" not in dataset.findings.columns
        assert "coder" not in dataset.findings.columns

    def test_missing_optional_tables_are_empty_with_their_columns(self):
        dataset = build_dataset(load_case(FIXTURES / "good" / "utf8"), name="mine")
        assert dataset.recommendations.empty
        assert set(RECOMMENDATIONS_SPEC.columns) <= set(dataset.recommendations.columns)
        assert set(LINKS_SPEC.columns) <= set(dataset.links.columns)
        assert dataset.study == {}
        assert not dataset.is_bundled
        assert dataset.groups == ["MHSW", "CSW"]

    def test_basis_defaults_follow_the_evidence(self):
        dataset = build_dataset(load_case(FIXTURES / "good" / "utf8"), name="mine")
        assert dataset.findings["basis"].astype(str).tolist() == ["stated", "inferred"]
        assert dataset.findings["theme_basis"].tolist() == ["stated", "stated"]

    def test_file_names_are_matched_without_folder_or_case(self):
        files = {"some/folder/Findings.CSV": load_case(FIXTURES / "good" / "utf8")[F]}
        assert len(build_dataset(files, name="x").findings) == 2


class TestRowsAndLimits:
    def test_rows_count_line_breaks_inside_cells_as_one_row_and_blank_rows_as_rows(self):
        text = HEADER + 'F1,A,barrier,t,"two\nlines"\n,,,,\nF2,A,barrier,t,x\nF1,A,barrier,t,y\n'
        problems = _problems({F: text.encode()})
        assert [(p.row, p.column) for p in problems] == [(2, "finding_id"), (5, "finding_id")]
        assert problems[0].message == "the id 'F1' is used more than once (rows 2, 5); each id must be unique."

    def test_a_header_after_blank_rows_keeps_its_row_number(self):
        problems = _problems({F: ("\n\n" + HEADER.replace("theme,", "")).encode() + b"F1,A,barrier,x\n"})
        assert [(p.row, p.column) for p in problems] == [(3, "theme")]

    def test_trailing_empty_cells_are_harmless(self):
        dataset = build_dataset({F: (HEADER + "F1,A,barrier,t,x,,\n").encode()}, name="x")
        assert dataset.findings["statement"].tolist() == ["x"]

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
        message = _problems({F: buffer.getvalue()})[0].message
        assert message.startswith("this is an Excel workbook (.xlsx), not a CSV text file.")

    def test_an_id_repeated_many_times_lists_the_first_rows_and_a_count(self):
        problems = _problems({F: (HEADER + "F1,A,barrier,t,x\n" * 25).encode()})
        assert len(problems) == 25
        assert problems[0].message == (
            "the id 'F1' is used more than once (rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 15 more); "
            "each id must be unique."
        )

    def test_exactly_the_size_limit_is_read(self):
        body = (HEADER + "F1,A,barrier,t,x\n").encode()
        raw = body + b"\n" * (MAX_FILE_BYTES - len(body))
        assert len(raw) == MAX_FILE_BYTES
        assert len(build_dataset({F: raw}, name="x").findings) == 1

    def test_too_many_rows(self):
        rows = "".join(f"F{n},A,barrier,t,x\n" for n in range(MAX_ROWS + 1))
        assert problems_of({F: (HEADER + rows).encode()}) == [
            (F, None, None, "the file has more than 20,000 rows; split it.")
        ]

    def test_the_row_limit_itself_is_read(self):
        rows = "".join(f"F{n},A,barrier,t,x\n" for n in range(MAX_ROWS))
        assert len(build_dataset({F: (HEADER + rows).encode()}, name="x").findings) == MAX_ROWS

    def test_a_cell_past_the_csv_field_limit_is_named(self):
        raw = (HEADER + 'F1,A,barrier,t,"' + "x" * 200_000 + '"\n').encode()
        problems = _problems({F: raw})
        assert [(p.row, p.column) for p in problems] == [(2, None)]
        assert problems[0].message.startswith("a cell starting in this row runs on for more than 100,000 characters")

    def test_a_cell_at_the_length_limit_is_read(self):
        raw = (HEADER + "F1,A,barrier,t," + "x" * MAX_CELL_CHARS + "\n").encode()
        assert build_dataset({F: raw}, name="x").findings["statement"].str.len().tolist() == [MAX_CELL_CHARS]

    def test_summary_shows_fifty_then_how_many_more(self):
        rows = "".join(f"F{n},,barrier,t,x\n" for n in range(60))
        with pytest.raises(DatasetError) as caught:
            build_dataset({F: (HEADER + rows).encode()}, name="x")
        lines = caught.value.summary().splitlines()
        assert len(caught.value.problems) == 60
        assert len(lines) == 51
        assert lines[-1] == "… and 10 more"


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


# ---------------------------------------------------------------------------------------------
# Property-based: whatever arrives, the loader answers with a Dataset or a DatasetError, nothing else.

cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
column_names = st.sampled_from([*FINDINGS_SPEC.columns, "Finding ID", " GROUP ", "extra", "", "Theme"]) | cell_text


@st.composite
def random_tables(draw) -> bytes:
    header = draw(st.lists(column_names, min_size=0, max_size=8))
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(cell_text | st.sampled_from(CATEGORIES), min_size=max(0, width - 1), max_size=width + 1),
            max_size=6,
        )
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()):
        text = text.replace('"', "", draw(st.integers(0, 2)))  # break the quoting now and then
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


@st.composite
def valid_findings(draw) -> list[dict[str, str]]:
    words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
    clean = words.map(str.strip).filter(bool)
    count = draw(st.integers(1, 8))
    return [
        {
            "finding_id": f"F{index}",
            "group": draw(clean),
            "category": draw(st.sampled_from(CATEGORIES)),
            "theme": draw(clean),
            "statement": draw(clean),
        }
        for index in range(count)
    ]


class TestNeverCrashes:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(raw=st.binary(max_size=400))
    def test_random_bytes(self, raw):
        _build_or_dataset_error({F: raw})

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(findings=random_tables(), links=st.none() | random_tables(), recs=st.none() | random_tables())
    def test_random_tables(self, findings, links, recs):
        files = {F: findings}
        if links is not None:
            files[L] = links
        if recs is not None:
            files[R] = recs
        _build_or_dataset_error(files)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rows=valid_findings(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    def test_a_valid_table_reads_back_exactly(self, rows, encoding):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(FINDINGS_SPEC.required))
        writer.writeheader()
        writer.writerows(rows)
        dataset = build_dataset({F: buffer.getvalue().encode(encoding)}, name="x")
        read = dataset.findings[list(FINDINGS_SPEC.required)].astype(str)
        assert read.to_dict("records") == rows


def _build_or_dataset_error(files: dict[str, bytes]) -> None:
    dataset, problems = None, []
    try:
        dataset = build_dataset(files, name="fuzz")
    except DatasetError as error:
        problems = error.problems
        if not problems:
            raise AssertionError("a DatasetError must name at least one problem") from error
    for problem in problems:
        assert problem.file in {F, L, R}
        assert problem.message
        assert problem.row is None or problem.row >= 1
    if dataset is None:
        return
    assert isinstance(dataset.findings, pd.DataFrame)
    assert not dataset.findings.empty
    assert (dataset.findings["finding_id"] != "").all()


class TestFingerprint:
    """The digest caches key on: the same content gives the same digest, any changed byte a different one."""

    @staticmethod
    def bundled_files() -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in BUNDLED_DATA_DIR.glob("*.csv")}

    def test_same_content_same_fingerprint(self):
        first = build_dataset(self.bundled_files(), name="study")
        second = build_dataset(dict(reversed(list(self.bundled_files().items()))), name="study")
        assert len(first.fingerprint) == 64
        assert first.fingerprint == second.fingerprint

    def test_bundled_folder_loads_with_a_stable_fingerprint(self):
        assert load_dataset_dir().fingerprint == load_dataset_dir().fingerprint
        assert load_dataset_dir().fingerprint != build_dataset(self.bundled_files(), name="study").fingerprint

    def test_one_changed_cell_changes_the_fingerprint(self):
        files = self.bundled_files()
        changed = dict(files)
        changed[F] = files[F].replace(b"Face to face contact builds relationships.", b"Face to face contact helps.", 1)
        assert changed[F] != files[F]
        assert build_dataset(changed, name="study").fingerprint != build_dataset(files, name="study").fingerprint

    def test_study_metadata_and_name_are_part_of_it(self):
        files = self.bundled_files()
        plain = build_dataset(files, name="study")
        assert build_dataset(files, name="study", study={"licence": "CC BY"}).fingerprint != plain.fingerprint
        assert build_dataset(files, name="another").fingerprint != plain.fingerprint


class TestRelations:
    """Link relations are normalised like categories, so every page words an uploaded link the same way."""

    FINDINGS = b"finding_id,group,category,theme,statement\nF1,Adult,barrier,Time,No time to meet.\n"
    RECOMMENDATIONS = b"recommendation_id,audience,text\nR1,Managers,Protect time for joint meetings.\n"

    def upload(self, relations: list[str]):
        links = "from_id,to_id,relation\n" + "".join(f"R1,F1,{relation}\n" for relation in relations)
        return build_dataset({F: self.FINDINGS, R: self.RECOMMENDATIONS, L: links.encode()}, name="upload")

    def test_known_relations_match_whatever_their_case_and_spacing(self):
        dataset = self.upload(["Addresses", "BUILDS  ON", " Overcomes "])
        assert dataset.links["relation"].tolist() == ["addresses", "builds on", "overcomes"]

    def test_other_relations_are_kept_as_written(self):
        assert self.upload(["Leads to"]).links["relation"].tolist() == ["Leads to"]

    def test_network_and_explore_word_an_uploaded_addresses_alike(self):
        from components import search
        from components.network.graph import GraphFilters, build_graph
        from components.network.text import node_links

        dataset = self.upload(["Addresses"])
        graph = build_graph(dataset, GraphFilters())
        phrases = node_links(graph, "F1")["phrase"].tolist()
        assert phrases == ["addressed by"]
        assert search.relation_heading(dataset.links["relation"].iloc[0], outgoing=False) == "Addressed by"
