"""From a theme's gaps to the recommendations that answer them, through the dataset's link index.

A gap's finding reaches a recommendation directly (the recommendation "addresses" or "builds on" it) or, for
a finding that overcomes a barrier, through the recommendations that address that barrier: one step, no
further. Relations come normalised from `Dataset.link_index`, so nothing here folds or re-reads links.csv.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.assessment.scale import GAP_RATINGS
from components.data.links import RECOMMENDATION_KIND, LinkIndex
from components.data.model import Dataset
from components.shared.text import cell_text
from components.shared.wording import spoken_list

ADDRESSES = "addresses"
BUILDS_ON = "builds on"
OVERCOMES = "overcomes"


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
    "element",
    "link_basis",
    "item_ids",
    "reasons",
    "why",
]


@dataclass(frozen=True)
class RecommendationMap:
    """What mapping a gap to recommendations looks up, built once per dataset (a view, shared read-only).

    links: the dataset's link index; labels: finding id -> statement; recommendations: recommendation id ->
    its audience, text, evidence, source and basis.
    """

    links: LinkIndex
    labels: dict[str, str]
    recommendations: dict[str, dict[str, str]]


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    if name not in frame.columns:
        return [""] * len(frame)
    return [cell_text(value) for value in frame[name].tolist()]


def build_recommendation_map(dataset: Dataset) -> RecommendationMap:
    """The dataset's recommendations and finding statements as lookups, beside its link index."""
    recommendations, findings = dataset.recommendations, dataset.findings
    rec_rows = zip(
        _column(recommendations, "recommendation_id"),
        _column(recommendations, "audience"),
        _column(recommendations, "text"),
        _column(recommendations, "evidence"),
        _column(recommendations, "source"),
        _column(recommendations, "basis"),
        _column(recommendations, "cop_element"),
        strict=True,
    )
    recs = {
        rec_id: {
            "audience": audience,
            "text": text,
            "evidence": evidence,
            "source": source,
            "basis": basis or "stated",
            # The lens element the basis qualifies; blank for a study without a lens (the loader set it aside).
            "element": element,
        }
        for rec_id, audience, text, evidence, source, basis, element in rec_rows
    }
    labels = dict(zip(_column(findings, "finding_id"), _column(findings, "statement"), strict=True))
    return RecommendationMap(links=dataset.link_index, labels=labels, recommendations=recs)


def _recommendations_into(mapping: RecommendationMap, finding_id: str, relations: tuple[str, ...]):
    """The recommendations linked to a finding by these relations, in links.csv's order."""
    return mapping.links.neighbours(finding_id, outgoing=False, kinds=(RECOMMENDATION_KIND,), relations=relations)


def _routes(mapping: RecommendationMap, finding_id: str) -> list[dict]:
    rows: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for into in _recommendations_into(mapping, finding_id, (ADDRESSES, BUILDS_ON)):
        rec_id = into.item_id
        if (rec_id, "") not in seen:
            seen.add((rec_id, ""))
            rows.append(
                {
                    "finding_id": finding_id,
                    "recommendation_id": rec_id,
                    "relation": into.link.relation,
                    "via_id": "",
                    "step": 1,
                    "basis": _combined_basis(into.link.basis),
                }
            )
    for overcome in mapping.links.neighbours(finding_id, outgoing=True, relations=(OVERCOMES,)):
        barrier = overcome.item_id
        for into in _recommendations_into(mapping, barrier, (ADDRESSES,)):
            rec_id = into.item_id
            if (rec_id, barrier) in seen:
                continue
            seen.add((rec_id, barrier))
            rows.append(
                {
                    "finding_id": finding_id,
                    "recommendation_id": rec_id,
                    "relation": ADDRESSES,
                    "via_id": barrier,
                    "step": 2,
                    "basis": _combined_basis(overcome.link.basis, into.link.basis),
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
            clauses.append(f"addresses {quoted(barrier)}, which {spoken_list(others)} {verb}")
        else:
            plain.append(quoted(barrier))
    if plain:
        clauses.insert(0, f"addresses {spoken_list(plain)}")
    plain = []
    for enabler in builds_on:
        barriers = [quoted(barrier) for barrier, owner in claimed.items() if owner == enabler]
        if barriers:
            pronoun = "it" if len(barriers) == 1 else "them"
            clauses.append(
                f"addresses {spoken_list(barriers)} and builds on {quoted(enabler)}, which overcomes {pronoun}"
            )
        else:
            plain.append(quoted(enabler))
    if plain:
        clauses.append(f"builds on {spoken_list(plain)}")
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


def recommendation_ids(area_frames: list[pd.DataFrame]) -> list[str]:
    """Recommendation ids across areas, in order, each once: what the "add to my action plan" button adds."""
    ids: list[str] = []
    for frame in area_frames:
        ids.extend(frame["recommendation_id"].astype(str))
    return list(dict.fromkeys(ids))
