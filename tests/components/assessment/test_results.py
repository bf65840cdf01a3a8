"""The page's results as plain data: weakest areas, each area's gaps and recommendations, and their words."""

from __future__ import annotations

import pandas as pd
import pytest

from components.assessment import recommendation_map, results, score
from components.assessment.items import build_items
from components.assessment.scale import DONT_KNOW, FULLY, NOT_IN_PLACE, PARTLY
from tests.components.assessment.common import small_dataset

# The page test's team: strong on relationships and knowledge, weak on priority and wellbeing.
RATINGS = {
    "A01": FULLY,
    "A02": PARTLY,
    "A03": FULLY,
    "A04": FULLY,
    "A05": FULLY,
    "A06": PARTLY,
    "A07": NOT_IN_PLACE,
    "A08": PARTLY,
    "A09": DONT_KNOW,
    "A10": PARTLY,
    "A11": FULLY,
    "A12": FULLY,
}
CHILDRENS = "Children's social care"


@pytest.fixture(scope="module")
def mapping(bundled):
    return recommendation_map.build_recommendation_map(bundled)


def shown(item_set, mapping, answers=RATINGS, audience=""):
    return results.assessment_results(item_set.items, answers, mapping, audience)


class TestResults:
    def test_nothing_rated_or_only_dont_know_gives_no_results(self, item_set, mapping):
        assert shown(item_set, mapping, {}) is None
        assert shown(item_set, mapping, {"A01": DONT_KNOW}) is None

    def test_the_two_weakest_areas_come_first_and_the_rest_follow_in_rank_order(self, item_set, mapping):
        result = shown(item_set, mapping)
        assert result.focus_themes == ["Priority and ownership", "Wellbeing"]
        assert [area.heading for area in result.focus] == ["### 1. Priority and ownership", "### 2. Wellbeing"]
        assert [area.expander_label for area in result.others] == [
            "3 · Knowing the other service: 1.67 out of 2",
            "4 · Relationships and contact: 1.67 out of 2",
            "5 · The whole family: 2 out of 2",
        ]
        assert result.headline == (
            "**Your weakest areas: Priority and ownership (0.5 out of 2) and Wellbeing (1 out of 2).** "
            "The recommendations that answer them follow the chart."
        )
        assert result.unranked_note is None
        assert result.chart_summary.startswith("Scores by theme, weakest first")

    def test_an_area_says_its_score_its_gaps_and_what_answers_them(self, item_set, mapping):
        priority = shown(item_set, mapping).focus[0]
        assert priority.before[0] == "Score: **0.5 out of 2** (2 statements rated, 1 don't know)."
        assert "**Where you are not there yet:**" in priority.before
        assert "- Our service makes collaboration with the other service a priority\\. — _not in place_" in (
            priority.before
        )
        assert priority.before[-1] == "**Recommendations that answer this area (3):**"
        assert priority.recommendations["recommendation_id"].tolist() == ["R03", "R06", "R04"]
        assert priority.after == []

    def test_the_plan_button_adds_the_weakest_areas_recommendations_once_each(self, item_set, mapping):
        # R04 answers both Priority and ownership and Wellbeing.
        assert shown(item_set, mapping).plan_candidates == ["R03", "R06", "R04"]

    def test_an_area_fully_in_place_needs_nothing(self, item_set, mapping):
        family = shown(item_set, mapping).others[-1]
        assert family.before[-1] == results.NO_GAP
        assert family.recommendations.empty

    def test_everything_fully_in_place_has_no_weak_area_and_nothing_to_add(self, item_set, mapping):
        result = shown(item_set, mapping, {"A01": FULLY, "A04": FULLY})
        assert result.focus == []
        assert result.plan_candidates == []
        assert result.headline.startswith("**Every statement you rated is fully in place.**")
        assert result.unranked_note == "3 areas have no rating yet and are not ranked."

    def test_one_unrated_area_is_named_in_the_singular(self, item_set, mapping):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"] if item_id not in ("A11", "A12")}
        assert shown(item_set, mapping, answers).unranked_note == "1 area has no rating yet and is not ranked."


