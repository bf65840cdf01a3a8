"""Search, facets and one item's own view for the Explore page, computed from the dataset.

Nothing here imports Streamlit. Everything a student reads (findings, recommendations, the study's question,
method and limits, the glossary with the Communities of Practice lens, discussion prompts and context
evidence) is put in one table (the "corpus") so a single search box and one set of facets cover them all;
each row keeps its kind, so the page can say plainly what each result is and whose words it quotes.
Matching and ranking are SQLite FTS5's (components/shared/search_index.py), never hand-written.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from components.data.links import LinkIndex
from components.data.model import Dataset
from components.data.vocabulary import BASIS_VALUES, CATEGORIES
from components.shared import study_words
from components.shared.search_index import (
    Highlight,
    Hits,
    SearchIndex,
    index_texts,
    parse_query,
)
from components.shared.text import fold
from components.shared.wording import spoken_list

FINDING = "finding"
RECOMMENDATION = "recommendation"
CONTEXT = "context"
STUDY = "study"
GLOSSARY = "glossary"
PROMPT = "prompt"
KINDS = (FINDING, RECOMMENDATION, STUDY, GLOSSARY, PROMPT, CONTEXT)
KIND_LABELS = {
    FINDING: "Findings",
    RECOMMENDATION: "Recommendations",
    STUDY: "About the study",
    GLOSSARY: "Glossary",
    PROMPT: "Discussion prompts",
    CONTEXT: "Context evidence",
}
KIND_SINGULAR = {
    FINDING: "Finding",
    RECOMMENDATION: "Recommendation",
    STUDY: "About the study",
    GLOSSARY: "Glossary",
    PROMPT: "Discussion prompt",
    CONTEXT: "Context evidence (not this study)",
}

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
    "lens",
)

# Which corpus columns each index column holds, per kind. bm25 weighs them (search_index.WEIGHTS): "words"
# (the item's own words) and "evidence" (its verbatim quote) most, "labels" (what this app adds) least.
INDEX_LAYOUT: dict[str, dict[str, tuple[str, ...]]] = {
    FINDING: {
        "words": ("text",),
        "evidence": ("evidence",),
        "detail": ("detail",),
        "labels": ("theme", "group", "category"),
    },
    RECOMMENDATION: {"words": ("text",), "evidence": ("evidence",), "detail": ("audience",), "labels": ("cop_text",)},
    STUDY: {"words": ("title", "text"), "evidence": ("evidence",)},
    GLOSSARY: {"words": ("title", "text"), "evidence": ("evidence",)},
    PROMPT: {"words": ("text",), "evidence": ("evidence",), "detail": ("detail",), "labels": ("lens",)},
    CONTEXT: {"words": ("title", "text"), "evidence": ("evidence",)},
}
# What a reader calls a recommendation's lens element when no study is named: a page passes the study's own
# (lens_field: "Communities of Practice element" for the bundled study).
NEUTRAL_LENS_FIELD = "lens element"
# What a reader calls each index column, per kind ("Found in: statement, evidence").
FIELD_NAMES: dict[str, dict[str, str]] = {
    FINDING: {"words": "statement", "evidence": "evidence", "detail": "detail", "labels": "theme, group or category"},
    RECOMMENDATION: {
        "words": "recommendation",
        "evidence": "evidence",
        "detail": "audience",
        "labels": NEUTRAL_LENS_FIELD,
    },
    STUDY: {"words": "what the study says", "evidence": "evidence"},
    GLOSSARY: {"words": "term and definition", "evidence": "evidence"},
    PROMPT: {"words": "question", "evidence": "evidence", "detail": "notes", "labels": "lens"},
    CONTEXT: {"words": "title or statement", "evidence": "evidence"},
}
_ANY_KIND_NAMES = {"item_id": "id", "folded": "statement or evidence"}


def lens_field(dataset: Dataset) -> str:
    """What a reader calls a recommendation's lens element, in the study's words (study.json's `lens`); blank for
    a study without a lens, whose results have no such field and whose download has no such column."""
    return study_words.lens_element_label(dataset) if study_words.lens(dataset) else ""


def lens_text(dataset: Dataset) -> str:
    """The label searched with each recommendation's element: "Wenger's Communities of Practice element" for
    the bundled study, so a search for the lens itself ("Communities of Practice", "Wenger") finds every
    recommendation given one; as this app's label it weighs least, below the glossary entry quoting the
    study's own words on its lens. A study without a lens has no elements to label (the loader set them aside,
    components/data/lens.py)."""
    found = study_words.lens(dataset)
    label = study_words.lens_element_label(dataset)
    return f"{found.author}'s {label}" if found and found.author else label


# Facets in the order the page shows them; the URL parameter is the facet's own name.
FACETS = ("kind", "group", "category", "theme", "basis")
FACET_LABELS = {"kind": "Show", "group": "Group", "category": "Category", "theme": "Theme", "basis": "Basis"}


def query_terms(query: object) -> list[str]:
    """What a query asks for, as the reader typed it: each word, and each phrase in double quotes as one term
    (`search_index.parse_query`: operators, colons and bare punctuation are plain text or dropped).

    `familiarity "there for the child"` gives ["familiarity", "there for the child"]; a prefix keeps its `*`.
    """
    return [term.text + ("*" if term.prefix else "") for term in parse_query(query)]


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
        lens_label = lens_text(dataset)
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
                        lambda element: f"{lens_label}: {element}" if element else ""
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
    parts.extend(_study_parts(dataset))
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype="string") for name in CORPUS_COLUMNS})
    corpus = pd.concat(parts, ignore_index=True).reindex(columns=list(CORPUS_COLUMNS))
    corpus = corpus.astype("string").fillna("")
    # The kinds in reading order (findings first): an empty search lists the corpus as it stands.
    order = corpus["kind"].map({kind: rank for rank, kind in enumerate(KINDS)}).fillna(len(KINDS))
    return corpus.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def _study_parts(dataset: Dataset) -> list[pd.DataFrame]:
    """The study's question, method and limits, its glossary (with the lens) and its discussion prompts."""
    parts = []
    study = dataset.study
    if study is not None:
        rows = []
        if study.question:
            rows.append(
                ("Question", "The study's question", study.question, study.question_evidence, study.question_source)
            )
        method = " ".join(part.rstrip(".") + "." for part in (study.method.design, study.method.analysis) if part)
        for number, entry in enumerate(study.method.evidence, start=1):
            rows.append((f"Method {number}", "How the study was done", method, entry.quote, entry.source))
        for number, entry in enumerate(study.limits, start=1):
            rows.append((f"Limit {number}", "A limit of the study", entry.limit, entry.quote, entry.source))
        if rows:
            frame = pd.DataFrame(rows, columns=["item_id", "title", "text", "evidence", "source"])
            parts.append(frame.assign(kind=STUDY))
    glossary = dataset.glossary
    if not glossary.empty and {"term", "definition"} <= set(glossary.columns):
        parts.append(
            pd.DataFrame(
                {
                    "item_id": _column(glossary, "term"),
                    "kind": GLOSSARY,
                    "title": _column(glossary, "term"),
                    "text": _column(glossary, "definition"),
                    "evidence": _column(glossary, "evidence"),
                    "source": _column(glossary, "source"),
                }
            )
        )
    prompts = dataset.prompts
    if not prompts.empty and {"prompt_id", "question"} <= set(prompts.columns):
        parts.append(
            pd.DataFrame(
                {
                    "item_id": _column(prompts, "prompt_id"),
                    "kind": PROMPT,
                    "text": _column(prompts, "question"),
                    "evidence": _column(prompts, "evidence"),
                    "source": _column(prompts, "source"),
                    "detail": _column(prompts, "notes"),
                    "lens": _column(prompts, "lens"),
                }
            )
        )
    return parts


