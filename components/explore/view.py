"""What the Explore page shows, as plain data: the search screen, a page of result cards, one item's view.

Nothing here imports Streamlit. `components.search` finds and filters; this module decides what a
reader sees of it (the summary line, how many cards, the empty-state tips, the linked items under
their headings, the link that reopens a search) so the page file only draws. Views built here are
shared between sessions through components.ui.view_cache, so nothing may change what they return.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components.data.exports import safe_csv_bytes
from components.data.links import LinkIndex
from components.data.model import Dataset
from components.data.vocabulary import SHARED_GROUP
from components.explore import search
from components.shared import study_words
from components.shared.badges import inferred_badge
from components.shared.text import escape_markdown
from components.shared.wording import plural, spoken_list

# Cards drawn at first and added by each "Show more": each card is two or three elements (its words and quote
# as one Markdown, a lazy "Cite this", a link when something is linked to it), each serialised for every
# session on every rerun.
PAGE_SIZE = 25

KIND_ICONS = {
    search.FINDING: ":material/lightbulb:",
    search.RECOMMENDATION: ":material/checklist:",
    search.STUDY: ":material/science:",
    search.GLOSSARY: ":material/menu_book:",
    search.PROMPT: ":material/forum:",
    search.CONTEXT: ":material/public:",
}
DEFAULT_ICON = ":material/arrow_forward:"

Selections = tuple[tuple[str, tuple[str, ...]], ...]  # (facet, chosen values) per facet: hashable, for view keys


# The kind data/study.json gives what this app wrote (prompts, glossary): not a document of the study.
APP_SOURCE_KIND = "this app"


def page_intro(dataset: Dataset) -> str:
    """Explore's intro, naming the kinds of document the study's quotes come from as its source list does."""
    kinds = [kind for kind in study_words.source_kinds(dataset) if kind != APP_SOURCE_KIND]
    documents = f" ({escape_markdown(spoken_list(kinds))})" if kinds else ""
    return (
        f"Search every finding and recommendation, and the passages they quote from the study's documents"
        f"{documents}; the study's method and limits, the glossary and the discussion prompts too. Open any item "
        "to see its evidence, whose words it is, how to cite it and everything linked to it."
    )


def frozen_selections(selections: dict[str, list[str]]) -> Selections:
    """Facet choices in FACETS order as nested tuples, so they can key a shared view."""
    return tuple((facet, tuple(selections.get(facet, ()))) for facet in search.FACETS)


def facet_help_terms(dataset: Dataset, facet: str) -> tuple[list[str], str]:
    """Which glossary terms explain a facet, and the line said before them (for the widget's tooltip)."""
    if facet == "group":
        return [
            group for group in dataset.groups if group != SHARED_GROUP
        ], "Whose view it reports, as the source gives it."
    if facet == "basis":
        return ["stated", "inferred"], "Whether the source says it or this app infers it."
    if facet == "theme":
        return ["thematic analysis"], "Theme names are this app's coding unless the source names them."
    return ["coded statement"], ""


KIND_FACET_HELP = "Context evidence comes from other sources: it is context, not this study."


# ---------------------------------------------------------------------------------------------
# The search screen


@dataclass(frozen=True)
class SearchView:
    """Everything the search screen shows for one query and set of facet choices (widgets aside)."""

    query: str
    selections: dict[str, list[str]]
    terms: tuple[str, ...]  # what to mark in the cards: a search.Highlight (the engine's expression)
    options: dict[str, list[str]]  # every value each facet can take
    counts: dict[str, dict[str, int]]  # results each facet value would give
    matched: int  # rows the words match before the facets narrow them
    results: pd.DataFrame  # rows the search and facets keep, in reading order
    glossary: pd.DataFrame  # glossary entries the words match, shown above the results
    tips: tuple[str, ...] = ()  # what to try when nothing matches
    tries: tuple[str, ...] = ()  # searches worth trying when nothing matches
    carry: dict[str, list[str]] = field(default_factory=dict)  # URL parameters that reopen this search
    kinds: str = ""  # "35 findings, 15 recommendations and …": counted once, not on every run (5,000 rows at 100x)
    match_note: str = ""  # Markdown: which results hold every word, or which word was searched instead
    placeholder: str = study_words.NEUTRAL_SEARCH_HINT  # the search box's hint, from the study's own theme names

    @property
    def filtered(self) -> bool:
        return bool(self.query.strip()) or any(self.selections.values())

    @property
    def summary(self) -> str:
        """'**58 results**: 35 findings, …. Counts are of items in this data, not of people.' (Markdown)."""
        kinds = self.kinds or search.kind_summary(self.results)
        return f"**{plural(len(self.results), 'result')}**: {kinds}. Counts are of items in this data, not of people."

    @property
    def download_help(self) -> str:
        return (
            f"The {plural(len(self.results), 'result')} of this search, with their verbatim evidence and sources, "
            "as a spreadsheet file."
        )


def carry_params(query: str, selections: dict[str, list[str]]) -> dict[str, list[str]]:
    """The search's URL parameters as lists, only those set: item links carry them for "Back to search"."""
    return {
        name: value if isinstance(value, list) else [value]
        for name, value in search.search_params(query, selections).items()
        if value
    }


def match_note(found: search.Found, results: pd.DataFrame, query: str) -> str:
    """What a reader should know about how the results match (Markdown, escaped); "" when they hold every word."""
    if results.empty:
        return ""
    if found.corrected:
        typed = ", ".join(f"“{escape_markdown(typed)}”" for typed, _ in found.corrected)
        instead = ", ".join(f"“{escape_markdown(word)}”" for _, word in found.corrected)
        return f"Nothing in the study holds {typed}; showing results for {instead}, the nearest word in the study."
    if found.loosened:
        phrases = ", ".join(f"“{escape_markdown(term.text)}”" for term in search.parse_query(query) if term.phrase)
        return f"Nothing holds {phrases} word for word: these are the best matches for its words."
    every = int(results["every_word"].sum()) if "every_word" in results.columns else len(results)
    if every == len(results) or len(search.parse_query(query)) < 2:
        return ""
    if every == 0:
        return "No item holds every word together: these are the best matches for any of the words."
    first = "The first result holds" if every == 1 else f"The first {every} results hold"
    return f"{first} every word; the rest hold some of the words."


def build_search_view(
    corpus: pd.DataFrame,
    dataset: Dataset,
    query: str,
    selections: Selections,
    matches: search.Found | None = None,
    index: search.SearchIndex | None = None,
) -> SearchView:
    """The search screen for a query and facet choices. `matches` is `search.find(corpus, query, index)` if
    the caller already has it (the page keeps it as its own view); `index` is the dataset's search engine."""
    chosen = {facet: list(values) for facet, values in selections}
    options = search.facet_options(corpus, dataset.groups)
    if index is None:
        index = search.build_index(corpus, dataset.glossary)
    if matches is None:
        matches = search.find(corpus, query, index)
    results = search.apply_facets(matches.results, chosen)
    tips: tuple[str, ...] = ()
    tries: tuple[str, ...] = ()
    if results.empty:
        tips = tuple(search.describe_empty(query, chosen, len(matches.results)))
        tries = tuple(search.suggestions(corpus, dataset.glossary, query, index=index)) if query.strip() else ()
    return SearchView(
        query=query,
        selections=chosen,
        terms=matches.highlight,
        options=options,
        counts=search.facet_counts(matches.results, chosen, options),
        matched=len(matches.results),
        results=results,
        glossary=search.glossary_matches(dataset.glossary, query),
        tips=tips,
        tries=tries,
        carry=carry_params(query, chosen),
        kinds=search.kind_summary(results),
        match_note=match_note(matches, results, query),
        placeholder=study_words.search_hint(dataset),
    )


def facet_label(view: SearchView, facet: str, value: str) -> str:
    """An option as the facet shows it: its name and how many results choosing it gives, "MHSW (7)"."""
    name = search.KIND_LABELS.get(value, value) if facet == "kind" else value
    return f"{name} ({view.counts[facet].get(value, 0)})"


def results_limit(signature: object, shown_for: object, shown: int | None) -> int:
    """How many cards to draw: what "Show more" reached for this same search, else one page.

    `signature` names the search now; `shown_for` the search that `shown` cards were drawn for.
    """
    if shown_for != signature or not shown:
        return PAGE_SIZE
    return max(PAGE_SIZE, int(shown))


@dataclass(frozen=True)
class ResultPage:
    """The cards drawn now: the first `len(cards)` results, and how the rest are reached."""

    cards: tuple[dict[str, str], ...]  # shared between sessions: read, never change
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)

    @property
    def showing(self) -> str:
        return f"Showing {len(self.cards)} of {self.total}."

    @property
    def next_limit(self) -> int:
        return len(self.cards) + PAGE_SIZE

    @property
    def more_label(self) -> str:
        return f"Show {min(PAGE_SIZE, self.hidden)} more"


