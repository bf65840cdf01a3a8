"""Search, facets and one item's own view for the Explore page, computed from the dataset.

Nothing here imports Streamlit. Findings, recommendations and context evidence are put in one
table (the "corpus") so a single search box and one set of facets cover them all; each row keeps
its kind, so the page can say plainly which rows are context from other sources, not this study.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from components.data.links import LinkIndex
from components.data.model import Dataset
from components.data.vocabulary import BASIS_VALUES, CATEGORIES
from components.shared.text import fold, search_fold, search_fold_series

FINDING = "finding"
RECOMMENDATION = "recommendation"
CONTEXT = "context"
KINDS = (FINDING, RECOMMENDATION, CONTEXT)
KIND_LABELS = {FINDING: "Findings", RECOMMENDATION: "Recommendations", CONTEXT: "Context evidence"}
KIND_SINGULAR = {FINDING: "Finding", RECOMMENDATION: "Recommendation", CONTEXT: "Context evidence (not this study)"}

CORPUS_COLUMNS = (
    "item_id",
    "kind",
    "text",
    "evidence",
    "source",
    "group",
    "category",
    "theme",
    "theme_basis",
    "basis",
    "detail",
    "audience",
    "cop_element",
    "cop_text",
    "title",
)

# Which fields a search looks in, per kind, with the name a reader sees for each ("found in: evidence").
SEARCH_FIELDS = {
    FINDING: (("text", "statement"), ("theme", "theme"), ("evidence", "evidence"), ("detail", "detail")),
    RECOMMENDATION: (
        ("text", "recommendation"),
        ("evidence", "evidence"),
        ("audience", "audience"),
        ("cop_text", "Communities of Practice element"),
    ),
    CONTEXT: (("title", "title"), ("text", "statement"), ("evidence", "evidence")),
}

# The `cop_element` column holds one of Wenger's Communities of Practice elements (data/README.md), so a
# search for the lens itself ("Communities of Practice", "Wenger") finds every recommendation given one.
COP_LENS = "Wenger's Communities of Practice element"

# Facets in the order the page shows them; the URL parameter is the facet's own name.
FACETS = ("kind", "group", "category", "theme", "basis")
FACET_LABELS = {"kind": "Show", "group": "Group", "category": "Category", "theme": "Theme", "basis": "Basis"}

_EDGE_PUNCTUATION = string.punctuation.replace("&", "") + "…"
# A phrase is what stands between double quotes, straight or curly ("…", “…”, „…“).
_PHRASE = re.compile(r'"([^"]+)"|“([^”“]+)”|„([^“”]+)[“”]')


def _clean_term(term: str) -> str:
    return term.strip(_EDGE_PUNCTUATION).strip()


def query_terms(query: object) -> list[str]:
    """What a query asks for, folded (`search_fold`): each word, and each phrase in double quotes as one term.

    `familiarity "there for the child"` gives ["familiarity", "there for the child"]; punctuation at a
    word's edges is dropped and blanks are skipped. A quote mark left open is read as plain words.
    """
    text = "" if query is None else str(query)
    terms: list[str] = []
    rest = []
    position = 0
    for match in _PHRASE.finditer(text):
        rest.append(text[position : match.start()])
        phrase = " ".join(_clean_term(word) for word in search_fold(next(g for g in match.groups() if g)).split(" "))
        phrase = " ".join(phrase.split())
        if phrase:
            terms.append(phrase)
        position = match.end()
    rest.append(text[position:])
    words = (_clean_term(word) for word in search_fold(" ".join(rest)).split(" "))
    return [word for word in words if word] + terms


# ---------------------------------------------------------------------------------------------
# The corpus


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype("string").fillna("")
    return pd.Series([""] * len(frame), index=frame.index, dtype="string")


def build_corpus(dataset: Dataset) -> pd.DataFrame:
    """Findings, recommendations and context evidence as one table with CORPUS_COLUMNS (all strings)."""
    parts = []
    findings = dataset.findings
    if not findings.empty:
        parts.append(
            pd.DataFrame(
                {
                    "item_id": _column(findings, "finding_id"),
                    "kind": FINDING,
                    "text": _column(findings, "statement"),
                    "evidence": _column(findings, "evidence"),
                    "source": _column(findings, "source"),
                    "group": _column(findings, "group"),
                    "category": _column(findings, "category"),
                    "theme": _column(findings, "theme"),
                    "theme_basis": _column(findings, "theme_basis"),
                    "basis": _column(findings, "basis"),
                    "detail": _column(findings, "detail"),
                }
            )
        )
    recommendations = dataset.recommendations
    if not recommendations.empty:
        parts.append(
            pd.DataFrame(
                {
                    "item_id": _column(recommendations, "recommendation_id"),
                    "kind": RECOMMENDATION,
                    "text": _column(recommendations, "text"),
                    "evidence": _column(recommendations, "evidence"),
                    "source": _column(recommendations, "source"),
                    "basis": _column(recommendations, "basis"),
                    "audience": _column(recommendations, "audience"),
                    "cop_element": _column(recommendations, "cop_element"),
                    "cop_text": _column(recommendations, "cop_element").map(
                        lambda element: f"{COP_LENS}: {element}" if element else ""
                    ),
                }
            )
        )
    context = dataset.context
    if not context.empty:
        parts.append(
            pd.DataFrame(
                {
                    "item_id": _column(context, "context_id"),
                    "kind": CONTEXT,
                    "text": _column(context, "statement"),
                    "evidence": _column(context, "evidence"),
                    "source": _column(context, "source"),
                    "title": _column(context, "title"),
                }
            )
        )
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype="string") for name in CORPUS_COLUMNS})
    corpus = pd.concat(parts, ignore_index=True).reindex(columns=list(CORPUS_COLUMNS))
    return corpus.astype("string").fillna("")


# ---------------------------------------------------------------------------------------------
# Search


def _searched_fields(corpus: pd.DataFrame) -> list[tuple[pd.Series, pd.Series]]:
    """(normalised text, reader's field name) per searched column, blank where a kind does not search it."""
    fields = []
    for column in dict.fromkeys(column for pairs in SEARCH_FIELDS.values() for column, _ in pairs):
        labels = corpus["kind"].map({kind: dict(pairs).get(column, "") for kind, pairs in SEARCH_FIELDS.items()})
        labels = labels.fillna("").astype(str)
        text = search_fold_series(corpus[column].where(labels != "", ""))
        fields.append((text, labels))
    return fields


def search(corpus: pd.DataFrame, query: object) -> pd.DataFrame:
    """Rows where every word (and every "quoted phrase") of the query appears in the row's searched fields.

    Forgiving of case, quote style, dashes and extra spaces. A phrase in double quotes must appear as
    written, word after word, in one field. Rows holding the whole query as a phrase come first,
    then the rest, each in kind order (findings, recommendations, context) and data order.
    Adds `matched_in`: the fields that hold a query word ("" for an empty query).
    """
    terms = query_terms(query)
    kind_rank = {kind: rank for rank, kind in enumerate(KINDS)}
    results = corpus.copy()
    results["_order"] = range(len(results))
    results["_kind_rank"] = results["kind"].map(kind_rank).fillna(len(KINDS)).astype(int)
    results["_phrase"] = False
    results["matched_in"] = ""
    if terms and len(results):
        fields = _searched_fields(results)
        haystack = search_fold_series(results["item_id"])
        for text, _ in fields:
            haystack = haystack + " \n " + text
        keep = pd.Series(True, index=results.index)
        for term in terms:
            keep &= haystack.str.contains(term, regex=False)
        phrase = " ".join(terms)
        results["_phrase"] = ~haystack.str.contains(phrase, regex=False)
        matched = [[] for _ in range(len(results))]
        for text, labels in fields:
            hit = pd.Series(False, index=results.index)
            for term in terms:
                hit |= text.str.contains(term, regex=False)
            names = labels.tolist()
            for position in (hit & (labels != "")).to_numpy().nonzero()[0]:
                label = names[position]
                if label not in matched[position]:
                    matched[position].append(label)
        results["matched_in"] = [", ".join(labels) for labels in matched]
        results = results[keep]
    results = results.sort_values(["_phrase", "_kind_rank", "_order"], kind="stable")
    return results.drop(columns=["_order", "_kind_rank", "_phrase"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Facets


def facet_options(corpus: pd.DataFrame, groups: list[str] | None = None) -> dict[str, list[str]]:
    """Every value each facet can take in this dataset, in a reader's order; blanks are not values."""

    def present(column: str) -> list[str]:
        return [value for value in dict.fromkeys(corpus[column].tolist()) if value]

    def ordered(column: str, preferred: tuple[str, ...] | list[str]) -> list[str]:
        values = present(column)
        return [value for value in preferred if value in values] + [value for value in values if value not in preferred]

    return {
        "kind": ordered("kind", KINDS),
        "group": ordered("group", groups or []),
        "category": ordered("category", CATEGORIES),
        "theme": sorted(present("theme"), key=fold),
        "basis": ordered("basis", BASIS_VALUES),
    }


def apply_facets(frame: pd.DataFrame, selections: dict[str, list[str]], skip: str | None = None) -> pd.DataFrame:
    """Rows matching every facet with a selection (any of its chosen values); `skip` leaves one facet out."""
    keep = pd.Series(True, index=frame.index)
    for facet, chosen in selections.items():
        if facet == skip or not chosen or facet not in frame.columns:
            continue
        keep &= frame[facet].isin(list(chosen))
    return frame[keep]


def facet_counts(
    results: pd.DataFrame, selections: dict[str, list[str]], options: dict[str, list[str]]
) -> dict[str, dict[str, int]]:
    """For each facet and value, how many results it would give with the other facets as chosen.

    Each facet is counted without its own selection, so choosing "MHSW" still shows how many
    "CSW" rows there are: the counts say what picking a value would add.
    """
    counts: dict[str, dict[str, int]] = {}
    for facet, values in options.items():
        narrowed = apply_facets(results, selections, skip=facet)
        tally = narrowed[facet].value_counts() if facet in narrowed.columns else pd.Series(dtype=int)
        counts[facet] = {value: int(tally.get(value, 0)) for value in values}
    return counts


def describe_empty(query: object, selections: dict[str, list[str]], unfaceted_count: int) -> list[str]:
    """What to try when nothing matches, said from what the reader actually asked for."""
    tips = []
    chosen = [FACET_LABELS[facet].lower() for facet in FACETS if selections.get(facet)]
    if chosen and unfaceted_count:
        tips.append(
            f"Your search matches {unfaceted_count} item{'s' if unfaceted_count != 1 else ''} once the "
            f"filters ({', '.join(chosen)}) are cleared: clear them to see them."
        )
    terms = query_terms(query)
    if len(terms) > 1:
        tips.append("Use fewer words: every word must appear in the same item.")
    if any(" " in term for term in terms):
        tips.append("Drop the double quotes: a phrase in quotes must appear word for word.")
    if terms:
        tips.append("Try a shorter form of a word (“familiar” finds “familiarity”) or a related one (“training”).")
    if not tips:
        tips.append("Clear the filters, or try a word such as “familiarity”, “supervision” or “narratives”.")
    return tips


def glossary_matches(glossary: pd.DataFrame, query: object, limit: int = 3) -> pd.DataFrame:
    """Glossary entries holding every term of the query in their term or definition, exact terms first."""
    terms = query_terms(query)
    if glossary.empty or not terms or not {"term", "definition"} <= set(glossary.columns):
        return glossary.head(0)
    term_text = search_fold_series(glossary["term"])
    text = term_text + " \n " + search_fold_series(glossary["definition"])
    keep = pd.Series(True, index=glossary.index)
    for term in terms:
        keep &= text.str.contains(term, regex=False)
    exact = term_text == " ".join(terms)
    ranked = glossary.assign(_exact=~exact)[keep].sort_values("_exact", kind="stable")
    return ranked.drop(columns="_exact").head(limit).reset_index(drop=True)


def _vocabulary(corpus: pd.DataFrame) -> list[str]:
    words: dict[str, None] = {}
    for column in dict.fromkeys(column for pairs in SEARCH_FIELDS.values() for column, _ in pairs):
        if column in corpus.columns:
            for text in search_fold_series(corpus[column]).tolist():
                for word in text.split(" "):
                    word = _clean_term(word)
                    if len(word) > 3:
                        words[word] = None
    return list(words)


def suggestions(corpus: pd.DataFrame, glossary: pd.DataFrame, query: object, limit: int = 5) -> list[str]:
    """Searches worth trying when nothing matches: glossary terms and words in the data that look like the
    query's words (near spellings); without any, the glossary's first terms."""
    terms = query_terms(query)
    glossary_terms = glossary["term"].astype(str).tolist() if not glossary.empty and "term" in glossary else []
    by_form = {search_fold(term): term for term in glossary_terms}
    vocabulary = _vocabulary(corpus) if len(corpus) else []
    found: dict[str, str] = {}
    for term in terms:
        for near in difflib.get_close_matches(term, list(by_form), n=2, cutoff=0.6):
            found.setdefault(near, by_form[near])
        for word in term.split(" "):
            for near in difflib.get_close_matches(word, vocabulary, n=3, cutoff=0.75):
                if near != word and near.rstrip("s") not in found:
                    found.setdefault(near, near)
    if not found:
        return glossary_terms[:limit]
    return list(found.values())[:limit]


# ---------------------------------------------------------------------------------------------
# One item's own view


def find_item(corpus: pd.DataFrame, item_id: object) -> pd.Series | None:
    """The row with this id (exact, else the only one that matches ignoring case and spaces), or None."""
    if item_id is None:
        return None
    wanted = str(item_id).strip()
    if not wanted:
        return None
    exact = corpus[corpus["item_id"] == wanted]
    if len(exact) == 1:
        return exact.iloc[0]
    loose = corpus[corpus["item_id"].map(fold) == fold(wanted)]
    return loose.iloc[0] if len(loose) == 1 else None


@dataclass(frozen=True)
class Relation:
    heading: str
    order: int


# How a link reads from each end: "F028 overcomes F015" is, seen from F015, "overcome by F028".
_OUTGOING = {"overcomes": "Helps overcome", "addresses": "Addresses", "builds on": "Builds on"}
_INCOMING = {"overcomes": "What helps overcome it", "addresses": "Addressed by", "builds on": "Built on by"}


def relation_heading(relation: object, outgoing: bool) -> str:
    """A heading for a group of linked items, read from the viewed item's side of the link."""
    name = str(relation or "").strip()
    table = _OUTGOING if outgoing else _INCOMING
    if name.casefold() in table:
        return table[name.casefold()]
    if not name:
        return "Linked to" if outgoing else "Linked from"
    return name[:1].upper() + name[1:] if outgoing else f"Linked from ({name})"


LINKED_COLUMNS = ("heading", "outgoing", "relation", "item_id", "kind", "text", "category", "link_basis", "note")


def linked_items(corpus: pd.DataFrame, link_index: LinkIndex, item_id: str) -> pd.DataFrame:
    """Everything linked to an item, both directions, with the linked item's text and the link's basis.

    Read from the dataset's link index (`Dataset.link_index`), never from the links table itself.
    Outgoing links come first, then incoming, each grouped by relation in data order. A linked id
    that is not in the corpus keeps an empty kind and text, so the page can show it without a link.
    """
    neighbours = link_index.neighbours(item_id)
    if not neighbours:
        return pd.DataFrame(columns=list(LINKED_COLUMNS))
    # One lookup table of the few linked rows, not an index of the whole corpus per call.
    wanted = {neighbour.item_id for neighbour in neighbours}
    known = {
        row["item_id"]: row
        for row in corpus.loc[corpus["item_id"].isin(wanted), ["item_id", "kind", "text", "category"]]
        .drop_duplicates("item_id")
        .to_dict("records")
    }
    blank = {"kind": "", "text": "", "category": ""}
    rows = [
        {
            "heading": relation_heading(neighbour.link.relation, neighbour.outgoing),
            "outgoing": neighbour.outgoing,
            "relation": neighbour.link.relation,
            "item_id": neighbour.item_id,
            "kind": known.get(neighbour.item_id, blank)["kind"],
            "text": known.get(neighbour.item_id, blank)["text"],
            "category": known.get(neighbour.item_id, blank)["category"],
            "link_basis": neighbour.link.basis,
            "note": neighbour.link.note,
        }
        for neighbour in neighbours
    ]
    frame = pd.DataFrame(rows, columns=list(LINKED_COLUMNS))
    # The index gives outgoing links first, then incoming; within each, links of one heading sit together
    # in the order their heading first appears.
    frame["_first"] = frame.groupby(["outgoing", "heading"], sort=False).ngroup()
    frame["_direction"] = ~frame["outgoing"].astype(bool)
    frame = frame.sort_values(["_direction", "_first"], kind="stable")
    return frame.drop(columns=["_first", "_direction"]).reset_index(drop=True)


def same_theme(corpus: pd.DataFrame, item: pd.Series) -> pd.DataFrame:
    """Other findings coded to the same theme as this one (empty for items without a theme)."""
    theme = item.get("theme", "")
    if not theme:
        return corpus.head(0)
    return corpus[(corpus["theme"] == theme) & (corpus["item_id"] != item["item_id"])]


# ---------------------------------------------------------------------------------------------
# Download

EXPORT_COLUMNS = {
    "item_id": "id",
    "kind": "type",
    "text": "statement or recommendation",
    "evidence": "evidence (verbatim)",
    "source": "source",
    "group": "group",
    "category": "category",
    "theme": "theme",
    "theme_basis": "theme basis",
    "basis": "basis",
    "detail": "detail",
    "audience": "audience",
    "cop_element": "communities of practice element",
    "title": "context title",
}


def export_table(results: pd.DataFrame) -> pd.DataFrame:
    """The current results as a reader-facing table for download: named columns, no internal ones."""
    table = results.reindex(columns=list(EXPORT_COLUMNS)).fillna("").copy()
    table["kind"] = table["kind"].map(lambda kind: KIND_SINGULAR.get(kind, kind))
    return table.rename(columns=EXPORT_COLUMNS).reset_index(drop=True)


def as_finding(item: Mapping[str, str]) -> dict[str, str]:
    """A finding row of the corpus in the findings table's shape, for `quotes.show_finding`.

    A plain dict, not a pandas Series: a result page draws 25 of these per run, and building a Series
    each time cost about 1.5 ms a card.
    """
    return {
        "finding_id": item["item_id"],
        "group": item["group"],
        "category": item["category"],
        "theme": item["theme"],
        "theme_basis": item["theme_basis"],
        "statement": item["text"],
        "evidence": item["evidence"],
        "source": item["source"],
        "detail": item["detail"],
        "basis": item["basis"],
    }


def search_params(query: str, selections: dict[str, list[str]]) -> dict[str, object]:
    """The URL parameters that reopen this search: `q` for the text, one repeated parameter per facet."""
    params: dict[str, object] = {"q": query.strip()}
    for facet in FACETS:
        params[facet] = list(selections.get(facet, []))
    return params


def kind_summary(results: pd.DataFrame) -> str:
    """'9 findings, 2 recommendations and 1 context evidence item', from the results' kinds."""
    counts = results["kind"].value_counts()
    names = {
        FINDING: ("finding", "findings"),
        RECOMMENDATION: ("recommendation", "recommendations"),
        CONTEXT: ("context evidence item", "context evidence items"),
    }
    parts = [
        f"{int(counts[kind])} {names[kind][0] if counts[kind] == 1 else names[kind][1]}"
        for kind in KINDS
        if counts.get(kind, 0)
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "nothing"
