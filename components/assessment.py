"""Self-assessment: statements a team rates about itself, scores by theme, and the recommendations
that answer its weakest areas. Streamlit-free, so every rule here is tested with plain pytest.

Statements come from the dataset's assessment items (each derived from one finding) or, for a
dataset without them, are derived here from its barrier and enabler findings. Ratings are a short
ordinal scale; a theme's score is the mean of its rated statements, out of 2. These are a team's
own ratings of itself: never counts or percentages of people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.data.decode import decode_text
from components.data.model import DatasetError, Problem, Study
from components.data.parse import parse_table
from components.data.vocabulary import ASSESSMENT_FILE, TableSpec
from components.text import escape_plotly, fold, wrap_label
from components.ui.colours import SCORE_COLOURS
from components.ui.selection import selected_customdata

# The scale, in the order a person reads it. "don't know" is an honest answer, so it is kept but not scored.
NOT_IN_PLACE = "not in place"
PARTLY = "partly"
FULLY = "fully"
DONT_KNOW = "don't know"
RATINGS = (NOT_IN_PLACE, PARTLY, FULLY, DONT_KNOW)
SCORES = {NOT_IN_PLACE: 0, PARTLY: 1, FULLY: 2}
MAX_SCORE = 2
RATING_LABELS = {
    NOT_IN_PLACE: "Not in place",
    PARTLY: "Partly",
    FULLY: "Fully in place",
    DONT_KNOW: "Don't know",
}
# Ratings that mark a gap worth acting on.
GAP_RATINGS = (NOT_IN_PLACE, PARTLY)

# A dataset with hundreds of barriers would make a form nobody finishes; derived statements stop here.
MAX_DERIVED_ITEMS = 30
DERIVED_CATEGORIES = ("enabler", "barrier")

ITEM_COLUMNS = ("item_id", "theme", "statement", "finding_id", "help")
ANSWER_COLUMNS = ("item_id", "theme", "statement", "finding_id", "rating", "assessed_on")

ADDRESSES = "addresses"
BUILDS_ON = "builds on"
OVERCOMES = "overcomes"

# Score colours have no hue, so they never read as a group or a node kind (components/ui/colours.py).
# Legend names and the order (weakest at the top) say the same thing, so colour is never alone.
FOCUS_COLOUR = SCORE_COLOURS["focus"]
OTHER_COLOUR = SCORE_COLOURS["other"]
FONT_SIZE = 16
# Streamlit's chart theme draws axis text in a grey below 4.5:1 on white; axis text here is near-black.
TEXT_COLOUR = "#111827"


# ---------------------------------------------------------------------------------------------
# Statements to rate


@dataclass(frozen=True)
class ItemSet:
    """The statements to rate, whether they were derived here, and what the page should tell the user."""

    items: pd.DataFrame
    derived: bool
    notes: tuple[str, ...] = ()

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(self.items["theme"].astype(str)))


def _empty_items() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in ITEM_COLUMNS})


def build_items(findings: pd.DataFrame, assessment_items: pd.DataFrame) -> ItemSet:
    """The dataset's own statements when it has them (keeping those whose finding exists), else derived ones."""
    finding_ids = set(findings["finding_id"].astype(str))
    notes: list[str] = []
    if not assessment_items.empty:
        items = assessment_items.loc[:, list(ITEM_COLUMNS)].astype(str).reset_index(drop=True)
        unknown = items.loc[~items["finding_id"].isin(finding_ids)]
        if not unknown.empty:
            listed = ", ".join(f"{row.item_id} ({row.finding_id})" for row in unknown.itertuples())
            notes.append(
                f"{plural(len(unknown), 'statement')} in {ASSESSMENT_FILE} "
                f"{'points' if len(unknown) == 1 else 'point'} to a finding this dataset does not have, so "
                f"{'it is' if len(unknown) == 1 else 'they are'} left out: {listed}."
            )
        items = items.loc[items["finding_id"].isin(finding_ids)].reset_index(drop=True)
        if not items.empty:
            return ItemSet(items=items, derived=False, notes=tuple(notes))
    derived, derived_notes = derive_items(findings)
    return ItemSet(items=derived, derived=True, notes=tuple(notes + derived_notes))


