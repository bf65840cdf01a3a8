"""The page's results as plain data: the weakest areas, each area's gaps and recommendations, and the words
around them. Markdown here is built from escaped data (components/shared/text.py), so the page only renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

import pandas as pd

from components.assessment.figure import chart_summary, chart_table
from components.assessment.recommendation_map import (
    RecommendationMap,
    area_recommendations,
    for_audience,
    recommendation_ids,
)
from components.assessment.scale import GAP_RATINGS, RATING_LABELS, SCORES, format_score
from components.assessment.score import rank_themes, score_items, theme_scores, weakest_themes
from components.shared.text import escape_markdown
from components.shared.wording import plural

# Two areas to act on are as many as a team takes away from one sitting; the rest are a click away.
FOCUS_AREAS = 2

RATE_FIRST = (
    "Rate at least one statement (other than don't know) to see your scores and the recommendations "
    "for your weakest areas."
)
NO_LINKED_RECOMMENDATION = "No recommendation in this dataset is linked to these statements' findings."
NO_GAP = "Every rated statement in this area is fully in place."


@dataclass(frozen=True)
class AreaHeading:
    """An area's rank, theme and score: what its heading or closed box says."""

    rank: int
    theme: str
    score: float

    @property
    def expander_label(self) -> str:
        return f"{self.rank} · {escape_markdown(self.theme)}: {format_score(self.score)}"

    @property
    def heading(self) -> str:
        return f"### {self.rank}. {escape_markdown(self.theme)}"


@dataclass(frozen=True)
class AreaResult(AreaHeading):
    """One area (theme): its score and gaps, then the recommendations for the chosen audience.

    `before` are Markdown lines above the recommendations, `after` lines below them; `recommendations`
    holds the rows shown (area_recommendations' columns), empty when there is nothing to show.
    """

    before: list[str]
    recommendations: pd.DataFrame
    after: list[str] = field(default_factory=list)


class LazyAreas(Sequence[AreaResult]):
    """The areas after the weakest, each worked out when first read, not before.

    The page shows them as closed boxes, which need only their headings; a dataset with many themes would
    otherwise find every area's gaps and recommendations on every rating (most of a run on 100x data).
    """

    def __init__(
        self, scored: pd.DataFrame, rows: list[pd.Series], mapping: RecommendationMap, audience: str | None
    ) -> None:
        self._scored, self._rows, self._mapping, self._audience = scored, rows, mapping, audience
        self._built: dict[int, AreaResult] = {}
        self.headings = [AreaHeading(int(row["rank"]), str(row["theme"]), float(row["score"])) for row in rows]

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> AreaResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[AreaResult]: ...
    def __getitem__(self, index: int | slice) -> AreaResult | list[AreaResult]:
        if isinstance(index, slice):
            return [self[position] for position in range(len(self))[index]]
        position = range(len(self))[index]  # negative indexes and IndexError as a list gives them
        if position not in self._built:
            self._built[position] = area_result(self._scored, self._rows[position], self._mapping, self._audience)
        return self._built[position]


@dataclass(frozen=True)
class Results:
    """Everything section 2 of the page shows, for one set of answers and one audience."""

    scored: pd.DataFrame  # every statement with its rating and score (score_items)
    ranked: pd.DataFrame  # scored themes, weakest first (rank_themes)
    headline: str
    chart_summary: str
    chart_table: pd.DataFrame
    unranked_note: str | None
    focus: list[AreaResult]
    others: LazyAreas  # the areas after the weakest: their headings at once, the rest when read

    @property
    def focus_themes(self) -> list[str]:
        return [area.theme for area in self.focus]

    @property
    def plan_candidates(self) -> list[str]:
        """The ids the "add to my action plan" button adds: the weakest areas' shown recommendations."""
        return recommendation_ids([area.recommendations for area in self.focus])


def area_result(scored: pd.DataFrame, row: pd.Series, mapping: RecommendationMap, audience: str | None) -> AreaResult:
    """One area: its score, the statements that are gaps, and the recommendations for the chosen audience
    that answer them (all audiences for "" or None)."""
    # Plain lists: a boolean mask and itertuples on a few rows cost pandas more than the rest of an area.
    theme = row["theme"]
    gaps = [
        (statement, rating)
        for item_theme, statement, rating in zip(
            scored["theme"].tolist(), scored["statement"].tolist(), scored["rating"].tolist(), strict=True
        )
        if item_theme == theme and rating in GAP_RATINGS
    ]
    counts = f"{plural(int(row['rated']), 'statement')} rated" + (
        f", {row['dont_know']} don't know" if row["dont_know"] else ""
    )
    before = [f"Score: **{format_score(row['score'])}** ({counts})."]
    result = {"rank": int(row["rank"]), "theme": str(row["theme"]), "score": float(row["score"])}
    none = pd.DataFrame(columns=["recommendation_id"])
    if not gaps:
        return AreaResult(**result, before=[*before, NO_GAP], recommendations=none)
    before.append("**Where you are not there yet:**")
    before += [f"- {escape_markdown(statement)} — _{RATING_LABELS[rating].lower()}_" for statement, rating in gaps]
    every_audience = area_recommendations(scored, theme, mapping)
    if every_audience.empty:
        return AreaResult(**result, before=[*before, NO_LINKED_RECOMMENDATION], recommendations=every_audience)
    shown = for_audience(every_audience, audience)
    hidden = len(every_audience) - len(shown)
    if shown.empty:
        if hidden == 1:
            missing = f"The one recommendation for this area is not for {escape_markdown(audience)}."
        else:
            missing = f"None of the {hidden} recommendations for this area is for {escape_markdown(audience)}."
        before.append(f"{missing} Choose “All audiences” above to see {'it' if hidden == 1 else 'them'}.")
        return AreaResult(**result, before=before, recommendations=shown)
    for_whom = f" for {escape_markdown(audience)}" if audience else ""
    before.append(f"**Recommendations{for_whom} that answer this area ({len(shown)}):**")
    after = []
    if hidden:
        after.append(
            f"{plural(hidden, 'more recommendation', 'more recommendations')} for this area "
            f"{'is' if hidden == 1 else 'are'} for other audiences."
        )
    return AreaResult(**result, before=before, recommendations=shown, after=after)


