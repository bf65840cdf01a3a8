"""Streamlit pieces of the Explore page: the search controls, result cards, and one item's own view.

What to show is decided in components/explore/view.py (plain data, tested without Streamlit); these
functions read and write widget state and the URL, and draw. Links between items are `st.page_link`s
with query parameters rather than Markdown links: Streamlit opens Markdown links in a new tab (a new
session), which would lose an uploaded dataset.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.data.model import Dataset
from components.explore import search
from components.explore import view as explore
from components.shared.badges import CONTEXT_BADGE
from components.shared.search_index import highlight_markdown
from components.shared.session_keys import (
    EXPLORE_CITE_PREFIX,
    EXPLORE_CLEAR,
    EXPLORE_DOWNLOAD,
    EXPLORE_FACET_KEYS,
    EXPLORE_FACETS,
    EXPLORE_LIMIT,
    EXPLORE_MORE,
    EXPLORE_QUERY,
    EXPLORE_SIGNATURE,
    EXPLORE_SUMMARY,
    EXPLORE_TRY_PREFIX,
    EXPLORE_VIEW,
)
from components.shared.text import escape_markdown
from components.ui import frame as ui
from components.ui import quotes, url_state, view_cache

PAGE = "pages/explore.py"
ABOUT_PAGE = "pages/about.py"

# Static CSS, never data. Result cards are parted by a rule at the top of each card's Markdown, not a bordered
# box (a box is one more element a card, in every session); Streamlit gives a rule 2em above and below, which
# on a projector leaves more space between cards than inside one.
# The summary row keeps its buttons beside the count on a wide screen and puts them under it on a phone.
# A search mark (:orange-background[…]) gets no side padding: Streamlit's 0.25em on each side read as a space
# between a marked word and the punctuation after it ("information ,", "Wenger 's").
RESULTS_STYLE = f"""<style>
[data-testid="stMarkdownContainer"] hr {{ margin: 0.25rem 0 1.25rem; }}
[data-testid="stMain"] [data-testid="stMarkdownContainer"] span.stMarkdownColoredBackground {{
  padding-left: 0; padding-right: 0; }}
@media (max-width: 640px) {{ .st-key-{EXPLORE_SUMMARY} {{ flex-wrap: wrap; }} }}
</style>"""


# ---------------------------------------------------------------------------------------------
# Views, built once per dataset (and search) and shared read-only: see components.ui.view_cache. Each is a
# module-level function of (dataset, *hashable arguments) wrapped once by `cached_view`, and every input it
# depends on besides the dataset is one of those arguments, so the key says all a view is built from. A view
# of one search (its page, its cards) is given the search's query and facet choices, not the SearchView, and
# reads the search view from its own cached view.


corpus = view_cache.cached_view(search.build_corpus)


def _search_index(dataset: Dataset) -> search.SearchIndex:
    """The dataset's FTS5 index, built once per dataset and shared like every view (it locks its own use)."""
    return search.build_index(corpus(dataset), dataset.glossary)


search_index = view_cache.cached_view(_search_index, spinner="Indexing…")


def _search_matches(dataset: Dataset, query: str) -> search.Found:
    """What the words match in the whole corpus, before the facets narrow it (cards ask where words are)."""
    return search.find(corpus(dataset), query, search_index(dataset), found_in=False)


_matches = view_cache.cached_view(_search_matches)


def _search_view(dataset: Dataset, query: str, selections: explore.Selections) -> explore.SearchView:
    rows = corpus(dataset)
    return explore.build_search_view(rows, dataset, query, selections, _matches(dataset, query), search_index(dataset))


_searched = view_cache.cached_view(_search_view)


def search_signature(view: explore.SearchView) -> tuple[str, explore.Selections]:
    """What names a search: its query and its facet choices (hashable)."""
    return view.query, explore.frozen_selections(view.selections)


def search_view(dataset: Dataset, query: str, selections: dict[str, list[str]]) -> explore.SearchView:
    return _searched(dataset, query, explore.frozen_selections(selections))


