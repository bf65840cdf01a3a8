"""Compare labels: which groups can be compared, the default pair and chosen groups."""

from __future__ import annotations

import pytest

from components import compare
from components.data.vocabulary import SHARED_GROUP


class TestGroups:
    def test_shared_group_is_not_pickable(self):
        assert compare.comparable_groups(["A", "B", SHARED_GROUP]) == ["A", "B"]

    def test_default_is_the_first_two_groups_in_the_order_given(self):
        # No label is special: the order (the study's own, study_words.group_order) decides.
        assert compare.default_pair(["Nurses", "CSW", "MHSW", SHARED_GROUP]) == ("Nurses", "CSW")
        assert compare.default_pair([SHARED_GROUP, "Nurses", "MHSW", "Teachers"]) == ("Nurses", "MHSW")

    def test_one_group_pairs_with_nothing(self):
        assert compare.default_pair(["Nurses", SHARED_GROUP]) == ("Nurses", None)

    def test_only_the_shared_group_gives_no_pair(self):
        assert compare.default_pair([SHARED_GROUP]) == (None, None)

    @pytest.mark.parametrize(
        ("left", "right", "expected"),
        [("A", "B", ["A", "B"]), ("A", "A", ["A"]), ("A", None, ["A"]), (None, None, [])],
    )
    def test_chosen_groups_are_distinct(self, left, right, expected):
        assert compare.chosen_groups(left, right) == expected