class TestAudience:
    def test_one_audience_keeps_its_own_and_counts_the_others(self, item_set, mapping):
        priority = shown(item_set, mapping, audience=CHILDRENS).focus[0]
        assert priority.recommendations["recommendation_id"].tolist() == ["R06"]
        assert priority.before[-1] == "**Recommendations for Children's social care that answer this area (1):**"
        assert priority.after == ["2 more recommendations for this area are for other audiences."]

    def test_an_area_with_none_for_the_audience_says_how_to_see_them(self, item_set, mapping):
        result = shown(item_set, mapping, audience=CHILDRENS)
        wellbeing, knowing = result.focus[1], result.others[0]
        assert wellbeing.recommendations.empty
        assert wellbeing.before[-1] == (
            "The one recommendation for this area is not for Children's social care. "
            "Choose “All audiences” above to see it."
        )
        assert knowing.before[-1] == (
            "None of the 6 recommendations for this area is for Children's social care. "
            "Choose “All audiences” above to see them."
        )
        assert result.plan_candidates == ["R06"]

    def test_a_dataset_without_links_to_the_gap_says_so(self):
        dataset = small_dataset("finding_id,group,category,theme,statement\nE1,A,enabler,Contact,Meet.\n")
        items = build_items(dataset.findings, dataset.assessment_items).items
        mapping = recommendation_map.build_recommendation_map(dataset)
        area = results.assessment_results(items, {"E1": PARTLY}, mapping, "").focus[0]
        assert area.before[-1] == results.NO_LINKED_RECOMMENDATION
        assert area.recommendations.empty


def rec(**values) -> dict:
    base = {
        "recommendation_id": "R1",
        "audience": "Managers",
        "text": "Protect an hour.",
        "evidence": "Protect an hour.",
        "source": "Carpenter (2019), p. 4",
        "basis": "stated",
        "link_basis": "stated",
        "why": "it addresses “Nobody has time”",
    }
    return base | values


class TestRecommendationText:
    def test_a_verbatim_recommendation_names_its_source_and_why_it_is_here(self):
        text = results.recommendation_markdown(rec(), "", "LINK")
        assert text.startswith("**Protect an hour\\.**")
        assert ":gray-badge[For: Managers] `R1` · verbatim from Carpenter \\(2019\\), p\\. 4" in text
        assert text.endswith("Why it is here: it addresses “Nobody has time”.")
        assert results.is_verbatim(rec())

    def test_the_link_mark_shows_only_for_an_inferred_link(self):
        assert results.recommendation_markdown(rec(link_basis="inferred"), "", "LINK").endswith(". LINK")
        assert "LINK" not in results.recommendation_markdown(rec(), "", "LINK")

    def test_a_paraphrase_has_no_verbatim_line(self):
        paraphrase = rec(evidence="The source's own longer words.")
        assert not results.is_verbatim(paraphrase)
        assert "verbatim" not in results.recommendation_markdown(paraphrase, "", "")

    @pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "[click](javascript:alert(1))", "`code`"])
    def test_data_is_shown_as_text(self, hostile):
        text = results.recommendation_markdown(rec(text=hostile, audience=hostile, why=hostile), "", "")
        assert "<script>" not in text
        assert "](javascript" not in text
        assert "`code`" not in text

    def test_hostile_theme_names_are_escaped_in_headings(self):
        area = results.AreaResult(rank=1, theme="# <b>x</b>", score=1.0, before=[], recommendations=pd.DataFrame())
        assert area.heading == "### 1. \\# &lt;b&gt;x&lt;/b&gt;"
        assert "<b>" not in area.expander_label


class TestPlanWords:
    def test_button_label_counts_the_recommendations(self):
        assert results.plan_button_label(1) == "Add this recommendation to my action plan"
        assert results.plan_button_label(3) == "Add these 3 recommendations to my action plan"

    def test_added_message_says_how_many_were_there_already(self):
        assert results.added_message(3, 2) == "Added 2 recommendations to your action plan; 1 already there."
        assert results.added_message(3, 3) == "Added 3 recommendations to your action plan."
        assert results.added_message(1, 0) == "Added 0 recommendations to your action plan; 1 already there."

    def test_the_plan_count_is_shown_only_when_the_plan_holds_something(self):
        assert results.plan_count_note(0) is None
        assert results.plan_count_note(1) == "Your action plan holds 1 recommendation."
        assert results.plan_count_note(4) == "Your action plan holds 4 recommendations."