def _facet_options(dataset: Dataset) -> dict[str, list[str]]:
    """Every value each facet can take: on 100x data, hundreds of themes, read from the whole corpus."""
    return search.facet_options(corpus(dataset), dataset.groups)


facet_options = view_cache.cached_view(_facet_options)


@dataclass(frozen=True)
class ResultCard:
    """One result card as drawn: the corpus row, its whole text as one Markdown, and whether it is linked."""

    item: dict[str, str]  # shared between sessions: read, never change
    markdown: str
    linked: bool  # something is linked to it, so its own view is worth a link on the card


def _result_page(dataset: Dataset, query: str, selections: explore.Selections, limit: int) -> explore.ResultPage:
    return explore.result_page(_searched(dataset, query, selections).results, limit)


_result_pages = view_cache.cached_view(_result_page)


def result_page(dataset: Dataset, view: explore.SearchView, limit: int) -> explore.ResultPage:
    """The cards drawn now, as plain dicts, made once per search and limit: a room opening /explore shares them."""
    return _result_pages(dataset, *search_signature(view), limit)


def _result_cards(dataset: Dataset, query: str, selections: explore.Selections, limit: int) -> tuple[ResultCard, ...]:
    view = _searched(dataset, query, selections)
    cards = _result_pages(dataset, query, selections, limit).cards
    if view.terms:
        # Where each card's words are, asked for the cards drawn only (5,000 results would take longer).
        found_in = search.found_in_fields(
            search_index(dataset),
            view.terms,
            [card["kind"] for card in cards],
            [card["corpus_row"] for card in cards],
            search.lens_field(dataset),
        )
        cards = tuple({**card, "matched_in": fields} for card, fields in zip(cards, found_in, strict=True))
    return tuple(
        ResultCard(
            item=card,
            # A rule above each card: in the card's one Markdown, where a bordered box was one more element.
            markdown="---\n\n" + card_markdown(card, view.terms),
            linked=explore.is_linked(dataset.link_index, card),
        )
        for card in cards
    )


_cards = view_cache.cached_view(_result_cards)


def result_cards(dataset: Dataset, view: explore.SearchView, limit: int) -> tuple[ResultCard, ...]:
    """The cards of `result_page` with their Markdown, escaped and highlighted once per search and limit."""
    return _cards(dataset, *search_signature(view), limit)


def _item_view(dataset: Dataset, item_id: str) -> explore.ItemView:
    rows = corpus(dataset)
    # The id of a row `find_item` gave finds that same row again (exactly one row has it, or it was not found).
    item = search.find_item(rows, item_id)
    if item is None:
        raise LookupError(f"no item {item_id!r} in this dataset's corpus")
    return explore.build_item_view(rows, dataset.link_index, item)


_item_views = view_cache.cached_view(_item_view)


def item_view(dataset: Dataset, item: pd.Series) -> explore.ItemView:
    """The view of an item of `corpus(dataset)` (as `search.find_item` gives it), made once per item."""
    return _item_views(dataset, str(item["item_id"]))


# ---------------------------------------------------------------------------------------------
# The URL


def current_search_params() -> dict[str, list[str]]:
    """The search parameters in the URL now, carried into item views so 'Back to search' restores them."""
    params = {}
    for name in ("q", *search.FACETS):
        values = st.query_params.get_all(name)
        if values:
            params[name] = values
    return params


def sync_url(view: str, params: Mapping[str, object]) -> None:
    """After a page link to this same page, the browser keeps its old query string: send the whole URL once."""
    if st.session_state.get(EXPLORE_VIEW) != view:
        st.session_state[EXPLORE_VIEW] = view
        st.query_params.from_dict({name: value for name, value in params.items() if value not in ("", [], None)})


