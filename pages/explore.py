"""Explore: search every finding, recommendation and piece of evidence, or open one item's own view.

`explore?id=F012` opens one item with everything linked to it. Links between items are
`st.page_link`s with query parameters rather than Markdown links: Streamlit opens Markdown links
in a new tab (a new session), which would lose an uploaded dataset.
"""

import pandas as pd
import streamlit as st

from components import search
from components.data.exports import safe_csv_bytes
from components.data.vocabulary import SHARED_GROUP
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import url_state, view_cache
from components.ui.badges import CONTEXT_BADGE, inferred_badge
from components.ui.session_keys import EXPLORE_LIMIT, EXPLORE_SIGNATURE, EXPLORE_VIEW

PAGE = "pages/explore.py"
QUERY_KEY = "explore_query"
LIMIT_KEY = EXPLORE_LIMIT
SIGNATURE_KEY = EXPLORE_SIGNATURE
VIEW_KEY = EXPLORE_VIEW
PAGE_SIZE = 25
KIND_ICONS = {
    search.FINDING: ":material/lightbulb:",
    search.RECOMMENDATION: ":material/checklist:",
    search.CONTEXT: ":material/public:",
}


def facet_key(facet: str) -> str:
    return f"explore_{facet}"


def current_search_params() -> dict[str, list[str]]:
    """The search parameters in the URL now, carried into item views so 'Back to search' restores them."""
    params = {}
    for name in ("q", *search.FACETS):
        values = st.query_params.get_all(name)
        if values:
            params[name] = values
    return params


def sync_url(view: str, params: dict[str, object]) -> None:
    """After a page link to this same page, the browser keeps its old query string: send the whole URL once."""
    if st.session_state.get(VIEW_KEY) != view:
        st.session_state[VIEW_KEY] = view
        st.query_params.from_dict({name: value for name, value in params.items() if value not in ("", [], None)})


def item_link(item_id: str, label: str, kind: str, carry: dict[str, list[str]]) -> None:
    st.page_link(
        PAGE,
        label=label,
        icon=KIND_ICONS.get(kind, ":material/arrow_forward:"),
        query_params={**carry, "id": item_id},
        help="",
    )


# ---------------------------------------------------------------------------------------------
# How each kind of item reads


def show_recommendation(item: pd.Series, highlight: tuple[str, ...] = ()) -> None:
    element = ""
    if item["cop_element"]:
        # The recommendation is the source's words; the badge marks only the element as this app's reading.
        element = (
            f"  \n{search.highlight_markdown(item['cop_text'], highlight)}{ui.basis_badge(item['basis'], 'element')}"
        )
    st.markdown(
        f"**{search.highlight_markdown(item['text'], highlight)}**  \n"
        f":gray-badge[Recommendation] :gray-badge[For {search.highlight_markdown(item['audience'], highlight)}]"
        f" · {escape_markdown(item['item_id'])}{element}"
    )
    label = f"recommendation {item['item_id']}"
    ui.show_quote(item["evidence"], item["source"], item["item_id"], label, highlight)


def show_context(item: pd.Series, highlight: tuple[str, ...] = ()) -> None:
    st.markdown(
        f"{CONTEXT_BADGE} **{search.highlight_markdown(item['title'], highlight)}** · "
        f"{escape_markdown(item['item_id'])}  \n{search.highlight_markdown(item['text'], highlight)}"
    )
    label = f"context item {item['item_id']}"
    ui.show_quote(item["evidence"], item["source"], item["item_id"], label, highlight)


def show_item(item: pd.Series, highlight: tuple[str, ...] = ()) -> None:
    if item["kind"] == search.FINDING:
        ui.show_finding(search.as_finding(item), highlight)
    elif item["kind"] == search.RECOMMENDATION:
        show_recommendation(item, highlight)
    else:
        show_context(item, highlight)


def show_glossary_matches(dataset, query: str, terms: tuple[str, ...]) -> None:
    """Glossary terms the search matches, above the results: what a word means before where it is used."""
    entries = search.glossary_matches(dataset.glossary, query)
    if entries.empty:
        return
    with st.container(border=True):
        lines = [
            f"- **{search.highlight_markdown(entry['term'], terms)}**: "
            f"{search.highlight_markdown(entry['definition'], terms)}"
            for _, entry in entries.iterrows()
        ]
        st.markdown(":gray-badge[Glossary] In the glossary:\n" + "\n".join(lines))
        st.page_link("pages/about.py", label="The whole glossary, on About", icon=":material/menu_book:", help="")


# ---------------------------------------------------------------------------------------------
# One item's own view


