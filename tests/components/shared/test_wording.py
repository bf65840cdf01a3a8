"""Words said in many places, written once: the counts note and counts with their nouns."""

from __future__ import annotations

import pytest

from components.shared.wording import COUNTS_NOTE, plural


def test_the_counts_note_says_what_is_counted():
    assert COUNTS_NOTE == "Counts are counts of coded statements, not of people."


class TestPlural:
    @pytest.mark.parametrize(("count", "text"), [(0, "0 statements"), (1, "1 statement"), (2, "2 statements")])
    def test_statements(self, count, text):
        assert plural(count, "statement") == text

    def test_an_irregular_plural(self):
        assert plural(1, "area has", "areas have") == "1 area has"
        assert plural(3, "area has", "areas have") == "3 areas have"

    def test_thousands_are_grouped(self):
        assert plural(1204, "link") == "1,204 links"