def item_link(item_id: str, label: str, kind: str, carry: Mapping[str, list[str]]) -> None:
    st.page_link(
        PAGE,
        label=label,
        icon=explore.KIND_ICONS.get(kind, explore.DEFAULT_ICON),
        query_params={**carry, "id": item_id},
        help="",
    )


# ---------------------------------------------------------------------------------------------
# How each kind of item reads


def recommendation_markdown(item: Mapping[str, str], highlight: Sequence[str] = ()) -> str:
    element = ""
    if item["cop_element"]:
        # The recommendation is the source's words; the badge marks only the element as this app's reading.
        badge = quotes.basis_badge(item["basis"], "element")
        element = f"  \n{highlight_markdown(item['cop_text'], highlight)}{badge}"
    return (
        f"**{highlight_markdown(item['text'], highlight)}**  \n"
        f":gray-badge[Recommendation] :gray-badge[For {highlight_markdown(item['audience'], highlight)}]"
        f" · {escape_markdown(item['item_id'])}{element}"
    )


def context_markdown(item: Mapping[str, str], highlight: Sequence[str] = ()) -> str:
    return (
        f"{CONTEXT_BADGE} **{highlight_markdown(item['title'], highlight)}** · "
        f"{escape_markdown(item['item_id'])}  \n{highlight_markdown(item['text'], highlight)}"
    )


# Whose words the lead line of each of the study's other kinds is: said on the card, beside its badge.
LEAD_OWNER = {
    search.STUDY: "this app's summary",
    search.GLOSSARY: "this app's definition",
    search.PROMPT: "this app's question for a class",
}


def study_item_markdown(item: Mapping[str, str], highlight: Sequence[str] = ()) -> str:
    """A passage about the study, a glossary entry or a discussion prompt: a badge saying what it is, its id,
    its own words (with whose they are when they are this app's), then the verbatim quote."""
    kind = item["kind"]
    badges = f":gray-badge[{escape_markdown(search.KIND_SINGULAR[kind])}]"
    if kind == search.PROMPT and item.get("lens"):
        badges += f" :gray-badge[Lens: {highlight_markdown(item['lens'], highlight)}]"
    title = f"**{highlight_markdown(item['title'], highlight)}**" if kind == search.STUDY else ""
    if kind == search.GLOSSARY:
        term = highlight_markdown(item["title"], highlight)
        lead = f"**{term}**: {highlight_markdown(item['text'], highlight)}"
    else:
        lead = highlight_markdown(item["text"], highlight)
        lead = f"**{lead}**" if kind == search.PROMPT else lead
    owner = LEAD_OWNER.get(kind, "")
    if kind == search.STUDY and item["source"].casefold().startswith("this app"):
        owner = "this app's own wording"
    header = " · ".join(part for part in (badges, escape_markdown(item["item_id"]), title) if part)
    text = f"{header}  \n{lead}" + (f" :small[({escape_markdown(owner)})]" if owner else "")
    parts = [text]
    if item["evidence"]:
        parts.append(quotes.quote_markdown(item["evidence"], item["source"], highlight))
    if kind == search.PROMPT and item.get("detail"):
        parts.append(f"Notes for the teacher (this app's): {highlight_markdown(item['detail'], highlight)}")
    return "\n\n".join(parts)


def item_markdown(item: Mapping[str, str], highlight: Sequence[str] = ()) -> str:
    """One item of any kind as one Markdown element: its words and badges, then its verbatim quote with whose
    words it is (and a finding's detail from the source)."""
    if item["kind"] == search.FINDING:
        parts = quotes.finding_markdown_parts(search.as_finding(item), highlight)
    elif item["kind"] in LEAD_OWNER:
        return study_item_markdown(item, highlight)
    else:
        lead = recommendation_markdown if item["kind"] == search.RECOMMENDATION else context_markdown
        parts = [lead(item, highlight), quotes.quote_markdown(item["evidence"], item["source"], highlight)]
    return "\n\n".join(parts)


