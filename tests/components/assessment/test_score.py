"""Ratings to theme scores, and the themes ranked weakest first."""

from __future__ import annotations

import pandas as pd

from components.assessment import score
from components.assessment.scale import DONT_KNOW, FULLY, NOT_IN_PLACE, PARTLY
from tests.components.assessment.common import ITEMS


class TestScoring:
    ITEMS = ITEMS

    def test_ratings_score_fully_2_partly_1_not_in_place_0_and_dont_know_is_left_out(self):
        scored = score.score_items(self.ITEMS, {"a": FULLY, "b": PARTLY, "c": NOT_IN_PLACE, "d": DONT_KNOW})
        assert scored["score"].tolist()[:3] == [2, 1, 0]
        assert scored["score"].isna().tolist() == [False, False, False, True, True]
        assert scored["rating"].tolist() == [FULLY, PARTLY, NOT_IN_PLACE, DONT_KNOW, ""]

    def test_theme_score_is_the_mean_of_rated_statements(self):
        scored = score.score_items(self.ITEMS, {"a": FULLY, "b": PARTLY, "c": NOT_IN_PLACE, "d": DONT_KNOW})
        themes = score.theme_scores(scored).set_index("theme")
        assert themes.loc["T1", "score"] == 1.5
        assert themes.loc["T2", "score"] == 0  # don't know does not pull the score either way
        assert themes.loc["T2", "dont_know"] == 1
        assert themes.loc["T2", "rated"] == 1
        assert pd.isna(themes.loc["T3", "score"])
        assert themes.loc["T3", "unanswered"] == 1

    def test_themes_keep_the_form_order(self):
        themes = score.theme_scores(score.score_items(self.ITEMS, {}))
        assert themes["theme"].tolist() == ["T1", "T2", "T3"]

    def test_ranking_puts_the_weakest_first_and_leaves_out_unscored_themes(self):
        scored = score.score_items(self.ITEMS, {"a": FULLY, "b": FULLY, "c": PARTLY, "e": NOT_IN_PLACE})
        ranked = score.rank_themes(score.theme_scores(scored))
        assert ranked["theme"].tolist() == ["T3", "T2", "T1"]
        assert ranked["rank"].tolist() == [1, 2, 3]
        assert score.weakest_themes(ranked, 2) == ["T3", "T2"]

    def test_a_tie_goes_to_the_theme_with_more_not_in_place_then_to_form_order(self):
        # T1: partly + partly = 1; T2: fully + not in place = 1; T3: partly = 1.
        scored = score.score_items(self.ITEMS, {"a": PARTLY, "b": PARTLY, "c": FULLY, "d": NOT_IN_PLACE, "e": PARTLY})
        ranked = score.rank_themes(score.theme_scores(scored))
        assert ranked["theme"].tolist() == ["T2", "T1", "T3"]

    def test_a_theme_scoring_2_out_of_2_is_never_a_weakest_area(self):
        scored = score.score_items(self.ITEMS, {"a": FULLY, "b": FULLY, "c": PARTLY, "e": FULLY})
        ranked = score.rank_themes(score.theme_scores(scored))
        assert score.weakest_themes(ranked, 2) == ["T2"]
        everything_fine = score.score_items(self.ITEMS, {"a": FULLY, "c": FULLY})
        assert score.weakest_themes(score.rank_themes(score.theme_scores(everything_fine))) == []

    def test_nothing_rated_means_nothing_ranked(self):
        ranked = score.rank_themes(score.theme_scores(score.score_items(self.ITEMS, {"a": DONT_KNOW})))
        assert ranked.empty
        assert score.weakest_themes(ranked) == []
