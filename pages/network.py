"""Barriers network: how the barriers connect to what helps and to the recommendations that answer them."""

import streamlit as st

from components.network import draw as render
from components.network.view import dataset_empty_state
from components.shared import study_words
from components.shared.text import escape_markdown
from components.ui import frame as ui

dataset = ui.page_start("Barriers network")
st.markdown(
    f"How the barriers {escape_markdown(study_words.participants(dataset))} named connect to what helps and to "
    "the recommendations that answer them. Click a node, or pick one from the list, to see its evidence and "
    "each of its links."
)

options = render.filter_options(dataset)
no_network = dataset_empty_state(dataset, options.kinds)
if no_network:
    render.no_network(no_network)
else:
    filters, dropped = render.filters(options)
    # Built once per dataset and filters (components.ui.view_cache): every session on the bundled study shares it.
    view = render.network_view(dataset, filters)
    render.seed_focus_and_trace(dataset, view, dropped)
    if view.empty_message:
        st.info(view.empty_message)
    else:
        # A fragment: a new focus reruns only the focus list, the graph and the focused node's details.
        render.focus_and_graph(dataset, options, filters, view)
        render.text_alternative(view)
        render.trace_section(dataset, filters, view)
        render.levers_section(view)
    render.write_url(options, view.trace_starts)

ui.page_end(dataset)