def card_markdown(item: Mapping[str, str], highlight: Sequence[str] = ()) -> str:
    """A result card's Markdown: the item, and for a search, where its words were found."""
    text = item_markdown(item, highlight)
    if item.get("matched_in"):
        text += f"\n\n:small[Found in: {escape_markdown(item['matched_in'])}]"
    return text


def cite_label(item: Mapping[str, str]) -> str:
    """What a reference calls the item: "finding F012", "recommendation R05", "context item C01"."""
    kind = {
        search.FINDING: "finding",
        search.RECOMMENDATION: "recommendation",
        search.STUDY: "passage about the study",
        search.GLOSSARY: "glossary entry",
        search.PROMPT: "discussion prompt",
    }.get(item["kind"], "context item")
    return f"{kind} {item['item_id']}"


def cite_item(item: Mapping[str, str], lazy: bool = False) -> DeltaGenerator | None:
    """The item's "Cite this"; with `lazy` (result cards) it is filled only when opened (`cite_key`, see
    `quotes.cite_this`), which took a third of the server's time when a room opened this page with 25 cards
    each sending six elements. Returns the popover while it is filled."""
    cite_key = f"{EXPLORE_CITE_PREFIX}{item['kind']}_{item['item_id']}" if lazy else None
    return quotes.cite_this(item["evidence"], item["source"], item["item_id"], cite_label(item), cite_key)


def show_item(item: Mapping[str, str], highlight: Sequence[str] = ()) -> None:
    """One item of any kind: its words, badges and verbatim quote with whose words it is, and "Cite this"."""
    st.markdown(item_markdown(item, highlight))
    quotes.show_whole_passage(item["evidence"], item["source"], highlight)
    cite_item(item)


# ---------------------------------------------------------------------------------------------
# One item's own view


def show_item_view(dataset: Dataset, item: pd.Series) -> None:
    view = item_view(dataset, item)
    carry = current_search_params()
    sync_url(f"item:{item['item_id']}", {**carry, "id": item["item_id"]})
    st.page_link(PAGE, label="Back to search", icon=":material/arrow_back:", query_params=carry or None, help="")
    st.subheader(view.heading)
    with st.container(border=True):
        show_item(item)
    if view.is_context:
        st.info(
            "This is context evidence from another source, not a finding of the study. "
            "It is not linked to the study's findings; read it as background."
        )
        return

    st.subheader("Linked to this item")
    if not view.groups:
        st.markdown("Nothing in this dataset is linked to this item.")
    if view.inferred_note:
        st.markdown(view.inferred_note, help=tooltip(dataset, "links"))
    for group in view.groups:
        st.markdown(f"#### {group.heading}")
        for card in group.cards:
            with st.container(border=True):
                st.markdown(f"{card.title}  \n{card.why}" if card.why else card.title)
                if card.kind:
                    item_link(card.item_id, f"Open {escape_markdown(card.item_id)}", card.kind, carry)

    if view.same_theme_count:
        st.subheader("Same theme")
        st.markdown(explore.same_theme_line(view))
        st.page_link(
            PAGE,
            label=f"See every finding in the theme “{escape_markdown(view.theme)}”",
            icon=":material/filter_list:",
            query_params={"theme": view.theme},
            help="",
        )


# ---------------------------------------------------------------------------------------------
# The search: state, controls, results


def clear_search(facets: Sequence[str]) -> None:
    st.session_state[EXPLORE_QUERY] = ""
    for facet in facets:
        st.session_state[EXPLORE_FACET_KEYS[facet]] = []


def search_for(text: str) -> None:
    st.session_state[EXPLORE_QUERY] = text


def show_more(limit: int) -> None:
    st.session_state[EXPLORE_LIMIT] = limit