def result_page(results: pd.DataFrame, limit: int) -> ResultPage:
    """The first `limit` results as plain dicts (a pandas row per card costs a millisecond or more)."""
    return ResultPage(cards=tuple(results.head(max(limit, 0)).to_dict("records")), total=len(results))


def results_csv(results: pd.DataFrame, lens: str = search.NEUTRAL_LENS_FIELD) -> bytes:
    """The results as the download's spreadsheet-safe CSV (reader's columns, verbatim evidence); `lens` is what
    the study calls a lens element (search.lens_field)."""
    return safe_csv_bytes(search.export_table(results, lens))


def open_label(card: dict[str, str], linked: bool = True) -> str:
    """The link to a result's own view, naming the item it opens (and what is linked to it, if anything is)."""
    lead = "Open it and everything linked to it" if linked and card["kind"] != search.CONTEXT else "Open it"
    return f"{lead} ({escape_markdown(card['item_id'])})"


def is_linked(link_index: LinkIndex, card: dict[str, str]) -> bool:
    """Whether a result's own view has more to show than its card: anything linked to it.

    Context evidence is never linked to the study's findings. A card without links keeps its link to its own
    view inside its "Cite this" (whose reference points there), so the first view does not send a link per card
    that opens the same card again.
    """
    return card["kind"] != search.CONTEXT and bool(link_index.neighbours(card["item_id"]))