def item_view(dataset, corpus: pd.DataFrame, item: pd.Series) -> None:
    carry = current_search_params()
    sync_url(f"item:{item['item_id']}", {**carry, "id": item["item_id"]})
    st.page_link(PAGE, label="Back to search", icon=":material/arrow_back:", query_params=carry or None, help="")
    kind = item["kind"]
    st.subheader(f"{search.KIND_SINGULAR.get(kind, 'Item')} {escape_markdown(item['item_id'])}")
    with st.container(border=True):
        show_item(item)

    if kind == search.CONTEXT:
        st.info(
            "This is context evidence from another source, not a finding of Carpenter's study. "
            "It is not linked to the study's findings; read it as background."
        )
        return

    linked = search.linked_items(corpus, dataset.links, item["item_id"])
    st.subheader("Linked to this item")
    if linked.empty:
        st.markdown("Nothing in this dataset is linked to this item.")
    else:
        inferred = int((linked["link_basis"] == "inferred").sum())
        if inferred:
            share = (
                f"All {inferred} links here are"
                if inferred == len(linked)
                else f"{inferred} of these {len(linked)} links are"
            )
            st.markdown(
                f"{share} this app's interpretation of the source (marked *inferred*), not something the "
                "study says in so many words.",
                help=ui.glossary_tooltip(dataset, ["inferred", "stated"]),
            )
        for heading, group in linked.groupby("heading", sort=False):
            st.markdown(f"#### {escape_markdown(heading)} ({len(group)})")
            for _, link in group.iterrows():
                with st.container(border=True):
                    kind = search.KIND_SINGULAR.get(link["kind"], "Not in this dataset")
                    badges = f":gray-badge[{escape_markdown(kind)}]"
                    if link["category"]:
                        badges += f" :gray-badge[{escape_markdown(link['category'])}]"
                    text = escape_markdown(link["text"]) if link["text"] else "(no text)"
                    st.markdown(f"**{text}**  \n{badges} · {escape_markdown(link['item_id'])}")
                    if link["note"] or link["link_basis"] == "inferred":
                        mark = inferred_badge("inferred link") + " " if link["link_basis"] == "inferred" else ""
                        note = f"Why linked: {escape_markdown(link['note'])}" if link["note"] else ""
                        st.markdown(f"{mark}{note}".strip())
                    if link["kind"]:
                        item_link(link["item_id"], f"Open {escape_markdown(link['item_id'])}", link["kind"], carry)

    others = search.same_theme(corpus, item)
    if len(others):
        st.subheader("Same theme")
        st.markdown(
            f"{len(others)} other finding{'s' if len(others) != 1 else ''} coded to the theme "
            f"“{escape_markdown(item['theme'])}”."
        )
        st.page_link(
            PAGE,
            label=f"See every finding in the theme “{escape_markdown(item['theme'])}”",
            icon=":material/filter_list:",
            query_params={"theme": item["theme"]},
            help="",
        )


# ---------------------------------------------------------------------------------------------
# Search


def clear_search(options: dict[str, list[str]]) -> None:
    st.session_state[QUERY_KEY] = ""
    for facet in options:
        st.session_state[facet_key(facet)] = []


def search_for(text: str) -> None:
    st.session_state[QUERY_KEY] = text


def show_more(limit: int) -> None:
    st.session_state[LIMIT_KEY] = limit


def facet_help(dataset, facet: str) -> str | None:
    if facet == "group":
        return ui.glossary_tooltip(
            dataset,
            [group for group in dataset.groups if group != SHARED_GROUP],
            "Whose view it reports, as the source gives it.",
        )
    if facet == "basis":
        return ui.glossary_tooltip(dataset, ["stated", "inferred"], "Whether the source says it or this app infers it.")
    if facet == "theme":
        return ui.glossary_tooltip(
            dataset, ["thematic analysis"], "Theme names are this app's coding unless the source names them."
        )
    if facet == "kind":
        return "Context evidence comes from other sources: it is context, not this study."
    return ui.glossary_tooltip(dataset, ["coded statement"])


