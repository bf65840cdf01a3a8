"""The answers file: written for a spreadsheet, read back, and every malformed file named by row and column."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from components.assessment import answers_file
from components.assessment.scale import DONT_KNOW, FULLY, NOT_IN_PLACE, PARTLY
from components.data.model import DatasetError


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


class TestAnswersFile:
    def test_answers_frame_has_every_statement_its_rating_and_the_date(self, item_set):
        frame = answers_file.answers_frame(item_set.items, {"A01": PARTLY}, dt.date(2025, 3, 1))
        assert list(frame.columns) == list(answers_file.ANSWER_COLUMNS)
        assert len(frame) == len(item_set.items)
        assert frame.set_index("item_id").loc["A01", "rating"] == PARTLY
        assert frame.set_index("item_id").loc["A02", "rating"] == ""
        assert set(frame["assessed_on"]) == {"2025-03-01"}
        assert answers_file.answers_file_name(dt.date(2025, 3, 1)) == "self-assessment-answers-2025-03-01.csv"

    def test_a_downloaded_file_reads_back_to_the_same_answers(self, item_set):
        from components.data.exports import safe_csv_bytes

        answers = {"A01": PARTLY, "A04": NOT_IN_PLACE, "A07": DONT_KNOW, "A12": FULLY}
        raw = safe_csv_bytes(answers_file.answers_frame(item_set.items, answers, dt.date(2025, 3, 1)))
        earlier = answers_file.read_answers("answers.csv", raw, item_set.items)
        assert earlier.answers == answers
        assert earlier.assessed_on == "2025-03-01"

    def test_ratings_as_a_spreadsheet_may_write_them_are_accepted(self, item_set):
        raw = csv_bytes([["Item_ID", "Rating"], ["A01", "Fully in place"], ["A02", "don’t know"], ["A03", ""]])
        earlier = answers_file.read_answers("answers.csv", raw, item_set.items)
        assert earlier.answers == {"A01": FULLY, "A02": DONT_KNOW}
        assert earlier.assessed_on == ""

    def test_a_windows_1252_file_is_read_and_noted(self, item_set):
        raw = "item_id,rating,statement\r\nA01,partly,caf\xe9\r\n".encode("cp1252")
        earlier = answers_file.read_answers("old.csv", raw, item_set.items)
        assert earlier.answers == {"A01": PARTLY}
        assert any("Windows-1252" in note for note in earlier.notes)

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            (
                b"item_id,score\nA01,partly\n",
                "answers.csv, row 1, column 'rating': the required column 'rating' is missing",
            ),
            (b"statement,rating\nx,partly\n", "answers.csv, row 1, column 'item_id': the required column 'item_id'"),
            (
                b"item_id,rating\nA01,partly\nA02,sometimes\n",
                "answers.csv, row 3, column 'rating': 'sometimes' is not a rating",
            ),
            (
                b"item_id,rating\nA01,partly\nZ99,fully\n",
                "answers.csv, row 3, column 'item_id': 'Z99' is not a statement",
            ),
            (
                b"item_id,rating\nA01,partly\nA01,fully\n",
                "answers.csv, row 3, column 'item_id': 'A01' is answered twice (rows 2 and 3)",
            ),
            (b"item_id,rating\n,partly\n", "answers.csv, row 2, column 'item_id': this cell is blank"),
            (b"item_id,rating\nA01,partly,extra\n", "answers.csv, row 2: this row has 3 cells but the header has 2"),
            (b"item_id,rating\n", "answers.csv: the file has a header row but no data rows."),
            (b"", "answers.csv: the file is empty"),
            (b"\x89PNG\r\n\x1a\nrest", "answers.csv: this is a PNG image, not a CSV text file"),
            (b"PK\x03\x04zipped", "not a CSV text file"),
            (b'item_id,rating\n"A01,partly\n', "answers.csv, row 2: a quote mark"),
        ],
    )
    def test_a_malformed_file_names_file_row_and_column(self, item_set, raw, expected):
        with pytest.raises(DatasetError) as caught:
            answers_file.read_answers("answers.csv", raw, item_set.items)
        assert expected in caught.value.summary()

    def test_every_problem_is_reported_at_once(self, item_set):
        raw = b"item_id,rating\nA01,often\nZ1,fully\nA02,rarely\n"
        with pytest.raises(DatasetError) as caught:
            answers_file.read_answers("answers.csv", raw, item_set.items)
        assert [(problem.row, problem.column) for problem in caught.value.problems] == [
            (2, "rating"),
            (3, "item_id"),
            (4, "rating"),
        ]

    def test_a_file_with_no_ratings_reads_with_a_note(self, item_set):
        earlier = answers_file.read_answers("blank.csv", b"item_id,rating\nA01,\n", item_set.items)
        assert earlier.answers == {}
        assert "nothing to compare" in earlier.notes[-1]


class TestFileWords:
    def test_an_unreadable_file_lists_each_problem_escaped(self, item_set):
        raw = b"item_id,rating\nA01,often\n<b>Z1</b>,fully\n"
        with pytest.raises(DatasetError) as caught:
            answers_file.read_answers("answers.csv", raw, item_set.items)
        text = answers_file.file_error_markdown(caught.value)
        assert text.startswith("**This answers file could not be read.** Fix these and upload it again:\n\n- ")
        assert "row 2, column 'rating'" in text
        assert "<b>" not in text
        assert "more" not in text

    def test_a_file_with_many_problems_lists_the_first_and_counts_the_rest(self, item_set):
        raw = ("item_id,rating\n" + "".join(f"A01,bad{n}\n" for n in range(60))).encode()
        with pytest.raises(DatasetError) as caught:
            answers_file.read_answers("answers.csv", raw, item_set.items)
        text = answers_file.file_error_markdown(caught.value)
        assert text.count("\n- ") == answers_file.MAX_PROBLEMS_SHOWN + 1
        assert text.endswith(f"\n- … and {len(caught.value.problems) - answers_file.MAX_PROBLEMS_SHOWN} more")

    def test_the_comparison_says_when_the_earlier_answers_were_given(self):
        dated = answers_file.EarlierAnswers(answers={}, assessed_on="2025-03-01")
        assert answers_file.comparison_heading(dated) == "**What changed since the answers from 2025\\-03\\-01:**"
        undated = answers_file.EarlierAnswers(answers={}, assessed_on="")
        assert answers_file.comparison_heading(undated) == "**What changed since the answers in the file:**"
