"""The sentences and tables under the compare charts."""

from __future__ import annotations

from components import compare
from components.data.vocabulary import SHARED_GROUP
from tests.components.compare.small import TWO_GROUPS, findings


class TestThemeSummary:
    def test_names_the_widest_difference_with_its_counts(self):
        summary = compare.theme_summary(compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"]))
        assert summary.startswith("Why collaborate: A has 3 coded statements on 2 themes; B has 4")
        assert "They share 1 theme." in summary
        assert "The biggest difference is on “Only B” (A 0, B 3)." in summary
        assert "1 coded statement on 1 theme are common ground" in summary
        assert "%" not in summary

    def test_equal_counts_say_so(self):
        summary = compare.theme_summary(compare.compare_themes(TWO_GROUPS, "barrier", ["A", "B"]))
        assert "They share 1 theme, with the same count on each." in summary

    def test_neither_group_has_statements_of_its_own(self):
        data = findings(("A", "enabler", "Desk"), (SHARED_GROUP, "enabler", "Tea"), ("B", "barrier", "Time"))
        summary = compare.theme_summary(compare.compare_themes(data, "enabler", ["B", "C"]))
        assert "B has none; C has none. Neither group has statements of its own here." in summary

    def test_only_one_side_speaks(self):
        data = findings(("A", "enabler", "Desk"), ("B", "barrier", "Time"))
        assert "Only A has statements of its own here." in compare.theme_summary(
            compare.compare_themes(data, "enabler", ["A", "B"])
        )

    def test_one_group(self):
        one = findings(("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Rota"))
        summary = compare.theme_summary(compare.compare_themes(one, "barrier", ["Nurses"]))
        assert summary == (
            "Barriers: Nurses has 3 coded statements on 2 themes. It says most about “Time” (2 coded statements)."
        )

    def test_empty(self):
        summary = compare.theme_summary(compare.compare_themes(TWO_GROUPS, "perception", ["A", "B"]))
        assert summary == "Differing views: no coded statements for A or B."