def search_view(dataset, corpus: pd.DataFrame) -> None:
    options = search.facet_options(corpus, dataset.groups)
    url_state.seed_text(QUERY_KEY, "q")
    dropped = {
        search.FACET_LABELS[facet]: url_state.seed_multi(facet_key(facet), facet, options[facet], default=[])
        for facet in search.FACETS
    }

    query = st.session_state[QUERY_KEY]
    selections = {facet: list(st.session_state[facet_key(facet)]) for facet in search.FACETS}
    matches = view_cache.view(dataset, "search matches", lambda _, query: search.search(corpus, query), query)
    counts = search.facet_counts(matches, selections, options)

    st.text_input(
        "Search the findings, recommendations and their evidence",
        key=QUERY_KEY,
        placeholder="Try “familiarity”, “supervision” or “there for the child”",
        help="Capitals, quote marks, dashes and extra spaces don't matter. Every word must appear in the item; "
        'put words in double quotes ("there for the child") to find them together, as a phrase.',
    )

    def label_with_count(facet: str):
        def label(value: str) -> str:
            name = search.KIND_LABELS.get(value, value) if facet == "kind" else value
            return f"{name} ({counts[facet].get(value, 0)})"

        return label

    if options["kind"]:
        st.pills(
            search.FACET_LABELS["kind"],
            options["kind"],
            selection_mode="multi",
            key=facet_key("kind"),
            format_func=label_with_count("kind"),
            help=facet_help(dataset, "kind"),
        )
    shown = [facet for facet in ("group", "category", "theme", "basis") if options[facet]]
    widths = {"group": 1, "category": 1, "theme": 2, "basis": 1}
    if shown:
        columns = st.columns([widths[facet] for facet in shown])
        for column, facet in zip(columns, shown, strict=True):
            column.multiselect(
                search.FACET_LABELS[facet],
                options[facet],
                key=facet_key(facet),
                format_func=label_with_count(facet),
                placeholder=f"Any {search.FACET_LABELS[facet].lower()}",
                help=facet_help(dataset, facet),
            )
    url_state.notice_dropped(dropped)
    url_state.write_url(search.search_params(query, selections))
    sync_url("search", search.search_params(query, selections))

    results = search.apply_facets(matches, selections)
    signature = (query, tuple(tuple(values) for values in selections.values()))
    if st.session_state.get(SIGNATURE_KEY) != signature:
        st.session_state[SIGNATURE_KEY] = signature
        st.session_state[LIMIT_KEY] = PAGE_SIZE

    terms = tuple(search.query_terms(query))
    show_glossary_matches(dataset, query, terms)
    if results.empty:
        st.warning("Nothing matches this search.")
        for tip in search.describe_empty(query, selections, len(matches)):
            st.markdown(f"- {escape_markdown(tip)}")
        tries = search.suggestions(corpus, dataset.glossary, query) if terms else []
        if tries:
            st.markdown("Try one of these (from the data and its glossary):")
            for column, text in zip(st.columns(len(tries)), tries, strict=True):
                column.button(
                    f"Search “{text}”", key=f"explore_try_{text}", on_click=search_for, args=(text,), width="stretch"
                )
        if not dataset.glossary.empty:
            st.page_link(
                "pages/about.py",
                label="Look a term up in the glossary, on About",
                icon=":material/menu_book:",
                help="",
            )
        st.button("Clear the search and filters", key="explore_clear", on_click=clear_search, args=(options,))
        return

    summary, clear, download = st.columns([5, 2, 2], vertical_alignment="center")
    summary.markdown(
        f"**{len(results)} result{'s' if len(results) != 1 else ''}**: {search.kind_summary(results)}. "
        "Counts are of coded statements, not people.",
        help=ui.glossary_tooltip(dataset, ["coded statement"]),
    )
    if query.strip() or any(selections.values()):
        clear.button("Clear search", key="explore_clear", on_click=clear_search, args=(options,), width="stretch")
    download.download_button(
        "Download CSV",
        data=safe_csv_bytes(search.export_table(results)),
        file_name="explore-results.csv",
        mime="text/csv",
        key="explore_download",
        icon=":material/download:",
        width="stretch",
        help=f"The {len(results)} result{'s' if len(results) != 1 else ''} of this search, with their "
        "verbatim evidence and sources, as a spreadsheet file.",
    )

    carry = {
        name: value if isinstance(value, list) else [value]
        for name, value in search.search_params(query, selections).items()
        if value
    }
    limit = st.session_state.get(LIMIT_KEY, PAGE_SIZE)
    for _, item in results.head(limit).iterrows():
        with st.container(border=True):
            show_item(item, terms)
            if item["matched_in"]:
                st.caption(f"Found in: {escape_markdown(item['matched_in'])}")
            open_label = "Open it" if item["kind"] == search.CONTEXT else "Open it and everything linked to it"
            item_link(item["item_id"], f"{open_label} ({escape_markdown(item['item_id'])})", item["kind"], carry)
    if len(results) > limit:
        st.markdown(f"Showing {limit} of {len(results)}.")
        # A callback, so the larger limit is set before the rerun that draws it.
        st.button(
            f"Show {min(PAGE_SIZE, len(results) - limit)} more",
            key="explore_more",
            on_click=show_more,
            args=(limit + PAGE_SIZE,),
        )


dataset = ui.page_start(
    "Explore findings",
    "Search every finding and recommendation, and the passages they quote: the researcher's summary and the "
    "thesis abstract (not interview transcripts), and context articles. Open any item to see its evidence, "
    "whose words it is, how to cite it and everything linked to it.",
)
# Built once per dataset and shared read-only (components.ui.view_cache); search copies it before adding columns.
corpus = view_cache.view(dataset, "search corpus", search.build_corpus)
requested = st.query_params.get("id")
item = search.find_item(corpus, requested) if requested else None

if corpus.empty:
    st.info("This dataset has no findings to search. Upload a findings file on the Your data page.")
elif item is not None:
    item_view(dataset, corpus, item)
else:
    if requested:
        st.warning(
            f"There is no finding, recommendation or context item with the id “{escape_markdown(requested)}” "
            "in this dataset. Search for it below instead."
        )
        del st.query_params["id"]
    search_view(dataset, corpus)

ui.page_end(dataset)
