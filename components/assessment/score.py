"""Ratings to scores: each statement's score, each theme's mean out of 2, and the themes ranked weakest first."""

from __future__ import annotations

import pandas as pd

from components.assessment.items import ITEM_COLUMNS
from components.assessment.scale import DONT_KNOW, FULLY, MAX_SCORE, NOT_IN_PLACE, PARTLY, RATINGS, SCORES


def score_items(items: pd.DataFrame, answers: dict[str, str]) -> pd.DataFrame:
    """Every item with its rating ("" when unanswered) and score (missing for don't know and unanswered)."""
    scored = items.loc[:, list(ITEM_COLUMNS)].copy()
    scored["rating"] = [answers.get(item_id, "") or "" for item_id in scored["item_id"]]
    scored["score"] = pd.array([SCORES.get(rating) for rating in scored["rating"]], dtype="Float64")
    return scored


def theme_scores(scored: pd.DataFrame) -> pd.DataFrame:
    """Per theme, in the items' theme order: mean score out of 2 and how many statements were rated how."""
    counts: dict[str, dict] = {}
    for theme, rating in zip(scored["theme"].astype(str).tolist(), scored["rating"].tolist(), strict=True):
        entry = counts.setdefault(
            theme,
            {"theme": theme, "scores": [], "statements": 0, NOT_IN_PLACE: 0, PARTLY: 0, FULLY: 0, DONT_KNOW: 0, "": 0},
        )
        entry["statements"] += 1
        entry[rating if rating in RATINGS else ""] += 1
        if rating in SCORES:
            entry["scores"].append(SCORES[rating])
    rows = [
        {
            "theme": entry["theme"],
            "score": sum(entry["scores"]) / len(entry["scores"]) if entry["scores"] else float("nan"),
            "statements": entry["statements"],
            "rated": len(entry["scores"]),
            "not_in_place": entry[NOT_IN_PLACE],
            "partly": entry[PARTLY],
            "fully": entry[FULLY],
            "dont_know": entry[DONT_KNOW],
            "unanswered": entry[""],
        }
        for entry in counts.values()
    ]
    columns = ["theme", "score", "statements", "rated", "not_in_place", "partly", "fully", "dont_know", "unanswered"]
    return pd.DataFrame(rows, columns=columns)


def rank_themes(themes: pd.DataFrame) -> pd.DataFrame:
    """Scored themes, weakest first. Ties go to the theme with more 'not in place', then to the earlier theme."""
    scored = themes.loc[themes["score"].notna()].copy()
    scored["_position"] = range(len(scored))
    scored = scored.sort_values(["score", "not_in_place", "_position"], ascending=[True, False, True], kind="stable")
    scored = scored.drop(columns="_position").reset_index(drop=True)
    scored.insert(0, "rank", range(1, len(scored) + 1))
    return scored


def weakest_themes(ranked: pd.DataFrame, count: int = 2) -> list[str]:
    """The first `count` ranked themes that have room to improve (a theme scoring 2 out of 2 is not weak)."""
    return ranked.loc[ranked["score"] < MAX_SCORE, "theme"].head(max(count, 0)).tolist()
