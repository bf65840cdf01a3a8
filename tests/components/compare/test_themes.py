"""Compare themes: counts per group, theme order, statements and chart selections."""

from __future__ import annotations

import pandas as pd
import pytest

from components import compare
from components.data.vocabulary import SHARED_GROUP
from tests.components.compare.small import TWO_GROUPS, findings


class TestCompareThemes:
    def test_counts_coded_statements_per_theme_and_group(self):
        counts = compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"]).counts
        assert counts.loc["Only A"].to_dict() == {"A": 2, "B": 0, SHARED_GROUP: 0}
        assert counts.loc["Only B"].to_dict() == {"A": 0, "B": 3, SHARED_GROUP: 0}
        assert counts.loc["Shared aim"].to_dict() == {"A": 1, "B": 1, SHARED_GROUP: 0}

    def test_shared_statements_are_their_own_panel_not_added_to_groups(self):
        comparison = compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])
        assert comparison.panels == ["A", "B", SHARED_GROUP]
        assert comparison.counts.loc["Everyone"].to_dict() == {"A": 0, "B": 0, SHARED_GROUP: 1}
        assert int(comparison.counts["A"].sum()) == 3
        assert int(comparison.counts["B"].sum()) == 4

    def test_no_common_ground_panel_when_the_category_has_none(self):
        data = TWO_GROUPS[TWO_GROUPS["group"] != SHARED_GROUP]
        assert compare.compare_themes(data, "purpose", ["A", "B"]).panels == ["A", "B"]

    def test_one_theme_order_left_leaning_then_even_then_right_leaning(self):
        comparison = compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])
        assert comparison.themes == ["Only A", "Shared aim", "Everyone", "Only B"]

    def test_swapping_sides_mirrors_the_order(self):
        comparison = compare.compare_themes(TWO_GROUPS, "purpose", ["B", "A"])
        assert comparison.themes == ["Only B", "Shared aim", "Everyone", "Only A"]
        assert comparison.panels == ["B", "A", SHARED_GROUP]

    def test_one_group_alone(self):
        one = findings(("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Rota"))
        comparison = compare.compare_themes(one, "barrier", ["Nurses"])
        assert comparison.panels == ["Nurses"]
        assert comparison.counts["Nurses"].to_dict() == {"Time": 2, "Rota": 1}

    def test_many_groups_count_only_the_two_chosen(self):
        many = findings(*[(f"G{n}", "barrier", f"Theme {n % 3}") for n in range(12)])
        comparison = compare.compare_themes(many, "barrier", ["G4", "G7"])
        assert comparison.panels == ["G4", "G7"]
        assert int(comparison.counts.to_numpy().sum()) == 2
        assert set(comparison.themes) == {"Theme 1"}

    def test_shared_group_is_never_a_side(self):
        comparison = compare.compare_themes(TWO_GROUPS, "barrier", [SHARED_GROUP, "A"])
        assert comparison.panels == ["A", SHARED_GROUP]

    def test_empty_category(self):
        comparison = compare.compare_themes(TWO_GROUPS, "perception", ["A", "B"])
        assert comparison.is_empty
        assert comparison.themes == []

    def test_inferred_theme_names_are_known(self):
        comparison = compare.compare_themes(TWO_GROUPS, "barrier", ["A", "B"])
        assert comparison.inferred_themes == frozenset({"Time"})
        table = compare.theme_table(comparison)
        assert table.loc[table["Theme"] == "Time", "Theme name"].item() == "this app's coding (inferred)"

    def test_does_not_change_its_input(self):
        before = TWO_GROUPS.copy()
        compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])
        pd.testing.assert_frame_equal(TWO_GROUPS, before)

    def test_table_has_one_column_per_panel_in_coded_statements(self):
        table = compare.theme_table(compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"]))
        assert list(table.columns) == [
            "Theme",
            "A: coded statements",
            "B: coded statements",
            "Common ground (All): coded statements",
        ]
        assert table["B: coded statements"].tolist() == [0, 1, 0, 3]


class TestSelection:
    def test_theme_from_a_clicked_bar(self):
        event = {"selection": {"points": [{"x": 3, "y": "Only B", "customdata": ["Only B", "B"]}]}}
        assert compare.theme_from_selection(event) == "Only B"

    @pytest.mark.parametrize(
        "event",
        [None, {}, {"selection": {}}, {"selection": {"points": []}}, {"selection": {"points": [{"x": 1}]}}, "junk"],
    )
    def test_nothing_selected(self, event):
        assert compare.theme_from_selection(event) is None


class TestThemeStatements:
    def test_each_panel_gets_its_own_rows(self):
        statements = compare.theme_statements(TWO_GROUPS, "purpose", "Shared aim", ["A", "B", SHARED_GROUP])
        assert list(statements) == ["A", "B", SHARED_GROUP]
        assert statements["A"]["evidence"].tolist() == ["Quote 1"]
        assert statements["B"]["evidence"].tolist() == ["Quote 4"]
        assert statements[SHARED_GROUP].empty

    def test_other_groups_are_offered_when_a_category_is_empty_for_the_pair(self):
        data = findings(("C", "perception", "View"), ("C", "perception", "View"), ("A", "barrier", "Time"))
        assert compare.other_groups_with_statements(data, "perception", ["A", "B"]) == {"C": 2}