def derived_statement(category: str, statement: str) -> str:
    """A finding turned into something a team can rate about itself."""
    if category == "barrier":
        return f"In our service this barrier has been overcome: {statement}"
    return f"In our service: {statement}"


def derive_items(findings: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One statement per barrier or enabler finding (enablers first, each in its theme), capped in number."""
    category = findings["category"].astype(str)
    chosen = findings.loc[category.isin(DERIVED_CATEGORIES)].copy()
    if chosen.empty:
        return _empty_items(), []
    chosen["_order"] = chosen["category"].astype(str).map({name: i for i, name in enumerate(DERIVED_CATEGORIES)})
    chosen = chosen.sort_values("_order", kind="stable")
    notes: list[str] = []
    if len(chosen) > MAX_DERIVED_ITEMS:
        notes.append(
            f"This dataset has {len(chosen)} barrier and enabler findings; the first {MAX_DERIVED_ITEMS} "
            "(enablers first) are offered as statements so that the form stays short."
        )
        chosen = chosen.head(MAX_DERIVED_ITEMS)
    items = pd.DataFrame(
        {
            "item_id": chosen["finding_id"].astype(str),
            "theme": chosen["theme"].astype(str),
            "statement": [
                derived_statement(str(cat), str(text))
                for cat, text in zip(chosen["category"], chosen["statement"], strict=True)
            ],
            "finding_id": chosen["finding_id"].astype(str),
            "help": "",
        }
    )
    # Group by theme in the order themes first appear, keeping the enabler-first order inside each.
    theme_order = {theme: i for i, theme in enumerate(dict.fromkeys(items["theme"]))}
    items["_theme_order"] = items["theme"].map(theme_order)
    items = items.sort_values("_theme_order", kind="stable").drop(columns="_theme_order")
    return items.reset_index(drop=True), notes


def source_description(study: Study | None, dataset_name: str) -> str:
    """Where the statements come from, for the honest note: the study and its size when the data says so."""
    citation = (study.short_citation or study.title).strip() if study else ""
    interviews = study.method.interviews if study else None
    if citation and interviews:
        return f"the findings of one small study ({citation}: {interviews} interviews)"
    if citation:
        return f"the findings of one study ({citation})"
    return f"the findings in this dataset ({dataset_name})"


# ---------------------------------------------------------------------------------------------
# Ratings and scores


_MARKDOWN_CONTROL = str.maketrans({character: " " for character in "\\`*_[]<>$~|#"})


def plain_label(text: object) -> str:
    """Text for a collapsed widget label, which becomes the screen reader's name for the widget.

    Escaped Markdown would be read out with its backslashes; removing the characters that build links,
    emphasis, HTML, maths or directives instead keeps the name readable and the hidden label inert.
    """
    return " ".join(str(text if text is not None else "").translate(_MARKDOWN_CONTROL).split())


def normalise_rating(value: object) -> str | None:
    """A rating as typed or exported (any case, curly apostrophe, 'Fully in place') to the scale, else None."""
    text = fold(value)
    if not text:
        return None
    for rating in RATINGS:
        if text in (fold(rating), fold(RATING_LABELS[rating])):
            return rating
    return None


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


def format_score(score: float) -> str:
    """'1.5 out of 2': a mean of ratings, never a percentage (there are no people behind it to count)."""
    if pd.isna(score):
        return "not scored"
    return f"{_number(score)} out of {MAX_SCORE}"


def _number(value: float) -> str:
    """At most two decimals, no trailing zeros: 1, 1.5, 0.67."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 statement', '2 statements': a count with its noun in the right number (never "statement(s)")."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


# ---------------------------------------------------------------------------------------------
# RecommendationMap to recommendations


def _relation(series: pd.Series) -> pd.Series:
    return series.astype(str).map(fold)


def _combined_basis(*values: object) -> str:
    return "inferred" if any(str(value) != "stated" for value in values) else "stated"


ROUTE_COLUMNS = ["finding_id", "recommendation_id", "relation", "via_id", "step", "basis"]
AREA_COLUMNS = [
    "recommendation_id",
    "audience",
    "text",
    "evidence",
    "source",
    "basis",
    "link_basis",
    "item_ids",
    "reasons",
    "why",
]


@dataclass(frozen=True)
class RecommendationMap:
    """A dataset's links as lookups, built once per run so that many statements map quickly.

    into: finding id -> (recommendation id, relation, basis) for each "addresses" / "builds on" link;
    overcomes: finding id -> (barrier id, basis) for each "overcomes" link; labels: finding id ->
    statement; recommendations: recommendation id -> its audience, text, evidence, source and basis.
    """

    into: dict[str, list[tuple[str, str, str]]]
    overcomes: dict[str, list[tuple[str, str]]]
    labels: dict[str, str]
    recommendations: dict[str, dict[str, str]]


def _column(frame: pd.DataFrame, name: str, default: str = "") -> list[str]:
    if name not in frame.columns:
        return [default] * len(frame)
    return ["" if pd.isna(value) else str(value) for value in frame[name].tolist()]


def build_recommendation_map(
    findings: pd.DataFrame, recommendations: pd.DataFrame, links: pd.DataFrame
) -> RecommendationMap:
    """One pass over each table. Relations are matched case- and space-insensitively."""
    rec_rows = zip(
        _column(recommendations, "recommendation_id"),
        _column(recommendations, "audience"),
        _column(recommendations, "text"),
        _column(recommendations, "evidence"),
        _column(recommendations, "source"),
        _column(recommendations, "basis"),
        strict=True,
    )
    recs = {
        rec_id: {"audience": audience, "text": text, "evidence": evidence, "source": source, "basis": basis or "stated"}
        for rec_id, audience, text, evidence, source, basis in rec_rows
    }
    labels = dict(zip(_column(findings, "finding_id"), _column(findings, "statement"), strict=True))
    into: dict[str, list[tuple[str, str, str]]] = {}
    overcomes: dict[str, list[tuple[str, str]]] = {}
    relations = _column(links, "relation")
    folded = {relation: fold(relation) for relation in set(relations)}
    for from_id, to_id, relation, basis in zip(
        _column(links, "from_id"), _column(links, "to_id"), relations, _column(links, "basis", "inferred"), strict=True
    ):
        relation = folded[relation]
        if relation in (ADDRESSES, BUILDS_ON) and from_id in recs:
            into.setdefault(to_id, []).append((from_id, relation, basis))
        elif relation == OVERCOMES:
            overcomes.setdefault(from_id, []).append((to_id, basis))
    return RecommendationMap(into=into, overcomes=overcomes, labels=labels, recommendations=recs)


def _routes(mapping: RecommendationMap, finding_id: str) -> list[dict]:
    rows: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for rec_id, relation, basis in mapping.into.get(finding_id, []):
        if (rec_id, "") not in seen:
            seen.add((rec_id, ""))
            rows.append(
                {
                    "finding_id": finding_id,
                    "recommendation_id": rec_id,
                    "relation": relation,
                    "via_id": "",
                    "step": 1,
                    "basis": _combined_basis(basis),
                }
            )
    for barrier, step_basis in mapping.overcomes.get(finding_id, []):
        for rec_id, relation, basis in mapping.into.get(barrier, []):
            if relation != ADDRESSES or (rec_id, barrier) in seen:
                continue
            seen.add((rec_id, barrier))
            rows.append(
                {
                    "finding_id": finding_id,
                    "recommendation_id": rec_id,
                    "relation": ADDRESSES,
                    "via_id": barrier,
                    "step": 2,
                    "basis": _combined_basis(step_basis, basis),
                }
            )
    return rows


def recommendation_routes(mapping: RecommendationMap, finding_ids: list[str]) -> pd.DataFrame:
    """How recommendations reach each finding: directly (addresses / builds on), or, for a finding that
    overcomes a barrier, through the recommendations that address that barrier (one step, no further).

    Returns finding_id, recommendation_id, relation, via_id (the barrier stepped through, "" if direct),
    step (1 or 2) and basis ("inferred" when any link on the route is inferred).
    """
    rows = [row for finding_id in dict.fromkeys(finding_ids) for row in _routes(mapping, finding_id)]
    return pd.DataFrame(rows, columns=ROUTE_COLUMNS)


def route_reason(route: dict, labels: dict[str, str]) -> str:
    """Plain words for one route, e.g. "addresses F015 (Social workers do not …)". Not escaped."""

    def described(finding_id: str) -> str:
        label = labels.get(finding_id, "")
        return f"{finding_id} ({label})" if label else finding_id

    if route["step"] == 1:
        return f"{route['relation']} {described(route['finding_id'])}"
    return f"addresses {described(route['via_id'])}, a barrier that {described(route['finding_id'])} overcomes"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def why_sentence(routes: list[dict], labels: dict[str, str]) -> str:
    """Why a recommendation answers these gaps, as one plain clause naming each finding once by its
    statement, e.g. "it addresses “Neither service makes collaboration a priority”, which “Face to face
    contact builds relationships” overcomes". Not escaped; ids appear only for a finding with no words.

    A barrier reached both directly and through an enabler that overcomes it is named once, with that
    enabler; an enabler the recommendation builds on takes the barriers it overcomes into its own clause.
    """

    def quoted(finding_id: str) -> str:
        return f"“{(labels.get(finding_id) or finding_id).strip().rstrip('.')}”"

    addressed: dict[str, list[str]] = {}
    builds_on: list[str] = []
    for route in routes:
        if route["step"] == 1 and route["relation"] == BUILDS_ON:
            if route["finding_id"] not in builds_on:
                builds_on.append(route["finding_id"])
        elif route["step"] == 1:
            addressed.setdefault(route["finding_id"], [])
        else:
            overcomers = addressed.setdefault(route["via_id"], [])
            if route["finding_id"] not in overcomers:
                overcomers.append(route["finding_id"])
    # A barrier goes into an enabler's clause only when that enabler is all that overcomes it here.
    claimed = {
        barrier: overcomers[0]
        for barrier, overcomers in addressed.items()
        if len(overcomers) == 1 and overcomers[0] in builds_on
    }
    plain, clauses = [], []
    for barrier, overcomers in addressed.items():
        if barrier in claimed or barrier in builds_on:
            continue
        others = [quoted(enabler) for enabler in overcomers if enabler not in builds_on and enabler != barrier]
        if others:
            verb = "overcomes" if len(others) == 1 else "overcome"
            clauses.append(f"addresses {quoted(barrier)}, which {_and_list(others)} {verb}")
        else:
            plain.append(quoted(barrier))
    if plain:
        clauses.insert(0, f"addresses {_and_list(plain)}")
    plain = []
    for enabler in builds_on:
        barriers = [quoted(barrier) for barrier, owner in claimed.items() if owner == enabler]
        if barriers:
            pronoun = "it" if len(barriers) == 1 else "them"
            clauses.append(
                f"addresses {_and_list(barriers)} and builds on {quoted(enabler)}, which overcomes {pronoun}"
            )
        else:
            plain.append(quoted(enabler))
    if plain:
        clauses.append(f"builds on {_and_list(plain)}")
    if not clauses:
        return ""
    if len(clauses) == 1:
        return f"it {clauses[0]}"
    return "it " + "; it ".join(clauses[:-1]) + "; and it " + clauses[-1]


def area_recommendations(scored: pd.DataFrame, theme: str, mapping: RecommendationMap) -> pd.DataFrame:
    """The recommendations for one theme's gaps: items rated not in place first, then partly.

    One row per recommendation, in that priority order then direct links before one-step ones, with
    its audience, text, evidence, source, basis, and the reasons (routes) that link it to the gaps.
    """
    gaps = [
        (item_id, finding_id, rating)
        for item_id, item_theme, finding_id, rating in zip(
            scored["item_id"].tolist(),
            scored["theme"].tolist(),
            scored["finding_id"].tolist(),
            scored["rating"].tolist(),
            strict=True,
        )
        if item_theme == theme and rating in GAP_RATINGS
    ]
    gaps.sort(key=lambda gap: GAP_RATINGS.index(gap[2]))
    collected: dict[str, dict] = {}
    for item_id, finding_id, _rating in gaps:
        for route in _routes(mapping, finding_id):
            rec_id = route["recommendation_id"]
            entry = collected.get(rec_id)
            if entry is None:
                entry = {
                    "recommendation_id": rec_id,
                    **mapping.recommendations[rec_id],
                    "link_basis": "stated",
                    "item_ids": [],
                    "reasons": [],
                    "routes": [],
                }
                collected[rec_id] = entry
            if item_id not in entry["item_ids"]:
                entry["item_ids"].append(item_id)
            reason = route_reason(route, mapping.labels)
            if reason not in entry["reasons"]:
                entry["reasons"].append(reason)
                entry["routes"].append(route)
            entry["link_basis"] = _combined_basis(entry["link_basis"], route["basis"])
    for entry in collected.values():
        entry["why"] = why_sentence(entry.pop("routes"), mapping.labels)
    return pd.DataFrame(list(collected.values()), columns=AREA_COLUMNS)


ALL_AUDIENCES = ""  # the audience choice that filters nothing; "" so that it stays out of the URL


def audiences_of(recommendations: pd.DataFrame) -> list[str]:
    """The audiences a dataset's recommendations are for, in the order the data first names them."""
    if "audience" not in recommendations:
        return []
    return [audience for audience in dict.fromkeys(recommendations["audience"].astype(str)) if audience.strip()]


def for_audience(recommendations: pd.DataFrame, audience: str | None) -> pd.DataFrame:
    """The recommendations for one audience, in their order; every one for ALL_AUDIENCES (or None)."""
    if not audience:
        return recommendations
    return recommendations.loc[recommendations["audience"].astype(str) == audience].reset_index(drop=True)


def audience_label(audience: str) -> str:
    return "All audiences" if audience == ALL_AUDIENCES else audience


def plan_ids(area_frames: list[pd.DataFrame]) -> list[str]:
    """Recommendation ids across areas, in order, each once."""
    ids: list[str] = []
    for frame in area_frames:
        ids.extend(frame["recommendation_id"].astype(str))
    return list(dict.fromkeys(ids))


def add_to_plan(plan: list[str] | None, new_ids: list[str]) -> tuple[list[str], list[str]]:
    """The plan with new ids appended (no duplicates, existing order kept) and the ids actually added."""
    current = list(dict.fromkeys(plan or []))
    added = [rec_id for rec_id in dict.fromkeys(new_ids) if rec_id not in current]
    return current + added, added


# ---------------------------------------------------------------------------------------------
# Answers file out and in


def answers_frame(items: pd.DataFrame, answers: dict[str, str], assessed_on: dt.date) -> pd.DataFrame:
    """The answers as a table to download: every statement, its rating ("" if not answered) and the date."""
    frame = items.loc[:, ["item_id", "theme", "statement", "finding_id"]].astype(str).copy()
    frame["rating"] = [answers.get(item_id, "") or "" for item_id in frame["item_id"]]
    frame["assessed_on"] = assessed_on.isoformat()
    return frame.loc[:, list(ANSWER_COLUMNS)].reset_index(drop=True)


def answers_file_name(assessed_on: dt.date) -> str:
    return f"self-assessment-answers-{assessed_on.isoformat()}.csv"


@dataclass(frozen=True)
class EarlierAnswers:
    """Answers read back from a file: item id -> rating, the date they were given (if the file says), notes."""

    answers: dict[str, str]
    assessed_on: str
    notes: tuple[str, ...] = ()


def _answers_spec(file_name: str) -> TableSpec:
    return TableSpec(
        file=file_name,
        id_column="item_id",
        required=("item_id", "rating"),
        optional=("theme", "statement", "finding_id", "assessed_on"),
    )


def read_answers(file_name: str, raw: bytes, items: pd.DataFrame) -> EarlierAnswers:
    """Read an answers file saved by this page, or raise DatasetError naming file, row and column."""
    text, decode_note = decode_text(file_name, raw)
    spec = _answers_spec(file_name)
    frame, problems, notes = parse_table(spec, text)
    if decode_note:
        notes = [f"{file_name}: {decode_note}.", *notes]
    if frame.empty:
        raise DatasetError(problems or [Problem(file_name, None, None, "the file has no answers.")])
    known = list(items["item_id"].astype(str))
    allowed = ", ".join(RATINGS)
    seen: dict[str, int] = {}
    answers: dict[str, str] = {}
    for row_text, item_id, raw_rating in zip(frame["_row"], frame["item_id"], frame["rating"], strict=True):
        row_number, item_id, raw_rating = int(row_text), str(item_id), str(raw_rating)
        if not item_id:
            problems.append(
                Problem(file_name, row_number, "item_id", "this cell is blank; every row needs an item_id.")
            )
            continue
        if item_id not in known:
            shown = ", ".join(known[:3]) + (" …" if len(known) > 3 else "")
            problems.append(
                Problem(
                    file_name,
                    row_number,
                    "item_id",
                    f"'{item_id}' is not a statement in this self-assessment (its ids are {shown}). "
                    "Was the file saved from a different dataset?",
                )
            )
            continue
        if item_id in seen:
            problems.append(
                Problem(
                    file_name,
                    row_number,
                    "item_id",
                    f"'{item_id}' is answered twice (rows {seen[item_id]} and {row_number}); "
                    "keep one row per statement.",
                )
            )
            continue
        seen[item_id] = row_number
        rating = normalise_rating(raw_rating)
        if raw_rating and rating is None:
            problems.append(
                Problem(
                    file_name,
                    row_number,
                    "rating",
                    f"'{raw_rating}' is not a rating; use one of: {allowed} (or leave it blank).",
                )
            )
            continue
        if rating:
            answers[item_id] = rating
    if problems:
        raise DatasetError(problems)
    dates = []
    if "assessed_on" in frame.columns:
        dates = [value for value in dict.fromkeys(frame["assessed_on"].astype(str)) if value]
    if not answers:
        notes.append(f"{file_name}: no statement has a rating, so there is nothing to compare.")
    return EarlierAnswers(answers=answers, assessed_on=", ".join(dates), notes=tuple(notes))


# ---------------------------------------------------------------------------------------------
# What changed


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
    return f"{direction} {_number(abs(change))}"


# ---------------------------------------------------------------------------------------------
# Chart and its text alternative


def score_chart(ranked: pd.DataFrame, focus: list[str]) -> go.Figure:
    """Theme scores out of 2 as dots on stems, weakest at the top, the focus areas in ink, the rest in grey.

    Dots rather than bars because a score of 0 is an answer, and a bar of length 0 cannot be seen.
    """
    figure = go.Figure()
    labels = {theme: wrap_label(escape_plotly(theme), width=28) for theme in ranked["theme"]}
    for name, colour, is_focus in (("Weakest areas", FOCUS_COLOUR, True), ("Other areas", OTHER_COLOUR, False)):
        subset = ranked.loc[ranked["theme"].isin(focus) == is_focus]
        if subset.empty:
            continue
        stems_x: list[float | None] = []
        stems_y: list[str | None] = []
        for theme, score in zip(subset["theme"], subset["score"], strict=True):
            stems_x += [0, score, None]
            stems_y += [labels[theme], labels[theme], None]
        figure.add_trace(
            go.Scatter(
                x=stems_x,
                y=stems_y,
                mode="lines",
                line={"color": colour, "width": 6},
                hoverinfo="skip",
                showlegend=False,
                legendgroup=name,
            )
        )
        figure.add_trace(
            go.Scatter(
                x=subset["score"],
                y=[labels[theme] for theme in subset["theme"]],
                mode="markers+text",
                name=name,
                legendgroup=name,
                marker={"color": colour, "size": 22, "line": {"color": "#FFFFFF", "width": 2}},
                text=[format_score(score) for score in subset["score"]],
                textposition="middle right",
                textfont={"size": FONT_SIZE, "color": colour},
                # The raw theme, so a click can open that area's passages; the hover shows it escaped.
                customdata=[[theme] for theme in subset["theme"]],
                hovertext=[escape_plotly(theme) for theme in subset["theme"]],
                hovertemplate="%{hovertext}: %{x:.2f} out of 2 · click for the source passages<extra></extra>",
            )
        )
    figure.update_layout(
        height=max(240, 80 * len(ranked) + 140),
        margin={"l": 10, "r": 20, "t": 10, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0, "font": {"size": FONT_SIZE}},
        hoverlabel={"font": {"size": FONT_SIZE}},
        clickmode="event+select",
        dragmode=False,
    )
    figure.update_xaxes(
        range=[-0.08, MAX_SCORE + 0.55],
        tickvals=[0, 1, 2],
        ticktext=["0 not in place", "1 partly", "2 fully"],
        tickfont={"size": FONT_SIZE, "color": TEXT_COLOUR},
        title={"text": "Score out of 2 (mean of your ratings)", "font": {"size": FONT_SIZE, "color": TEXT_COLOUR}},
        showgrid=True,
        zeroline=False,
    )
    # Plotly draws the first category at the bottom; reverse so the weakest reads first, at the top.
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=[labels[theme] for theme in ranked["theme"]][::-1],
        tickfont={"size": FONT_SIZE, "color": TEXT_COLOUR},
        automargin=True,
    )
    return figure