def headline(ranked: pd.DataFrame, focus: list[str]) -> str:
    """The weakest areas named with their scores, or that there is none."""
    if not focus:
        return "**Every statement you rated is fully in place.** There is no weak area to act on."
    scores = ranked.set_index("theme")["score"]
    named = [f"{escape_markdown(theme)} ({format_score(scores[theme])})" for theme in focus]
    label = "Your weakest area" if len(named) == 1 else "Your weakest areas"
    return f"**{label}: {' and '.join(named)}.** The recommendations that answer them follow the chart."


def unranked_note(themes: pd.DataFrame, ranked: pd.DataFrame) -> str | None:
    unranked = len(themes) - len(ranked)
    if unranked <= 0:
        return None
    return (
        f"{plural(unranked, 'area has', 'areas have')} no rating yet and {'is' if unranked == 1 else 'are'} not ranked."
    )


def assessment_results(
    items: pd.DataFrame, answers: dict[str, str], mapping: RecommendationMap, audience: str | None
) -> Results | None:
    """The results for these answers, or None while nothing is rated (other than don't know)."""
    # The first view has no answers: say so without building frames (pandas' index work, in every session).
    if not any(rating in SCORES for rating in answers.values()):
        return None
    scored = score_items(items, answers)
    themes = theme_scores(scored)
    ranked = rank_themes(themes)
    if ranked.empty:
        return None
    focus = weakest_themes(ranked, FOCUS_AREAS)
    unscored = themes.loc[themes["score"].isna(), "theme"].tolist()
    rows = [row for _, row in ranked.iterrows()]
    return Results(
        scored=scored,
        ranked=ranked,
        headline=headline(ranked, focus),
        chart_summary=chart_summary(ranked, unscored),
        chart_table=chart_table(ranked),
        unranked_note=unranked_note(themes, ranked),
        focus=[area_result(scored, row, mapping, audience) for row in rows[: len(focus)]],
        others=LazyAreas(scored, rows[len(focus) :], mapping, audience),
    )


def join_markdown(lines: list[str]) -> str:
    """Lines as one Markdown string (one element instead of one per line): list items stay one list."""
    text = ""
    for previous, line in zip(["", *lines], lines, strict=False):
        if text:
            text += "\n" if previous.startswith("- ") and line.startswith("- ") else "\n\n"
        text += line
    return text


def recommendation_markdown(rec: dict, basis_badge: str, link_badge: str) -> str:
    """One recommendation: its words, audience, id, where it is verbatim from, and why it is here.

    `basis_badge` and `link_badge` are the app's own marks (components/ui), passed in so that this stays
    free of Streamlit; `link_badge` is shown only when the link to the gap is inferred.
    """
    link_mark = " " + link_badge if rec["link_basis"] == "inferred" else ""
    source = f" · verbatim from {escape_markdown(rec['source'])}" if is_verbatim(rec) and rec["source"] else ""
    return (
        f"**{escape_markdown(rec['text'])}**{basis_badge}  \n"
        f":gray-badge[For: {escape_markdown(rec['audience'])}] "
        f"`{escape_markdown(rec['recommendation_id'])}`{source}  \n"
        f"Why it is here: {escape_markdown(rec['why'])}.{link_mark}"
    )


def is_verbatim(rec: dict) -> bool:
    """Most recommendations are the source's own words: then the source line is the evidence."""
    return bool(rec["evidence"]) and rec["evidence"] == rec["text"]


def plan_button_label(count: int) -> str:
    if count == 1:
        return "Add this recommendation to my action plan"
    return f"Add these {count} recommendations to my action plan"


def added_message(requested: int, added: int) -> str:
    already = requested - added
    message = f"Added {plural(added, 'recommendation')} to your action plan"
    return message + (f"; {already} already there." if already else ".")


def plan_count_note(count: int) -> str | None:
    return f"Your action plan holds {plural(count, 'recommendation')}." if count else None


def theme_passages(scored: pd.DataFrame, findings: pd.DataFrame, theme: str) -> pd.DataFrame:
    """One area's statements with your rating and the finding each comes from: its statement, the
    verbatim evidence and its source (blank when the finding is missing). In the items' order."""
    rows = scored.loc[scored["theme"].astype(str) == theme, ["item_id", "statement", "finding_id", "rating"]]
    passages = rows.astype(str).reset_index(drop=True)
    by_id = findings.assign(_id=findings["finding_id"].astype(str)).drop_duplicates("_id").set_index("_id")
    found = by_id.reindex(passages["finding_id"].tolist())
    for column, source_column in (
        ("finding_statement", "statement"),
        ("evidence", "evidence"),
        ("source", "source"),
        ("basis", "basis"),
    ):
        values = found[source_column] if source_column in found else pd.Series("", index=found.index)
        passages[column] = ["" if pd.isna(value) else str(value) for value in values]
    passages["rating_label"] = [RATING_LABELS.get(rating, "Not rated yet") for rating in passages["rating"]]
    return passages
