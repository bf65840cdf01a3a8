"""Explore: search every finding, recommendation and piece of evidence, or open one item's own view.

`explore?id=F012` opens one item with everything linked to it; `explore?q=…&group=…` reopens a search.
What is shown is built in components/explore/view.py and drawn by components/explore/draw.py.
"""

import streamlit as st

from components.explore import draw as explore_view
from components.explore import search
from components.explore.view import page_intro
from components.shared.text import escape_markdown
from components.ui import frame as ui
from components.ui import url_state

dataset = ui.page_start("Explore findings", page_intro)
corpus = explore_view.corpus(dataset)
requested = st.query_params.get("id")
item = search.find_item(corpus, requested) if requested else None

if corpus.empty:
    st.info("This dataset has no findings to search. Upload a findings file on the Your data page.")
elif item is not None:
    explore_view.show_item_view(dataset, item)
else:
    if requested:
        st.warning(
            f"There is no finding, recommendation or context item with the id “{escape_markdown(requested)}” "
            "in this dataset. Search for it below instead."
        )
        del st.query_params["id"]
    query, selections, dropped = explore_view.seed_search(dataset)
    view = explore_view.search_view(dataset, query, selections)
    explore_view.search_controls(dataset, view)
    url_state.notice_dropped(dropped)
    explore_view.write_search_url(view)
    limit = explore_view.shown_limit(view)
    explore_view.show_glossary_matches(view)
    if view.results.empty:
        explore_view.show_nothing_found(dataset, view)
    else:
        explore_view.show_results(dataset, view, limit)

ui.page_end(dataset)
