"""Compare labels: which groups can be compared, the default pair and chosen groups."""

from __future__ import annotations

import pytest

from components import compare
from components.data.vocabulary import SHARED_GROUP


class TestGroups:
    def test_shared_group_is_not_pickable(self):
        assert compare.comparable_groups(["A", "B", SHARED_GROUP]) == ["A", "B"]

    def test_default_is_mhsw_and_csw_when_both_present(self):
        assert compare.default_pair(["Nurses", "CSW", "MHSW", SHARED_GROUP]) == ("MHSW", "CSW")

    def test_default_is_first_two_groups_otherwise(self):
        assert compare.default_pair(["Nurses", "MHSW", "Teachers", SHARED_GROUP]) == ("Nurses", "MHSW")

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