def theme_from_selection(selection: object) -> str | None:
    """The area (theme) of the score dot just clicked (None when nothing is selected)."""
    customdata = selected_customdata(selection)
    return customdata[0] if customdata else None


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


def chart_summary(ranked: pd.DataFrame, unscored: list[str]) -> str:
    """The chart in one sentence, generated from the data. Not escaped."""
    if ranked.empty:
        return "No theme has a rating yet."
    parts = [f"{row.theme} {format_score(row.score)}" for row in ranked.itertuples()]
    sentence = f"Scores by theme, weakest first (mean of your ratings, out of 2): {'; '.join(parts)}."
    if unscored:
        sentence += f" Not scored yet (no rating other than don't know): {', '.join(unscored)}."
    return sentence


def chart_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """The chart's numbers with readable column names, for the table under it."""
    table = ranked.loc[:, ["rank", "theme", "score", "rated", "not_in_place", "partly", "fully", "dont_know"]].copy()
    table["score"] = table["score"].round(2)
    return table.rename(
        columns={
            "rank": "Rank (1 = weakest)",
            "theme": "Theme",
            "score": "Score out of 2",
            "rated": "Statements rated",
            "not_in_place": "Not in place",
            "partly": "Partly",
            "fully": "Fully in place",
            "dont_know": "Don't know",
        }
    )
