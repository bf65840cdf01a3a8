"""The rating scale: reading typed ratings, widget labels, and how scores and counts are written."""

from __future__ import annotations

import pytest

from components.assessment import scale
from components.assessment.scale import DONT_KNOW, FULLY, NOT_IN_PLACE, PARTLY


class TestRatings:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("fully", FULLY),
            ("Fully in place", FULLY),
            ("  PARTLY ", PARTLY),
            ("Not in place", NOT_IN_PLACE),
            ("don’t know", DONT_KNOW),  # a spreadsheet's curly apostrophe
            ("Don't know", DONT_KNOW),
            ("sometimes", None),
            ("", None),
            ("2", None),
        ],
    )
    def test_normalise_rating(self, typed, expected):
        assert scale.normalise_rating(typed) == expected

    def test_plain_label_removes_markdown_controls(self):
        assert scale.plain_label("a [link](javascript:x) **b** <i>c</i>") == "a link (javascript:x) b i c /i"


class TestFormatScore:
    @pytest.mark.parametrize(
        ("score", "text"),
        [
            (0.0, "0 out of 2"),
            (2.0, "2 out of 2"),
            (1.5, "1.5 out of 2"),
            (2 / 3, "0.67 out of 2"),
            (float("nan"), "not scored"),
        ],
    )
    def test_scores_read_as_out_of_2_never_as_a_percentage(self, score, text):
        assert scale.format_score(score) == text
        assert "%" not in scale.format_score(score)
