"""Parsing: delimiters, records numbered as a spreadsheet numbers them, headers matched to known columns, and the
row and cell limits."""

from __future__ import annotations

import pytest

from components.data.load import build_dataset
from components.data.vocabulary import (
    MAX_CELL_CHARS,
    MAX_ROWS,
)
from tests.components.data.loader_cases import (
    EMPTY,
    FIXTURES,
    HEADER,
    F,
    load_case,
    problems_of,
    raised_problems,
    reads_good_case,
)

# Every bad file in tests/fixtures/bad/<case>/ that parsing refuses, and its problems: (file, row, column, message).
BAD_FILES: dict = {
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
}

# Good files in tests/fixtures/good/<case>/ in other dialects, and the notes they give.
GOOD_FILES: dict = {
    "semicolons": ("findings.csv: columns are separated by semicolons, not commas; read that way.",),
    "header_case_and_spaces": (),
    "extra_columns": ("findings.csv: the column(s) 'Coder' are not part of the format, so the app ignores them.",),
    "lf_line_endings_and_trailing_blank_rows": (),
}


class TestBadFiles:
    @pytest.mark.parametrize("case", sorted(BAD_FILES))
    def test_names_file_row_column_and_message(self, case):
        assert problems_of(load_case(FIXTURES / "bad" / case)) == BAD_FILES[case]


class TestGoodFiles:
    @pytest.mark.parametrize("case", sorted(GOOD_FILES))
    def test_reads_the_text_exactly_with_its_notes(self, case):
        reads_good_case(case, GOOD_FILES[case])

    def test_extra_columns_are_not_in_the_tables(self):
        dataset = build_dataset(load_case(FIXTURES / "good" / "extra_columns"), name="test")
        assert "Coder" not in dataset.findings.columns
        assert "coder" not in dataset.findings.columns


class TestRowsAndLimits:
    def test_rows_count_line_breaks_inside_cells_as_one_row_and_blank_rows_as_rows(self):
        text = HEADER + 'F1,A,barrier,t,"two\nlines"\n,,,,\nF2,A,barrier,t,x\nF1,A,barrier,t,y\n'
        problems = raised_problems({F: text.encode()})
        assert [(p.row, p.column) for p in problems] == [(2, "finding_id"), (5, "finding_id")]
        assert problems[0].message == "the id 'F1' is used more than once (rows 2, 5); each id must be unique."

    def test_a_header_after_blank_rows_keeps_its_row_number(self):
        problems = raised_problems({F: ("\n\n" + HEADER.replace("theme,", "")).encode() + b"F1,A,barrier,x\n"})
        assert [(p.row, p.column) for p in problems] == [(3, "theme")]

    def test_trailing_empty_cells_are_harmless(self):
        dataset = build_dataset({F: (HEADER + "F1,A,barrier,t,x,,\n").encode()}, name="x")
        assert dataset.findings["statement"].tolist() == ["x"]

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
        problems = raised_problems({F: raw})
        assert [(p.row, p.column) for p in problems] == [(2, None)]
        assert problems[0].message.startswith("a cell starting in this row runs on for more than 100,000 characters")

    def test_a_cell_at_the_length_limit_is_read(self):
        raw = (HEADER + "F1,A,barrier,t," + "x" * MAX_CELL_CHARS + "\n").encode()
        assert build_dataset({F: raw}, name="x").findings["statement"].str.len().tolist() == [MAX_CELL_CHARS]
