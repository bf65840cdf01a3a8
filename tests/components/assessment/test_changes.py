"""What changed since an earlier answers file, per statement and per theme."""

from __future__ import annotations

import pandas as pd
import pytest

from components.assessment import changes
from components.assessment.scale import DONT_KNOW, FULLY, NOT_IN_PLACE, PARTLY
from tests.components.assessment.common import ITEMS


class TestChanges:
    ITEMS = ITEMS

    @pytest.mark.parametrize(
        ("earlier", "now", "change"),
        [
            (NOT_IN_PLACE, PARTLY, "better"),
            (FULLY, PARTLY, "worse"),
            (PARTLY, PARTLY, "same"),
            ("", FULLY, "not rated before"),
            (FULLY, "", "not rated now"),
            (DONT_KNOW, FULLY, "not comparable (don't know)"),
            (DONT_KNOW, DONT_KNOW, "same"),
            ("", "", "not rated either time"),
        ],
    )
    def test_rating_change(self, earlier, now, change):
        assert changes.rating_change(earlier, now) == change

    def test_item_and_theme_changes(self):
        earlier = {"a": NOT_IN_PLACE, "b": PARTLY, "c": FULLY}
        now = {"a": FULLY, "b": PARTLY, "c": PARTLY, "e": FULLY}
        items = changes.item_changes(self.ITEMS, earlier, now).set_index("item_id")
        assert items.loc["a", "change"] == "better"
        assert items.loc["c", "change"] == "worse"
        themes = changes.theme_changes(self.ITEMS, earlier, now).set_index("theme")
        assert themes.loc["T1", "earlier"] == 0.5
        assert themes.loc["T1", "now"] == 1.5
        assert themes.loc["T1", "change"] == 1.0
        assert themes.loc["T2", "change"] == -1.0
        assert pd.isna(themes.loc["T3", "change"])
        assert changes.describe_change(themes.loc["T1", "change"]) == "up 1"
        assert changes.describe_change(-0.5) == "down 0.5"
        assert changes.describe_change(0.0) == "no change"
        assert changes.describe_change(float("nan")) == "cannot compare"


class TestChangeWords:
    def test_each_theme_reads_then_now_and_the_change(self):
        lines = changes.theme_change_lines(ITEMS, {"a": NOT_IN_PLACE, "b": PARTLY}, {"a": FULLY, "b": PARTLY})
        assert lines[0] == "- **T1**: 0.5 out of 2 then, 1.5 out of 2 now (up 1)"
        assert lines[1] == "- **T2**: not scored then, not scored now (cannot compare)"
        assert len(lines) == 3

    def test_only_statements_that_moved_are_listed_with_both_ratings(self):
        item_changes = changes.item_changes(
            ITEMS, {"a": NOT_IN_PLACE, "c": FULLY, "d": PARTLY}, {"a": PARTLY, "c": PARTLY, "d": PARTLY}
        )
        assert changes.moved_lines(item_changes) == [
            "- Better: sa (not in place → partly)",
            "- Worse: sc (fully in place → partly)",
        ]
        assert changes.moved_lines(changes.item_changes(ITEMS, {}, {"a": FULLY})) == []

    def test_a_statement_from_a_file_is_shown_as_text(self):
        items = ITEMS.assign(statement=["[x](javascript:y)", "sb", "sc", "sd", "se"])
        lines = changes.moved_lines(changes.item_changes(items, {"a": PARTLY}, {"a": FULLY}))
        assert "](javascript" not in lines[0]
