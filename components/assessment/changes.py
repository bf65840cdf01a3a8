"""What changed between an earlier answers file and today's answers: per statement and per theme."""

from __future__ import annotations

import pandas as pd

from components.assessment.scale import RATING_LABELS, SCORES, format_score, short_number
from components.assessment.score import score_items, theme_scores
from components.shared.text import escape_markdown


def rating_change(earlier: str, now: str) -> str:
    """One statement's change in words: better, worse, same, newly rated, or not comparable."""
    if not earlier and not now:
        return "not rated either time"
    if not earlier:
        return "not rated before"
    if not now:
        return "not rated now"
    earlier_score, now_score = SCORES.get(earlier), SCORES.get(now)
    if earlier_score is None or now_score is None:
        return "same" if earlier == now else "not comparable (don't know)"
    if now_score > earlier_score:
        return "better"
    if now_score < earlier_score:
        return "worse"
    return "same"


def item_changes(items: pd.DataFrame, earlier: dict[str, str], now: dict[str, str]) -> pd.DataFrame:
    frame = items.loc[:, ["item_id", "theme", "statement"]].astype(str).copy()
    frame["earlier"] = [earlier.get(item_id, "") for item_id in frame["item_id"]]
    frame["now"] = [now.get(item_id, "") for item_id in frame["item_id"]]
    frame["change"] = [rating_change(a, b) for a, b in zip(frame["earlier"], frame["now"], strict=True)]
    return frame.reset_index(drop=True)


def theme_changes(items: pd.DataFrame, earlier: dict[str, str], now: dict[str, str]) -> pd.DataFrame:
    """Per theme: the score then and now (out of 2) and the difference, when both were scored."""
    before = theme_scores(score_items(items, earlier)).set_index("theme")["score"]
    after = theme_scores(score_items(items, now)).set_index("theme")["score"]
    frame = pd.DataFrame({"theme": before.index, "earlier": before.to_numpy(), "now": after.reindex(before.index)})
    frame["change"] = frame["now"] - frame["earlier"]
    return frame.reset_index(drop=True)


def describe_change(change: float) -> str:
    if pd.isna(change):
        return "cannot compare"
    if abs(change) < 1e-9:
        return "no change"
    direction = "up" if change > 0 else "down"
    return f"{direction} {short_number(abs(change))}"


def theme_change_lines(items: pd.DataFrame, earlier: dict[str, str], now: dict[str, str]) -> list[str]:
    """One Markdown bullet per theme: its score then and now, and the change in words."""
    return [
        f"- **{escape_markdown(change.theme)}**: {format_score(change.earlier)} then, {format_score(change.now)} "
        f"now ({describe_change(change.change)})"
        for change in theme_changes(items, earlier, now).itertuples()
    ]


def moved_lines(changes: pd.DataFrame) -> list[str]:
    """One Markdown bullet per statement whose rating went up or down (item_changes' rows)."""
    moved = changes.loc[changes["change"].isin(["better", "worse"])]
    return [
        f"- {row.change.capitalize()}: {escape_markdown(row.statement)} "
        f"({RATING_LABELS[row.earlier].lower()} → {RATING_LABELS[row.now].lower()})"
        for row in moved.itertuples()
    ]
