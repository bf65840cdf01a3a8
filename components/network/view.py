"""The network page's view: the graph for one set of filters and everything drawn from it, as plain data.

`network_view` is built once per dataset and filters, and `focused_figure` once per focus on top of it
(the page keeps both through components.ui.view_cache, so every session on the bundled study shares them).
The layout depends on the graph only, so a new focus redraws the figure without laying it out again; on a
graph too big to draw whole (components.network.overview) a focus draws only its own neighbourhood, laid out
on its own in a few milliseconds. `traced_paths` is kept per barrier traced, as its text and CSV cost more
than the rest of a rerun's own work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from components.data.exports import safe_csv_bytes
from components.data.model import Dataset
from components.network.figure import LABEL_LIMIT, network_figure
from components.network.graph import GraphFilters, available_kinds, build_graph, every_link_inferred, graph_inputs
from components.network.layout import Positions, layered_positions
from components.network.levers import betweenness, levers
from components.network.overview import DRAW_LIMIT, around, around_note, overview, overview_note
from components.network.paths import paths_for_download, trace_paths, traceable_nodes
from components.network.text import adjacency_table, graph_summary, paths_text

LEVERS_SHOWN = 15
NO_LINKS = (
    "This dataset has no links, so there is no network to draw. The network needs a **links.csv** file "
    "with the columns from_id, to_id and relation (optionally basis and note): one row for each barrier an "
    "enabler overcomes, and each barrier, perception or enabler a recommendation addresses or builds on. "
    "Add it to your upload on the Your data page."
)
NO_KINDS = (
    "This dataset has no barriers, enablers or recommendations to draw. Code some findings with the "
    "category barrier or enabler, or add a recommendations.csv, on the Your data page."
)
NOTHING_MATCHES = "Nothing matches these filters. Open **Filter the graph** and choose more node kinds or groups."
ALL_INFERRED_HIDDEN = (
    "Every link in this dataset is inferred (this app's interpretation), so hiding inferred links "
    "leaves nothing to draw. Turn off **Hide inferred links** under Filter the graph."
)
NO_LINKS_LEFT = "No links join the nodes these filters leave. Open **Filter the graph** and widen them."


@dataclass(frozen=True)
class FilterOptions:
    """What the filters offer for a dataset: its node kinds, groups and recommendation audiences."""

    kinds: tuple[str, ...]
    groups: tuple[str, ...]
    audiences: tuple[str, ...]


def filter_options(dataset: Dataset) -> FilterOptions:
    return FilterOptions(tuple(available_kinds(dataset)), tuple(dataset.groups), tuple(dataset.audiences))


def dataset_empty_state(dataset: Dataset, kinds_available: Sequence[str]) -> str | None:
    """Why this dataset has no network to filter at all (None when it has one). The page adds a link to
    the Your data page under it."""
    if not dataset.link_index.links:
        return NO_LINKS
    if not kinds_available:
        return NO_KINDS
    return None


@dataclass(frozen=True)
class NetworkView:
    """The graph for one set of filters, and the parts of the page drawn from it. Shared: never change it."""

    graph: nx.DiGraph
    node_ids: tuple[str, ...]
    empty_message: str | None  # why nothing is drawn, or None when there is a graph to draw
    positions: Positions  # of the nodes drawn with no focus: every node, unless the graph is too big
    summary: str
    adjacency: pd.DataFrame
    levers: pd.DataFrame  # the LEVERS_SHOWN enablers and recommendations that reach the most barriers
    trace_starts: tuple[str, ...]
    drawn: nx.DiGraph  # what the unfocused figure draws: the graph, unless it is too big to draw whole
    drawn_note: str | None = None  # what the unfocused figure leaves out, or None when it draws everything

    @property
    def large(self) -> bool:
        """Too many nodes to label them all: labels show on hover and around the focus."""
        return self.drawn.number_of_nodes() > LABEL_LIMIT

    @property
    def bounded(self) -> bool:
        """Too many nodes to draw them all: the figure draws a part and says which (components.network.overview)."""
        return self.graph.number_of_nodes() > DRAW_LIMIT

    def figure_note(self, focus: str | None) -> str | None:
        """What the figure for this focus leaves out, in words; None when it draws the whole graph."""
        if self.bounded and focus in self.graph:
            return around_note(self.graph, around(self.graph, focus), focus)
        return self.drawn_note


def graph_empty_state(dataset: Dataset, graph: nx.DiGraph, filters: GraphFilters) -> str | None:
    """Why these filters leave nothing to draw, saying which filter to change; None when there is a graph."""
    if graph.number_of_nodes() == 0:
        return NOTHING_MATCHES
    if graph.number_of_edges() == 0:
        return ALL_INFERRED_HIDDEN if filters.hide_inferred and every_link_inferred(dataset) else NO_LINKS_LEFT
    return None


def network_view(dataset: Dataset, filters: GraphFilters) -> NetworkView:
    graph = build_graph(dataset, filters)
    empty_message = graph_empty_state(dataset, graph, filters)
    nodes, edges = graph_inputs(graph)
    has_graph = empty_message is None
    shown, hubs = overview(graph) if has_graph else (graph, 0)
    return NetworkView(
        graph=graph,
        node_ids=tuple(node for node, _ in nodes),
        empty_message=empty_message,
        positions=layered_positions(*graph_inputs(shown)) if has_graph else {},
        summary=graph_summary(graph),
        adjacency=adjacency_table(graph),
        levers=levers(graph, betweenness(nodes, edges)).head(LEVERS_SHOWN) if has_graph else pd.DataFrame(),
        trace_starts=tuple(traceable_nodes(graph)) if has_graph else (),
        drawn=shown,
        drawn_note=overview_note(graph, shown, hubs) if has_graph else None,
    )


def focused_figure(view: NetworkView, focus: str | None) -> go.Figure:
    """The figure for a focus: the whole graph with the focus and its neighbours bright, or, on a graph too
    big to draw whole, the focus and its neighbours alone (no focus: the overview)."""
    if view.bounded and focus in view.graph:
        near = around(view.graph, focus)
        return network_figure(near, layered_positions(*graph_inputs(near)), focus=focus)
    return network_figure(view.drawn, view.positions, focus=focus)


@dataclass(frozen=True)
class TracedPaths:
    """The paths from one barrier, as the page shows, copies and downloads them."""

    paths: pd.DataFrame
    markdown: str  # escaped, with inferred badges, for the page
    text: str  # plain, for copying
    csv: bytes  # formula-safe CSV for a spreadsheet; empty when there are no paths
    file_name: str


def traced_paths(view: NetworkView, start: str) -> TracedPaths:
    paths = trace_paths(view.graph, start)
    return TracedPaths(
        paths=paths,
        markdown=paths_text(view.graph, start, paths, markdown=True),
        text=paths_text(view.graph, start, paths),
        csv=b"" if paths.empty else safe_csv_bytes(paths_for_download(paths)),
        # The id is data: only safe characters reach the file name.
        file_name=f"paths-{re.sub(r'[^A-Za-z0-9_-]+', '_', start)}.csv",
    )