class TestPassages:
    def test_an_areas_passages_are_its_items_findings_verbatim(self, bundled, item_set):
        scored = score.score_items(item_set.items, {"A07": NOT_IN_PLACE})
        passages = results.theme_passages(scored, bundled.findings, "Priority and ownership")
        assert passages["item_id"].tolist() == ["A07", "A08", "A09"]
        findings = bundled.findings.set_index("finding_id")
        for passage in passages.itertuples():
            assert passage.evidence == findings.at[passage.finding_id, "evidence"]
            assert passage.source == findings.at[passage.finding_id, "source"]
        assert passages["rating_label"].tolist() == ["Not in place", "Not rated yet", "Not rated yet"]

    def test_an_item_whose_finding_is_missing_has_no_passage(self):
        items = pd.DataFrame(
            {"item_id": ["I1"], "theme": ["T"], "statement": ["S"], "finding_id": ["GONE"], "help": [""]}
        )
        findings = pd.DataFrame({"finding_id": ["F1"], "statement": ["x"], "evidence": ["y"], "source": ["z"]})
        passages = results.theme_passages(score.score_items(items, {}), findings, "T")
        assert passages.loc[0, "evidence"] == ""


class TestJoinMarkdown:
    """An area's lines go to the page as one Markdown element, reading as they did line by line."""

    def test_paragraphs_are_apart_and_list_items_one_list(self):
        lines = ["Score: **1 out of 2**.", "**Where you are not there yet:**", "- first — _partly_", "- second"]
        lines.append("After.")
        assert results.join_markdown(lines) == (
            "Score: **1 out of 2**.\n\n**Where you are not there yet:**\n\n- first — _partly_\n- second\n\nAfter."
        )

    def test_one_line_is_itself_and_none_is_empty(self):
        assert results.join_markdown(["Only."]) == "Only."
        assert results.join_markdown([]) == ""

    def test_an_areas_lines_keep_their_words(self, item_set, mapping):
        area = shown(item_set, mapping).focus[0]
        joined = results.join_markdown(area.before)
        assert all(line in joined for line in area.before)


class TestLazyOtherAreas:
    """The areas after the weakest are worked out when read, and read the same as if worked out at once."""

    def test_nothing_is_worked_out_until_read(self, item_set, mapping):
        others = shown(item_set, mapping).others
        assert others._built == {}
        assert [heading.expander_label for heading in others.headings] == [
            "3 · Knowing the other service: 1.67 out of 2",
            "4 · Relationships and contact: 1.67 out of 2",
            "5 · The whole family: 2 out of 2",
        ]
        assert others._built == {}
        others[1]
        assert list(others._built) == [1]

    def test_each_area_reads_as_area_result_gives_it(self, item_set, mapping):
        result = shown(item_set, mapping, audience=CHILDRENS)
        scored = score.score_items(item_set.items, RATINGS)
        ranked = score.rank_themes(score.theme_scores(scored))
        rows = [row for _, row in ranked.iterrows()][len(result.focus) :]
        assert len(result.others) == len(rows) == 3
        for area, row in zip(result.others, rows, strict=True):
            expected = results.area_result(scored, row, mapping, CHILDRENS)
            assert (area.rank, area.theme, area.score, area.before, area.after) == (
                expected.rank,
                expected.theme,
                expected.score,
                expected.before,
                expected.after,
            )
            assert area.recommendations.equals(expected.recommendations)

    def test_indexes_and_slices_work_as_on_a_list(self, item_set, mapping):
        others = shown(item_set, mapping).others
        assert others[-1].theme == "The whole family"
        assert [area.theme for area in others[1:]] == ["Relationships and contact", "The whole family"]
        assert others[0] is others[0]  # worked out once
        with pytest.raises(IndexError):
            others[3]


class TestNothingToScore:
    def test_answers_for_statements_not_in_the_form_score_nothing(self, item_set, mapping):
        assert shown(item_set, mapping, {"Z9": FULLY}) is None

    def test_one_scorable_answer_among_dont_knows_is_enough(self, item_set, mapping):
        result = shown(item_set, mapping, {"A01": DONT_KNOW, "A02": DONT_KNOW, "A07": PARTLY})
        assert result is not None
        assert result.focus_themes == ["Priority and ownership"]