# ---------------------------------------------------------------------------------------------
# Search: SQLite FTS5 (components/shared/search_index.py)


def abbreviations(glossary: pd.DataFrame) -> dict[str, str]:
    """Abbreviations the glossary defines, with what they stand for: {"MHSW": "Mental health social worker"}.

    An abbreviation is a term of at most five characters with no space whose definition starts with a short
    name (before its first colon or full stop); a search for it also finds that name.
    """
    if glossary.empty or not {"term", "definition"} <= set(glossary.columns):
        return {}
    found = {}
    for term, definition in zip(_column(glossary, "term"), _column(glossary, "definition"), strict=True):
        name = str(definition).split(":")[0].split(".")[0].split("(")[0].strip()
        if term and " " not in term and len(term) <= 5 and name and len(name.split()) <= 5 and name != term:
            found[str(term)] = name
    return found


def build_index(corpus: pd.DataFrame, glossary: pd.DataFrame | None = None) -> SearchIndex:
    """The search engine for a corpus (one per dataset: components.ui.view_cache keeps it)."""
    return SearchIndex(
        index_texts(corpus, INDEX_LAYOUT), abbreviations(glossary if glossary is not None else corpus.head(0))
    )


@dataclass(frozen=True)
class Found:
    """A search's results in ranked order, and what a reader should be told about them."""

    results: pd.DataFrame  # corpus rows, best first, with `matched_in` (reader's field names)
    every_word: int  # how many results (the first ones) hold every word; the rest hold some of them
    corrected: tuple[tuple[str, str], ...] = ()  # (typed, searched instead) when nothing matched as typed
    highlight: Highlight = field(default_factory=lambda: Highlight(()))
    loosened: bool = False  # nothing held a quoted phrase word for word, so its words were searched