# ---------------------------------------------------------------------------------------------
# One item's own view


@dataclass(frozen=True)
class LinkCard:
    """One linked item as its card reads: its words, its badges, why it is linked, and whether it opens."""

    item_id: str
    kind: str  # the corpus kind, "" when the id is not in this dataset (then there is nothing to open)
    title: str  # Markdown: "**text**  \\n badges · id"
    why: str  # Markdown: the inferred mark and the link's note, "" when neither


@dataclass(frozen=True)
class LinkGroup:
    heading: str  # "Addressed by (4)", escaped
    cards: tuple[LinkCard, ...]


@dataclass(frozen=True)
class ItemView:
    """Everything the item view shows besides the item itself."""

    heading: str  # "Finding F028", escaped
    is_context: bool
    groups: tuple[LinkGroup, ...] = ()
    inferred_note: str = ""  # how many of the links are this app's reading, "" when none
    same_theme_count: int = 0
    theme: str = ""


def link_card(link: dict[str, object]) -> LinkCard:
    kind = search.KIND_SINGULAR.get(str(link["kind"]), "Not in this dataset")
    badges = f":gray-badge[{escape_markdown(kind)}]"
    if link["category"]:
        badges += f" :gray-badge[{escape_markdown(link['category'])}]"
    text = escape_markdown(link["text"]) if link["text"] else "(no text)"
    inferred = link["link_basis"] == "inferred"
    mark = inferred_badge("inferred link") + " " if inferred else ""
    note = f"Why linked: {escape_markdown(link['note'])}" if link["note"] else ""
    return LinkCard(
        item_id=str(link["item_id"]),
        kind=str(link["kind"]),
        title=f"**{text}**  \n{badges} · {escape_markdown(link['item_id'])}",
        why=f"{mark}{note}".strip(),
    )


def inferred_note(linked: pd.DataFrame) -> str:
    """Says how many of an item's links are this app's interpretation; "" when all are stated."""
    inferred = int((linked["link_basis"] == "inferred").sum())
    if not inferred:
        return ""
    share = (
        f"All {inferred} links here are" if inferred == len(linked) else f"{inferred} of these {len(linked)} links are"
    )
    return (
        f"{share} this app's interpretation of the source (marked *inferred*), not something the study says "
        "in so many words."
    )


def build_item_view(corpus: pd.DataFrame, link_index: LinkIndex, item: pd.Series) -> ItemView:
    """One item's view: its heading, then (unless it is context) its links grouped by heading, and its theme."""
    heading = f"{search.KIND_SINGULAR.get(item['kind'], 'Item')} {escape_markdown(item['item_id'])}"
    if item["kind"] == search.CONTEXT:
        return ItemView(heading=heading, is_context=True)
    linked = search.linked_items(corpus, link_index, item["item_id"])
    groups = tuple(
        LinkGroup(
            heading=f"{escape_markdown(name)} ({len(rows)})",
            cards=tuple(link_card(link) for link in rows.to_dict("records")),
        )
        for name, rows in linked.groupby("heading", sort=False)
    )
    return ItemView(
        heading=heading,
        is_context=False,
        groups=groups,
        inferred_note=inferred_note(linked) if len(linked) else "",
        same_theme_count=len(search.same_theme(corpus, item)),
        theme=str(item.get("theme", "") or ""),
    )


def same_theme_line(view: ItemView) -> str:
    count = view.same_theme_count
    return f"{plural(count, 'other finding')} coded to the theme “{escape_markdown(view.theme)}”."