def seed_search(dataset: Dataset) -> tuple[str, dict[str, list[str]], dict[str, list[str]]]:
    """The query and facet choices: from the widgets, seeded from the URL on the first run.

    Returns (query, selections, link values dropped per facet label).
    """
    options = facet_options(dataset)
    url_state.seed_text(EXPLORE_QUERY, "q")
    dropped = {
        search.FACET_LABELS[facet]: url_state.seed_multi(EXPLORE_FACET_KEYS[facet], facet, options[facet], default=[])
        for facet in search.FACETS
    }
    selections = {facet: list(st.session_state[EXPLORE_FACET_KEYS[facet]]) for facet in search.FACETS}
    return st.session_state[EXPLORE_QUERY], selections, dropped


def _tooltips(dataset: Dataset) -> dict[str, str | None]:
    tips: dict[str, str | None] = {"kind": explore.KIND_FACET_HELP}
    for facet in search.FACETS[1:]:
        tips[facet] = ui.glossary_tooltip(dataset, *explore.facet_help_terms(dataset, facet))
    tips["results"] = ui.glossary_tooltip(dataset, ["coded statement"])
    tips["links"] = ui.glossary_tooltip(dataset, ["inferred", "stated"])
    return tips


_tooltip_table = view_cache.cached_view(_tooltips)


def tooltip(dataset: Dataset, name: str) -> str | None:
    """A facet's tooltip ("group", …), or the results' ("results") or links' ("links"), from the glossary.
    Built once per dataset: each is a few lookups in the glossary table, on every run otherwise."""
    return _tooltip_table(dataset)[name]


FACET_WIDTHS = {"group": 1, "category": 1, "theme": 2, "basis": 1}
# Static CSS, never data: each picker grows by its FACET_WIDTHS share from a width its label and placeholder
# fit, so four share a 1280 px row and a phone puts one under another.
FACETS_STYLE = (
    "<style>"
    + f".st-key-{EXPLORE_FACETS} > .stElementContainer {{ flex: 1 1 0; min-width: 9rem; }}"
    + "".join(
        f".st-key-{EXPLORE_FACETS} > .st-key-{EXPLORE_FACET_KEYS[facet]} {{ flex-grow: {grow}; }}"
        for facet, grow in FACET_WIDTHS.items()
    )
    + "</style>"
)


def search_controls(dataset: Dataset, view: explore.SearchView) -> None:
    """The search box, the kind pills and the facet pickers, each option with the results it would give."""
    st.text_input(
        "Search the findings, recommendations and their evidence",
        key=EXPLORE_QUERY,
        # The study's own theme names (study_words.search_hint), never the bundled study's words.
        placeholder=view.placeholder,
        help="Words match in any form and case (“share” finds “sharing”), and abbreviations the study's glossary "
        "defines find what they stand for. Items holding every word come first. Put words in double quotes "
        '("like this") to find them together, as a phrase; end a word with * ("work*") to find every word it '
        "starts. The glossary, the study's method and limits, and the discussion prompts are searched too.",
    )
    if view.options["kind"]:
        st.pills(
            search.FACET_LABELS["kind"],
            view.options["kind"],
            selection_mode="multi",
            key=EXPLORE_FACET_KEYS["kind"],
            format_func=partial(explore.facet_label, view, "kind"),
            help=tooltip(dataset, "kind"),
        )
    shown = [facet for facet in FACET_WIDTHS if view.options[facet]]
    if shown:
        # One row that wraps (FACETS_STYLE gives the widths): columns would cost a block each, in every session.
        st.html(FACETS_STYLE)
        row = st.container(horizontal=True, key=EXPLORE_FACETS)
        for facet in shown:
            row.multiselect(
                search.FACET_LABELS[facet],
                view.options[facet],
                key=EXPLORE_FACET_KEYS[facet],
                format_func=partial(explore.facet_label, view, facet),
                placeholder=f"Any {search.FACET_LABELS[facet].lower()}",
                help=tooltip(dataset, facet),
            )


def write_search_url(view: explore.SearchView) -> None:
    params = search.search_params(view.query, view.selections)
    url_state.write_url(params)
    sync_url("search", params)