def _matched_in(kind: str, columns: Sequence[str], lens: str = NEUTRAL_LENS_FIELD) -> str:
    names = {**FIELD_NAMES.get(kind, {}), **({"labels": lens} if kind == RECOMMENDATION else {})}
    labels = [names.get(column) or _ANY_KIND_NAMES.get(column, "") for column in columns]
    return ", ".join(dict.fromkeys(label for label in labels if label))


def find(
    corpus: pd.DataFrame,
    query: object,
    index: SearchIndex | None = None,
    found_in: bool = True,
    lens: str = NEUTRAL_LENS_FIELD,
) -> Found:
    """Search the corpus with its FTS5 index (built here if not given): see `SearchIndex.search` for the order.

    Results keep `corpus_row` (their row in the corpus) and `every_word`; with `found_in` each says where its
    words are (`matched_in`), else `matched_in` is blank and a page asks `found_in_fields` for the cards it draws.
    """
    if index is None:
        index = SearchIndex(index_texts(corpus, INDEX_LAYOUT))
    hits: Hits = index.search(query)
    rows = list(hits.rows)
    # iloc takes a new frame already: no copy on top (3,000 rows of 16 text columns at 100x).
    results = corpus.iloc[rows] if rows else corpus.head(0)
    results = results.assign(corpus_row=rows, every_word=np.arange(len(rows)) < hits.every_word)
    highlight = Highlight((hits.expression,) if hits.expression else ())
    if found_in and rows:
        results["matched_in"] = found_in_fields(index, highlight, results["kind"].tolist(), rows, lens)
    else:
        results["matched_in"] = ""
    results = results.reset_index(drop=True)
    return Found(results, hits.every_word, hits.corrected, highlight, hits.loosened)


def found_in_fields(
    index: SearchIndex,
    highlight: Highlight,
    kinds: Sequence[str],
    rows: Sequence[int],
    lens: str = NEUTRAL_LENS_FIELD,
) -> list[str]:
    """Where the search's words are in each of these results ("statement, evidence"), in the reader's words;
    `lens` is what the study calls a lens element (lens_field)."""
    columns = index.columns_hit(highlight.expression, list(rows))
    return [_matched_in(kind, columns.get(row, ()), lens) for kind, row in zip(kinds, rows, strict=True)]


