"""Barriers network: how the barriers connect to what helps and to the recommendations that answer them."""

import streamlit as st

from components.network import render
from components.network.view import dataset_empty_state, filter_options, focused_figure, network_view
from components.ui import frame as ui
from components.ui import view_cache

dataset = ui.page_start(
    "Barriers network",
    "How the barriers social workers named connect to what helps and to the recommendations that answer "
    "them. Click a node, or pick one from the list, to see its evidence and each of its links.",
)

options = view_cache.view(dataset, "network filter options", filter_options)
no_network = dataset_empty_state(dataset, options.kinds)
if no_network:
    render.no_network(no_network)
else:
    filters, dropped = render.filters(options)
    # Built once per dataset and filters (components.ui.view_cache): every session on the bundled study shares it.
    view = view_cache.view(dataset, "network view", network_view, filters)
    render.seed_focus(dataset, view, dropped)
    if view.empty_message:
        st.info(view.empty_message)
    else:
        focus = render.focus_picker(view)
        figure = view_cache.view(
            dataset,
            "network figure",
            lambda _, _filters, focus: focused_figure(view, focus),
            filters,
            focus,
            spinner="Drawing the network…",
        )
        render.graph_chart(dataset, view, figure, focus)
        render.focus_panel(view, focus)
        render.text_alternative(view)
        render.trace_section(dataset, filters, view, focus)
        render.levers_section(view)
    render.write_url(options, view.trace_starts)

ui.page_end(dataset)
