"""The About page's Streamlit sections that read the data (not the study's metadata): what this app's coding
adds, the Communities of Practice lens, context evidence and the glossary. What they show is built by
components.about, once per dataset (components.ui.view_cache)."""

from __future__ import annotations

import streamlit as st

from components import about
from components.data.access import bundled_dataset
from components.data.model import Dataset
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import quotes, view_cache
from components.ui.badges import CONTEXT_BADGE
from components.ui.session_keys import ABOUT_GLOSSARY_FIND

EXPLORE = "pages/explore.py"


def open_link(item_id: str, label: str) -> None:
    st.page_link(EXPLORE, label=label, icon=":material/arrow_forward:", query_params={"id": item_id}, help="")


def coding_section(dataset: Dataset) -> None:
    st.subheader("What this app's coding adds", anchor="coding")
    summary = view_cache.view(dataset, "about coding summary", about.coding_summary)
    if summary.empty:
        st.markdown("This dataset has no coded items to count.")
        return
    st.markdown(
        "Each point in the sources is one coded statement. Where the app goes beyond the words of the "
        "source — a theme name, a link between a barrier and what helps, a Communities of Practice "
        "element — it is marked **inferred** wherever it appears. Counted from the data:",
        help=ui.glossary_tooltip(dataset, ["coded statement", "stated", "inferred"]),
    )
    st.markdown(about.markdown_table(summary))


def cop_section(dataset: Dataset) -> None:
    # An upload has no glossary; the lens's definitions are the app's own words, so it borrows them (not the quote).
    lens = view_cache.view(dataset, "about lens", lambda data: about.lens(data, bundled_dataset().glossary))
    if lens is None:
        return
    st.header("The Communities of Practice lens", anchor="communities-of-practice")
    if lens.definition:
        st.markdown(lens.definition)
        if lens.quote:
            quotes.show_quote(*lens.quote)
    if lens.use_sentence:
        st.markdown(
            "**How the recommendations use it.** The study used the three elements to shape its recommendations. "
            f"{lens.use_sentence}",
            help=ui.glossary_tooltip(dataset, ["stated", "inferred"]),
        )
    for column, element in zip(st.columns(len(lens.elements)), lens.elements, strict=True):
        with column.container(border=True):
            st.markdown(f"**{element.title}**")
            if element.definition:
                st.markdown(element.definition)
            if element.counts:
                st.markdown(element.counts)
            if element.links:
                with st.expander("Which recommendations"):
                    for rec_id, label in element.links:
                        open_link(rec_id, label)
                    if element.hidden:
                        st.markdown(f"… and {element.hidden} more: search for them on the Explore page.")


def glossary_section(dataset: Dataset) -> None:
    shown = view_cache.view(
        dataset, "about glossary", lambda data: about.glossary_view(data.glossary, bundled_dataset().glossary)
    )
    st.header("Glossary", anchor="glossary")
    if shown is None:
        return
    for line in shown.intro:
        st.markdown(line)
    query = st.text_input(
        "Find a term",
        key=ABOUT_GLOSSARY_FIND,
        placeholder="For example: MHSW, supervision, thematic",
        help="Looks in the term and its meaning; capitals and quote marks don't matter.",
    )
    # The open page's table (no search) is built once; a search is folded afresh, never kept server-wide.
    if not query.strip():
        st.markdown(
            view_cache.view(dataset, "about glossary table", lambda _: about.glossary_found(shown.glossary, ""))
        )
    else:
        st.markdown(about.glossary_found(shown.glossary, query))


def context_section(dataset: Dataset) -> None:
    index = quotes.source_index()
    groups = view_cache.view(dataset, "about context", lambda data: about.context_by_source(data.context, index))
    if not groups:
        return
    st.header("Context evidence: not this study", anchor="context")
    st.warning(about.context_warning(len(groups)), icon=":material/info:")
    for source, rows in groups:
        with st.container(border=True):
            st.markdown(f"{CONTEXT_BADGE} **{escape_markdown(source)}**")
            for _, item in rows.iterrows():
                st.markdown(f"**{escape_markdown(item['title'])}.** {escape_markdown(item['statement'])}")
                quotes.show_quote(
                    item["evidence"], item["source"], item["context_id"], f"context item {item['context_id']}"
                )


def upload_note(dataset: Dataset) -> None:
    """For an upload: where the study's metadata went, and what the data itself holds."""
    st.info(
        "You are viewing your own data. The study's title, author, method, limits and how to cite it come "
        "only with the bundled study, Carpenter (2019): return to it with the button above to read them. "
        "Below is what can be worked out from your data."
    )
    st.markdown(about.upload_summary(dataset), help=ui.glossary_tooltip(bundled_dataset(), ["coded statement"]))


def data_sections(dataset: Dataset) -> None:
    """Everything the page computes from the data, after the study's own sections."""
    coding_section(dataset)
    cop_section(dataset)
    context_section(dataset)
    glossary_section(dataset)