def search(corpus: pd.DataFrame, query: object, index: SearchIndex | None = None) -> pd.DataFrame:
    """Rows matching the query, best first, with `matched_in`: `find(...).results`."""
    return find(corpus, query, index).results


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
    terms = parse_query(query)
    if any(term.phrase for term in terms):
        tips.append("Drop the double quotes: a phrase in quotes must appear word for word.")
    if terms:
        tips.append("Try a shorter form of a word with a star (“familiar*”) or a related word (“training”).")
    if not tips:
        tips.append("Clear the filters, or try a word such as “familiarity”, “supervision” or “narratives”.")
    return tips


def glossary_matches(glossary: pd.DataFrame, query: object, limit: int = 3) -> pd.DataFrame:
    """Glossary entries whose term is a word or phrase of the query (as typed, any case): what it means
    before where it is used. Every other glossary match is a ranked result among the rest."""
    terms = {fold(term.text) for term in parse_query(query)}
    if glossary.empty or not terms or not {"term", "definition"} <= set(glossary.columns):
        return glossary.head(0)
    whole = fold(" ".join(term.text for term in parse_query(query)))
    keep = glossary["term"].map(lambda term: fold(term) in terms or fold(term) == whole)
    return glossary[keep].head(limit).reset_index(drop=True)


def suggestions(
    corpus: pd.DataFrame, glossary: pd.DataFrame, query: object, limit: int = 5, index: SearchIndex | None = None
) -> list[str]:
    """Searches worth trying when nothing matches, all from the study itself: its words spelt like the
    query's words, and glossary terms like the query; without any, the glossary's first terms."""
    if index is None:
        index = SearchIndex(index_texts(corpus, INDEX_LAYOUT))
    glossary_terms = glossary["term"].astype(str).tolist() if not glossary.empty and "term" in glossary else []
    by_form = {fold(term): term for term in glossary_terms}
    found: dict[str, str] = {}
    for term in parse_query(query):
        for near in difflib.get_close_matches(fold(term.text), list(by_form), n=2, cutoff=0.6):
            found.setdefault(near, by_form[near])
        for word in term.text.split():
            for near in index.near_words(word):
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
    "text": "statement, recommendation, definition or question",
    "evidence": "evidence (verbatim)",
    "source": "source",
    "group": "group",
    "category": "category",
    "theme": "theme",
    "theme_basis": "theme basis",
    "basis": "basis",
    "detail": "detail or notes",
    "audience": "audience",
    "cop_element": NEUTRAL_LENS_FIELD,
    "title": "title or term",
    "lens": "prompt's lens",
}


def _has_values(results: pd.DataFrame, column: str) -> bool:
    return column in results.columns and bool(results[column].fillna("").astype(str).str.strip().ne("").any())


def export_table(results: pd.DataFrame, lens: str = NEUTRAL_LENS_FIELD) -> pd.DataFrame:
    """The current results as a reader-facing table for download: named columns, no internal ones; `lens`
    names the lens element column in the study's words (lens_field), and a blank one (a study without a lens)
    leaves the column out, and the prompt's lens column too unless a prompt in the results names one."""
    # Without a lens, a "prompt's lens" column would be an empty column named after a lens the study does not
    # have; a study that still brings discussion prompts naming one keeps their words.
    left_out = set() if lens else {"cop_element"} | (set() if _has_values(results, "lens") else {"lens"})
    columns = [column for column in EXPORT_COLUMNS if column not in left_out]
    table = results.reindex(columns=columns).fillna("").copy()
    table["kind"] = table["kind"].map(lambda kind: KIND_SINGULAR.get(kind, kind))
    return table.rename(columns={**EXPORT_COLUMNS, "cop_element": lens}).reset_index(drop=True)


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
        STUDY: ("passage about the study", "passages about the study"),
        GLOSSARY: ("glossary entry", "glossary entries"),
        PROMPT: ("discussion prompt", "discussion prompts"),
        CONTEXT: ("context evidence item", "context evidence items"),
    }
    parts = [
        f"{int(counts[kind])} {names[kind][0] if counts[kind] == 1 else names[kind][1]}"
        for kind in KINDS
        if counts.get(kind, 0)
    ]
    return spoken_list(parts) or "nothing"