def show_glossary_matches(view: explore.SearchView) -> None:
    """Glossary terms the search matches, above the results: what a word means before where it is used."""
    if view.glossary.empty:
        return
    with st.container(border=True):
        lines = [
            f"- **{highlight_markdown(entry['term'], view.terms)}**: "
            f"{highlight_markdown(entry['definition'], view.terms)}"
            for entry in view.glossary.to_dict("records")
        ]
        st.markdown(":gray-badge[Glossary] In the glossary:\n" + "\n".join(lines))
        st.page_link(ABOUT_PAGE, label="The whole glossary, on About", icon=":material/menu_book:", help="")


def show_nothing_found(dataset: Dataset, view: explore.SearchView) -> None:
    st.warning("Nothing matches this search.")
    for tip in view.tips:
        st.markdown(f"- {escape_markdown(tip)}")
    if view.tries:
        st.markdown("Try one of these (from the data and its glossary):")
        for column, text in zip(st.columns(len(view.tries)), view.tries, strict=True):
            column.button(
                f"Search “{text}”", key=EXPLORE_TRY_PREFIX + text, on_click=search_for, args=(text,), width="stretch"
            )
    if not dataset.glossary.empty:
        st.page_link(ABOUT_PAGE, label="Look a term up in the glossary, on About", icon=":material/menu_book:", help="")
    st.button("Clear the search and filters", key=EXPLORE_CLEAR, on_click=clear_search, args=(search.FACETS,))


def shown_limit(view: explore.SearchView) -> int:
    """Cards to draw for this search; a new search starts again at one page."""
    signature = search_signature(view)
    limit = explore.results_limit(
        signature, st.session_state.get(EXPLORE_SIGNATURE), st.session_state.get(EXPLORE_LIMIT)
    )
    st.session_state[EXPLORE_SIGNATURE] = signature
    st.session_state[EXPLORE_LIMIT] = limit
    return limit


def show_results(dataset: Dataset, view: explore.SearchView, limit: int) -> None:
    """The summary line, clear and download, then one page of result cards and a "Show more" for the rest."""
    st.html(RESULTS_STYLE)
    # One row that wraps on a phone: columns would cost a block each, in every session.
    row = st.container(horizontal=True, vertical_alignment="center", wrap=False, key=EXPLORE_SUMMARY)
    row.markdown(view.summary, help=tooltip(dataset, "results"))
    if view.filtered:
        row.button("Clear search", key=EXPLORE_CLEAR, on_click=clear_search, args=(search.FACETS,))
    row.download_button(
        "Download CSV",
        # Built only when clicked: most visits never download, and the table is every result's text.
        data=partial(explore.results_csv, view.results, search.lens_field(dataset)),
        file_name="explore-results.csv",
        mime="text/csv",
        key=EXPLORE_DOWNLOAD,
        icon=":material/download:",
        on_click="ignore",
        help=view.download_help,
    )
    if view.match_note:
        st.markdown(view.match_note)
    page = result_page(dataset, view, limit)
    for card in result_cards(dataset, view, limit):
        st.markdown(card.markdown)
        quotes.show_whole_passage(card.item["evidence"], card.item["source"], view.terms)
        popover = cite_item(card.item, lazy=True)
        # A link to the item's own view where it shows more than the card (what is linked to it); otherwise
        # the link waits inside "Cite this", whose reference points to that same view.
        if card.linked:
            item_link(card.item["item_id"], explore.open_label(card.item), card.item["kind"], view.carry)
        elif popover is not None:
            with popover:
                item_link(
                    card.item["item_id"], explore.open_label(card.item, linked=False), card.item["kind"], view.carry
                )
    if page.hidden:
        st.markdown(page.showing)
        # A callback, so the larger limit is set before the rerun that draws it. A button is reached with
        # Tab and pressed with Enter or Space, so every result is reachable from the keyboard.
        st.button(page.more_label, key=EXPLORE_MORE, on_click=show_more, args=(page.next_limit,))
