"""The Markdown of Explore's recommendation and context cards (plain functions of components/explore/draw.py)."""

from __future__ import annotations

from components.explore import draw as explore_view
from components.shared.badges import CONTEXT_BADGE, inferred_badge

LENS_TEXT = "Wenger's Communities of Practice element"


def recommendation(**values: str) -> dict[str, str]:
    row = {"item_id": "R1", "text": "Meet each month.", "audience": "Managers", "basis": "inferred"}
    row.update({"cop_element": "joint enterprise", "cop_text": f"{LENS_TEXT}: joint enterprise"})
    row.update(values)
    return row


class TestRecommendation:
    def test_the_element_alone_is_marked_inferred(self):
        text = explore_view.recommendation_markdown(recommendation())
        first, element = text.split("  \n", 1)[0], text.split("  \n")[-1]
        assert first == "**Meet each month\\.**"
        assert inferred_badge("element inferred") in element
        assert inferred_badge("inferred") not in text.replace(inferred_badge("element inferred"), "")
        assert ":gray-badge[Recommendation] :gray-badge[For Managers] · R1" in text

    def test_without_an_element_there_is_no_element_line(self):
        text = explore_view.recommendation_markdown(recommendation(cop_element="", cop_text=""))
        assert LENS_TEXT not in text
        assert "inferred" not in text

    def test_search_terms_are_highlighted_and_data_escaped(self):
        text = explore_view.recommendation_markdown(recommendation(text="Meet [monthly](http://x)"), ("monthly",))
        assert "\\[:orange-background[monthly]\\]\\(http\\://x\\)" in text


class TestContext:
    def test_is_badged_as_not_this_study(self):
        item = {"item_id": "C1", "title": "A review", "text": "Teams that meet do better."}
        text = explore_view.context_markdown(item, ("meet",))
        assert text.startswith(f"{CONTEXT_BADGE} **A review** · C1  \n")
        assert "Teams that :orange-background[meet] do better\\." in text
