"""The barriers network: what gets in the way, what helps, and the recommendations that answer them.

Pure functions, no Streamlit: a networkx graph built from a dataset and a set of filters, a
deterministic layered layout, the plotly figure, and the tables the page shows beside it (a
node's links, the paths from a barrier, the levers, the adjacency list).

Layers: barriers and the other findings a link touches (perceptions, observations) on the left,
enablers ("what helps") in the middle, recommendations on the right. The layout takes plain
tuples so the page can cache it on hashable inputs.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.data.load import build_dataset
from components.data.model import Dataset
from components.data.synthetic import csv_bytes
from components.data.vocabulary import (
    FINDINGS_FILE,
    FINDINGS_SPEC,
    LINKS_FILE,
    LINKS_SPEC,
    RECOMMENDATIONS_FILE,
    RECOMMENDATIONS_SPEC,
    SHARED_GROUP,
)
from components.text import cell_text, escape_markdown, escape_plotly, wrap_label
from components.ui.badges import inferred_badge
from components.ui.colours import KIND_COLOURS

RECOMMENDATION = "recommendation"
BARRIER = "barrier"
ENABLER = "enabler"
# Kinds always drawn when they pass the filters, even with no link: an unanswered barrier is worth seeing.
CORE_KINDS = (BARRIER, ENABLER, RECOMMENDATION)
# Every kind in the order the legend and the filter list them; findings of the other categories
# (perceptions, observations, purposes) appear only when a link touches them.
KIND_ORDER = (BARRIER, "perception", "observation", "purpose", ENABLER, RECOMMENDATION)
KIND_NAMES = {
    BARRIER: "Barrier",
    "perception": "Perception",
    "observation": "Observation",
    "purpose": "Purpose",
    ENABLER: "What helps (enabler)",
    RECOMMENDATION: "Recommendation",
}
# Shape as well as colour, so kinds stay apart in greyscale and for colour-blind viewers.
KIND_SYMBOLS = {
    BARRIER: "square",
    "perception": "triangle-up",
    "observation": "triangle-down",
    "purpose": "star",
    ENABLER: "circle",
    RECOMMENDATION: "diamond",
}
LAYER_TITLES = {0: "Barriers and<br>other findings", 1: "What helps", 2: "Recommendations"}
# A link read from its far end: "F015 is overcome by F029".
RELATION_PASSIVE = {"overcomes": "overcome by", "addresses": "addressed by", "builds on": "built on by"}

# Above this many nodes, labels would overprint each other: they move to hover, except around the focus.
LABEL_LIMIT = 60
# Above this many nodes, betweenness is estimated from a fixed sample of sources (deterministic seed):
# exact betweenness on a 100x synthetic study (3,500 nodes) took 19 s on 2 cores, the sample under 3 s.
EXACT_BETWEENNESS_LIMIT = 600
BETWEENNESS_SAMPLE = 200
FONT_SIZE = 14
HOVER_FONT_SIZE = 15
LEGEND_FONT_SIZE = 15
LINK_COLOUR = "#4B5563"
LINK_FOCUS_COLOUR = "#111827"
LINK_FADED_COLOUR = "#D1D5DB"
FADED_OPACITY = 0.18
GRAPH_BOX_KEY, GRAPH_CANVAS_KEY = "network_graph_box", "network_graph_canvas"
# The narrowest width at which the three columns of labels fit side by side without being cut off.
GRAPH_MIN_WIDTH = 760
# Static CSS, never data. On a phone the graph keeps the width its labels need and its box scrolls sideways
# (swipe to see the recommendations), instead of squeezing three columns of labels into 390 px. The width
# goes on an inner box because Streamlit sizes a chart to the block around it.
PHONE_STYLE = f"""<style>
@media (max-width: {GRAPH_MIN_WIDTH + 40}px) {{
  .st-key-{GRAPH_BOX_KEY} {{ overflow-x: auto; }}
  .st-key-{GRAPH_CANVAS_KEY} {{ min-width: {GRAPH_MIN_WIDTH}px; }}
}}
</style>"""


def layer_of(kind: str) -> int:
    if kind == ENABLER:
        return 1
    if kind == RECOMMENDATION:
        return 2
    return 0


@dataclass(frozen=True)
class GraphFilters:
    """What the user chose to see. `None` for groups or audiences means all of them."""

    kinds: tuple[str, ...] = KIND_ORDER
    groups: tuple[str, ...] | None = None
    audiences: tuple[str, ...] | None = None
    hide_inferred: bool = False


# ---------------------------------------------------------------------------------------------
# Building the graph


def available_kinds(dataset: Dataset) -> list[str]:
    """Node kinds this dataset can show: the core kinds it has, plus finding categories that a link touches."""
    findings = dataset.findings
    categories = set(findings["category"].astype(str))
    linked_ids = set(dataset.links["from_id"]) | set(dataset.links["to_id"])
    linked_categories = set(findings.loc[findings["finding_id"].isin(linked_ids), "category"].astype(str))
    kinds = []
    for kind in KIND_ORDER:
        if kind == RECOMMENDATION:
            present = not dataset.recommendations.empty
        elif kind in CORE_KINDS:
            present = kind in categories
        else:
            present = kind in linked_categories
        if present:
            kinds.append(kind)
    return kinds


def build_graph(dataset: Dataset, filters: GraphFilters | None = None) -> nx.DiGraph:
    """Nodes for findings and recommendations that pass the filters; a directed edge per linked pair.

    A pair linked more than once keeps every link in the edge's `links` list; the edge counts as
    stated when any of its links is stated.
    """
    filters = filters or GraphFilters()
    graph = nx.DiGraph()
    kinds = set(filters.kinds)
    groups = set(filters.groups) if filters.groups is not None else None
    for row in dataset.findings.to_dict("records"):
        kind = cell_text(row["category"])
        if kind not in kinds or (groups is not None and cell_text(row["group"]) not in groups):
            continue
        graph.add_node(
            cell_text(row["finding_id"]),
            kind=kind,
            layer=layer_of(kind),
            label=cell_text(row["statement"]),
            group=cell_text(row["group"]),
            audience="",
            theme=cell_text(row.get("theme")),
            basis=cell_text(row.get("basis")),
            evidence=cell_text(row.get("evidence")),
            source=cell_text(row.get("source")),
            detail=cell_text(row.get("detail")),
        )
    if RECOMMENDATION in kinds:
        audiences = set(filters.audiences) if filters.audiences is not None else None
        for row in dataset.recommendations.to_dict("records"):
            if audiences is not None and cell_text(row["audience"]) not in audiences:
                continue
            graph.add_node(
                cell_text(row["recommendation_id"]),
                kind=RECOMMENDATION,
                layer=layer_of(RECOMMENDATION),
                label=cell_text(row["text"]),
                group="",
                audience=cell_text(row["audience"]),
                theme=cell_text(row.get("cop_element")),
                basis=cell_text(row.get("basis")),
                evidence=cell_text(row.get("evidence")),
                source=cell_text(row.get("source")),
                detail="",
            )
    for row in dataset.links.to_dict("records"):
        source, target = cell_text(row["from_id"]), cell_text(row["to_id"])
        basis = cell_text(row.get("basis")) or "inferred"
        if filters.hide_inferred and basis != "stated":
            continue
        if source not in graph or target not in graph:
            continue
        link = {"relation": cell_text(row["relation"]), "basis": basis, "note": cell_text(row.get("note"))}
        if graph.has_edge(source, target):
            edge = graph.edges[source, target]
            edge["links"].append(link)
            if basis == "stated":
                edge["basis"] = "stated"
        else:
            graph.add_edge(source, target, links=[link], relation=link["relation"], basis=basis)
    unlinked_extras = [
        node for node, data in graph.nodes(data=True) if data["kind"] not in CORE_KINDS and graph.degree(node) == 0
    ]
    graph.remove_nodes_from(unlinked_extras)
    return graph


def graph_inputs(graph: nx.DiGraph) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, str], ...]]:
    """The graph as plain tuples (node, layer) and (from, to): hashable, for a cached layout."""
    nodes = tuple((node, int(data["layer"])) for node, data in graph.nodes(data=True))
    edges = tuple((source, target) for source, target in graph.edges())
    return nodes, edges


# ---------------------------------------------------------------------------------------------
# Layout


def order_layers(
    nodes: tuple[tuple[str, int], ...], edges: tuple[tuple[str, str], ...], sweeps: int = 4
) -> dict[int, list[str]]:
    """Order the nodes of each layer by the barycentre of their neighbours, to reduce crossings.

    Starts from the data's order and sweeps the layers a few times; each node moves to the mean
    relative position of its neighbours in the other layers (kept in place when it has none). Ties
    keep the earlier order, so the result is deterministic.
    """
    layers: dict[int, list[str]] = {}
    for node, layer in nodes:
        layers.setdefault(layer, []).append(node)
    layers = dict(sorted(layers.items()))
    layer_of_node = {node: layer for node, layer in nodes}
    neighbours: dict[str, list[str]] = {node: [] for node, _ in nodes}
    for source, target in edges:
        same_layer = layer_of_node.get(source) == layer_of_node.get(target)
        if source in neighbours and target in neighbours and not same_layer:
            neighbours[source].append(target)
            neighbours[target].append(source)

    def relative_positions() -> dict[str, float]:
        positions = {}
        for members in layers.values():
            span = max(len(members) - 1, 1)
            for rank, node in enumerate(members):
                positions[node] = rank / span if len(members) > 1 else 0.5
        return positions

    keys = list(layers)
    # Middle layers first (they connect to both sides), then the outer ones, then back.
    sweep_order = sorted(keys, key=lambda layer: (abs(layer - (keys[0] + keys[-1]) / 2), layer)) if keys else []
    for _ in range(sweeps):
        for layer in [*sweep_order, *reversed(sweep_order)]:
            positions = relative_positions()
            members = layers[layer]

            def barycentre(item: tuple[int, str], positions: dict[str, float] = positions) -> tuple[float, int]:
                rank, node = item
                around = neighbours[node]
                if not around:
                    return positions[node], rank
                return sum(positions[other] for other in around) / len(around), rank

            layers[layer] = [node for _, node in sorted(enumerate(members), key=barycentre)]
    return layers


def layered_positions(
    nodes: tuple[tuple[str, int], ...], edges: tuple[tuple[str, str], ...]
) -> dict[str, tuple[float, float]]:
    """Positions from networkx's multipartite layout, layers left to right, in barycentre order.

    multipartite_layout stacks every layer at the same spacing, which bunches a short layer (four
    enablers between fifteen barriers and fifteen recommendations) so its labels collide; each
    shorter layer is then spread evenly over the tallest one's height, keeping its order.
    y grows down the page (the figure reverses its y axis), so the first node of a layer is at the top.
    """
    if not nodes:
        return {}
    layers = order_layers(nodes, edges)
    graph = nx.Graph()
    for layer, members in layers.items():
        graph.add_nodes_from(members, layer=layer)
    positions = nx.multipartite_layout(graph, subset_key=layers, align="vertical", scale=1)
    tallest = max(layers.values(), key=len)
    unit = abs(float(positions[tallest[1]][1] - positions[tallest[0]][1])) if len(tallest) > 1 else 1.0
    spread = {}
    for members in layers.values():
        for rank, node in enumerate(members):
            row = (rank + 0.5) * len(tallest) / len(members) - len(tallest) / 2
            spread[node] = (float(positions[node][0]), row * unit)
    return spread


def count_crossings(positions: dict[str, tuple[float, float]], edges: Iterable[tuple[str, str]]) -> int:
    """How many pairs of straight links cross (sharing an end does not count). Quadratic: for small graphs."""
    segments = [(positions[a], positions[b]) for a, b in edges if a in positions and b in positions and a != b]
    ends = [(a, b) for a, b in edges if a in positions and b in positions and a != b]

    def orientation(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    crossings = 0
    for i in range(len(segments)):
        for j in range(i + 1, len(segments)):
            if set(ends[i]) & set(ends[j]):
                continue
            (p1, p2), (p3, p4) = segments[i], segments[j]
            d1, d2 = orientation(p3, p4, p1), orientation(p3, p4, p2)
            d3, d4 = orientation(p1, p2, p3), orientation(p1, p2, p4)
            if d1 * d2 < 0 and d3 * d4 < 0:
                crossings += 1
    return crossings


# ---------------------------------------------------------------------------------------------
# Focus, links, paths, levers


def neighbours(graph: nx.DiGraph, node: str | None) -> set[str]:
    if node is None or node not in graph:
        return set()
    return set(nx.all_neighbors(graph, node))


def node_title(graph: nx.DiGraph, node: str) -> str:
    """Plain text naming a node for a pick-list: its statement, then its id and kind."""
    data = graph.nodes[node]
    return f"{data['label']} ({node} · {KIND_NAMES.get(data['kind'], data['kind']).lower()})"


def node_links(graph: nx.DiGraph, node: str) -> pd.DataFrame:
    """Every link touching a node, read from the node's side: "overcomes F015", "built on by R09"."""
    columns = ["phrase", "other_id", "other_kind", "other_label", "relation", "basis", "note"]
    rows = []
    if node in graph:
        for _, target, data in graph.out_edges(node, data=True):
            for link in data["links"]:
                rows.append((link["relation"], target, link))
        for source, _, data in graph.in_edges(node, data=True):
            for link in data["links"]:
                passive = RELATION_PASSIVE.get(link["relation"], f"{link['relation']} (from)")
                rows.append((passive, source, link))
    records = [
        {
            "phrase": phrase,
            "other_id": other,
            "other_kind": graph.nodes[other]["kind"],
            "other_label": graph.nodes[other]["label"],
            "relation": link["relation"],
            "basis": link["basis"],
            "note": link["note"],
        }
        for phrase, other, link in rows
        if other != node
    ]
    frame = pd.DataFrame(records, columns=columns)
    if frame.empty:
        return frame
    frame["_kind_order"] = frame["other_kind"].map(lambda kind: KIND_ORDER.index(kind) if kind in KIND_ORDER else 99)
    frame = frame.sort_values(["phrase", "_kind_order", "other_id"], kind="stable").drop(columns="_kind_order")
    return frame.reset_index(drop=True)


def traceable_nodes(graph: nx.DiGraph) -> list[str]:
    """Nodes a path can start from: barriers first, then the other findings in the left layer."""
    starts = [node for node, data in graph.nodes(data=True) if data["layer"] == 0]
    return sorted(starts, key=lambda node: (graph.nodes[node]["kind"] != BARRIER, list(graph.nodes).index(node)))


PATH_COLUMNS = [
    "barrier_id",
    "barrier",
    "enabler_id",
    "enabler",
    "enabler_link",
    "recommendation_id",
    "recommendation",
    "audience",
    "recommendation_link",
]


def _link_summary(graph: nx.DiGraph, a: str, b: str) -> str:
    """The basis of the link(s) between two nodes, in either direction: "inferred", "stated" or both."""
    bases = []
    for source, target in ((a, b), (b, a)):
        if graph.has_edge(source, target):
            bases.extend(link["basis"] for link in graph.edges[source, target]["links"])
    return " and ".join(sorted(set(bases), reverse=True))


def trace_paths(graph: nx.DiGraph, start: str) -> pd.DataFrame:
    """The chains the data supports from one barrier: barrier → enabler → recommendation, and
    barrier → recommendation where a recommendation addresses it directly.

    Links are followed whichever way they were written, by the kind of node at each end. An enabler
    with no recommendation building on it still appears, with the recommendation columns blank.
    """
    rows = []
    if start in graph and graph.nodes[start]["layer"] == 0:
        start_data = graph.nodes[start]
        base = {"barrier_id": start, "barrier": start_data["label"]}
        around = sorted(neighbours(graph, start), key=list(graph.nodes).index)
        for enabler in (node for node in around if graph.nodes[node]["kind"] == ENABLER):
            enabler_part = {
                "enabler_id": enabler,
                "enabler": graph.nodes[enabler]["label"],
                "enabler_link": _link_summary(graph, enabler, start),
            }
            recommendations = [
                node
                for node in sorted(neighbours(graph, enabler), key=list(graph.nodes).index)
                if graph.nodes[node]["kind"] == RECOMMENDATION
            ]
            if not recommendations:
                rows.append({**base, **enabler_part})
            for recommendation in recommendations:
                rows.append(
                    {
                        **base,
                        **enabler_part,
                        "recommendation_id": recommendation,
                        "recommendation": graph.nodes[recommendation]["label"],
                        "audience": graph.nodes[recommendation]["audience"],
                        "recommendation_link": _link_summary(graph, recommendation, enabler),
                    }
                )
        for recommendation in (node for node in around if graph.nodes[node]["kind"] == RECOMMENDATION):
            rows.append(
                {
                    **base,
                    "recommendation_id": recommendation,
                    "recommendation": graph.nodes[recommendation]["label"],
                    "audience": graph.nodes[recommendation]["audience"],
                    "recommendation_link": _link_summary(graph, recommendation, start),
                }
            )
    return pd.DataFrame(
        [{column: row.get(column, "") for column in PATH_COLUMNS} for row in rows], columns=PATH_COLUMNS
    )


PATH_HEADERS = {
    "barrier_id": "Barrier ID",
    "barrier": "Barrier",
    "enabler_id": "What helps ID",
    "enabler": "What helps",
    "enabler_link": "What helps link basis",
    "recommendation_id": "Recommendation ID",
    "recommendation": "Recommendation",
    "audience": "Audience",
    "recommendation_link": "Recommendation link basis",
}


def paths_for_download(paths: pd.DataFrame) -> pd.DataFrame:
    """The paths with headers a spreadsheet user can read."""
    return paths.rename(columns=PATH_HEADERS)


def paths_text(graph: nx.DiGraph, start: str, paths: pd.DataFrame, markdown: bool = False) -> str:
    """The paths as a nested list a team lead can read, or paste into an email or a plan.

    Plain text by default (for copying); with `markdown=True` every piece of data is escaped and
    inferred links carry a badge, for showing on the page.
    """
    if start not in graph:
        return ""
    esc = escape_markdown if markdown else str

    def ident(node: str) -> str:
        return f"**{esc(node)}**" if markdown else node

    def basis(value: str) -> str:
        if markdown:
            return " " + inferred_badge("inferred link") if "inferred" in value else " (stated in the source)"
        return " — inferred link" if "inferred" in value else " — stated in the source"

    data = graph.nodes[start]
    kind = KIND_NAMES.get(data["kind"], data["kind"])
    group = f", {esc(data['group'])}" if data["group"] else ""
    if markdown:
        lines = [f"**{kind}:** {esc(data['label'])} ({ident(start)}{group})", ""]
    else:
        lines = [f"{kind}: {data['label']} ({start}{group})"]
    if paths.empty:
        lines.append("- No enabler or recommendation is linked to this in the data shown.")
        return "\n".join(lines)
    via = paths[paths["enabler_id"] != ""]
    for enabler_id, rows in via.groupby("enabler_id", sort=False):
        first = rows.iloc[0]
        lines.append(f"- What helps: {esc(first['enabler'])} ({ident(enabler_id)}){basis(first['enabler_link'])}")
        built = rows[rows["recommendation_id"] != ""]
        if built.empty:
            lines.append("  - No recommendation builds on this in the data shown.")
        for _, row in built.iterrows():
            lines.append(
                f"  - Recommendation for {esc(row['audience'])}: {esc(row['recommendation'])} "
                f"({ident(row['recommendation_id'])}){basis(row['recommendation_link'])}"
            )
    direct = paths[paths["enabler_id"] == ""]
    if not direct.empty:
        lines.append("- Recommendations that address it directly:")
        for _, row in direct.iterrows():
            lines.append(
                f"  - For {esc(row['audience'])}: {esc(row['recommendation'])} "
                f"({ident(row['recommendation_id'])}){basis(row['recommendation_link'])}"
            )
    if not markdown:
        lines.append("Inferred links are this app's interpretation, not the source's words.")
    return "\n".join(lines)


def betweenness(nodes: tuple[tuple[str, int], ...], edges: tuple[tuple[str, str], ...]) -> dict[str, float]:
    """Normalised betweenness on the undirected graph (a link joins two ideas whichever way it was written).

    Estimated from a fixed sample of sources on very large graphs, with a fixed seed so it is repeatable.
    """
    graph = nx.Graph()
    graph.add_nodes_from(node for node, _ in nodes)
    graph.add_edges_from(edges)
    sample = None if len(graph) <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLE
    return nx.betweenness_centrality(graph, k=sample, normalized=True, seed=0 if sample else None)


# The statement goes last: the counts stay in view and the long text runs on to the right.
LEVER_COLUMNS = ["Kind", "ID", "Barriers reached", "Findings reached", "Links", "Betweenness", "Statement"]


def levers(graph: nx.DiGraph, scores: dict[str, float] | None = None) -> pd.DataFrame:
    """Enablers and recommendations ranked by how many barriers they reach.

    An enabler reaches the left-layer findings it is linked to; a recommendation reaches those it
    addresses and those overcome by the enablers it builds on. "Links" is the node's degree;
    betweenness says how often it lies on the shortest route between two other nodes.
    """
    scores = scores if scores is not None else betweenness(*graph_inputs(graph))
    rows = []
    for node, data in graph.nodes(data=True):
        if data["kind"] not in (ENABLER, RECOMMENDATION):
            continue
        around = neighbours(graph, node)
        reached = {other for other in around if graph.nodes[other]["layer"] == 0}
        if data["kind"] == RECOMMENDATION:
            for enabler in (other for other in around if graph.nodes[other]["kind"] == ENABLER):
                reached |= {other for other in neighbours(graph, enabler) if graph.nodes[other]["layer"] == 0}
        rows.append(
            {
                "Kind": "Enabler" if data["kind"] == ENABLER else "Recommendation",
                "ID": node,
                "Statement": data["label"],
                "Barriers reached": sum(graph.nodes[other]["kind"] == BARRIER for other in reached),
                "Findings reached": len(reached),
                "Links": graph.degree(node),
                "Betweenness": round(float(scores.get(node, 0.0)), 3),
            }
        )
    frame = pd.DataFrame(rows, columns=LEVER_COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values(
        ["Barriers reached", "Findings reached", "Betweenness", "Links", "ID"],
        ascending=[False, False, False, False, True],
        kind="stable",
    )
    return frame.reset_index(drop=True)


def adjacency_table(graph: nx.DiGraph) -> pd.DataFrame:
    """Every link shown, as text: the graph's alternative for screen readers and for the room."""
    rows = []
    for source, target, data in graph.edges(data=True):
        for link in data["links"]:
            rows.append(
                {
                    "From": f"{source}: {graph.nodes[source]['label']}",
                    "Relation": link["relation"],
                    "To": f"{target}: {graph.nodes[target]['label']}",
                    "Basis": link["basis"],
                    "Note": link["note"],
                }
            )
    return pd.DataFrame(rows, columns=["From", "Relation", "To", "Basis", "Note"])


def graph_summary(graph: nx.DiGraph) -> str:
    """One sentence saying what the graph holds, generated from it."""
    if graph.number_of_nodes() == 0:
        return "The graph is empty with these filters."
    counts = {layer: 0 for layer in LAYER_TITLES}
    for _, data in graph.nodes(data=True):
        counts[data["layer"]] += 1
    links = [link for _, _, data in graph.edges(data=True) for link in data["links"]]
    inferred = sum(link["basis"] != "stated" for link in links)
    parts = [
        f"{counts[0]} barrier{'s' if counts[0] != 1 else ''} and other findings",
        f"{counts[1]} thing{'s' if counts[1] != 1 else ''} that help",
        f"{counts[2]} recommendation{'s' if counts[2] != 1 else ''}",
    ]
    return (
        f"The graph shows {', '.join(parts)}, joined by {len(links)} link{'s' if len(links) != 1 else ''}: "
        f"{len(links) - inferred} stated in the source and {inferred} inferred by this app."
    )


# ---------------------------------------------------------------------------------------------
# The figure


def figure_height(positions: dict[str, tuple[float, float]], nodes: tuple[tuple[str, int], ...], labelled: bool) -> int:
    tallest = max((sum(1 for _, layer in nodes if layer == key) for key in {layer for _, layer in nodes}), default=1)
    per_node = 58 if labelled else 9
    return int(min(max(160 + tallest * per_node, 480), 2400))


def network_figure(
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    focus: str | None = None,
    label_limit: int = LABEL_LIMIT,
) -> go.Figure:
    """The layered network: one trace per node kind (so the legend shows shape and colour), links
    solid when stated and dashed when inferred, each link's note on hover at its midpoint.

    With a focus, the node and its neighbours stay bright and everything else fades. Node ids ride
    in `customdata` because a plotly selection reports only point indices.
    """
    focus = focus if focus in graph else None
    near = neighbours(graph, focus) | ({focus} if focus else set())
    labelled_all = graph.number_of_nodes() <= label_limit
    figure = go.Figure()

    # Links: one trace per (basis, emphasis), because dash and colour are per trace.
    groups: dict[tuple[str, str], list] = {}
    mid_x, mid_y, mid_text = [], [], []
    # On a big graph with a focus, only the focused links keep hover targets: fewer points to draw.
    few_links = graph.number_of_edges() <= 300
    for source, target, data in graph.edges(data=True):
        if source not in positions or target not in positions:
            continue
        basis = "stated" if data["basis"] == "stated" else "inferred"
        if focus is None:
            emphasis = "normal"
        elif focus in (source, target):
            emphasis = "focus"
        else:
            emphasis = "faded"
        xs, ys = groups.setdefault((basis, emphasis), [[], []])
        (x0, y0), (x1, y1) = positions[source], positions[target]
        xs.extend([x0, x1, None])
        ys.extend([y0, y1, None])
        if focus is None or emphasis == "focus" or few_links:
            mid_x.append((x0 + x1) / 2)
            mid_y.append((y0 + y1) / 2)
            hover = "<br><br>".join(
                f"<b>{escape_plotly(source)} {escape_plotly(link['relation'])} {escape_plotly(target)}</b> "
                f"({escape_plotly(link['basis'])})<br>"
                + wrap_label(escape_plotly(link["note"] or "No note recorded."), width=48, max_lines=8)
                for link in data["links"]
            )
            mid_text.append(hover)
    for (basis, emphasis), (xs, ys) in sorted(groups.items()):
        colour = {"normal": LINK_COLOUR, "focus": LINK_FOCUS_COLOUR, "faded": LINK_FADED_COLOUR}[emphasis]
        if emphasis == "normal" and not few_links:
            colour = "#9CA3AF"  # a lighter web of links, so the nodes still read on a big graph
        name = "Stated link (solid)" if basis == "stated" else "Inferred link (dashed)"
        figure.add_trace(
            go.Scatter(
                # Float arrays (NaN breaks the line between links) validate far faster than lists in plotly.
                x=np.array(xs, dtype=float),
                y=np.array(ys, dtype=float),
                mode="lines",
                line={
                    "color": colour,
                    "width": 3 if emphasis == "focus" else (1.6 if few_links else 0.6),
                    "dash": "solid" if basis == "stated" else "dash",
                },
                hoverinfo="skip",
                name=name,
                legendgroup=basis,
                showlegend=False,
            )
        )
    for basis in sorted({basis for basis, _ in groups}, reverse=True):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line={"color": LINK_FOCUS_COLOUR, "width": 2, "dash": "solid" if basis == "stated" else "dash"},
                name="Stated link (solid)" if basis == "stated" else "Inferred link (dashed)",
                legendgroup=basis,
                hoverinfo="skip",
            )
        )
    if mid_x:
        figure.add_trace(
            go.Scatter(
                x=np.array(mid_x, dtype=float),
                y=np.array(mid_y, dtype=float),
                mode="markers",
                marker={"size": 10, "color": "rgba(0,0,0,0)"},
                hovertext=mid_text,
                hovertemplate="%{hovertext}<extra></extra>",
                name="Link notes",
                showlegend=False,
            )
        )

    text_positions = {0: "middle left", 2: "middle right"}
    any_labels = False
    for kind in [*KIND_ORDER, *sorted({data["kind"] for _, data in graph.nodes(data=True)} - set(KIND_ORDER))]:
        members = [node for node, data in graph.nodes(data=True) if data["kind"] == kind and node in positions]
        if not members:
            continue
        layer = layer_of(kind)
        opacities, sizes, outlines, texts, hovers, text_colours = [], [], [], [], [], []
        for node in members:
            data = graph.nodes[node]
            bright = focus is None or node in near
            opacities.append(1.0 if bright else FADED_OPACITY)
            sizes.append((26 if node == focus else 18) if labelled_all else (18 if node == focus else 9))
            outlines.append(3 if node == focus else 1)
            show_label = labelled_all or (focus is not None and node in near)
            label = wrap_label(escape_plotly(data["label"]), width=24, max_lines=3) if show_label else ""
            any_labels = any_labels or bool(label)
            if layer == 1 and label:
                # Links cross the middle layer, so its labels sit on a white box above the marker.
                figure.add_annotation(
                    x=positions[node][0],
                    y=positions[node][1],
                    text=label,
                    showarrow=False,
                    yanchor="bottom",
                    yshift=14,
                    bgcolor="rgba(255,255,255,0.88)",
                    font={"size": FONT_SIZE, "color": "#111827" if bright else "#9CA3AF"},
                )
                label = ""
            texts.append(label)
            text_colours.append("#111827" if bright else "#9CA3AF")
            extra = f"Group: {escape_plotly(data['group'])}" if data["group"] else ""
            if data["audience"]:
                extra = f"For: {escape_plotly(data['audience'])}"
            inferred = (
                (" · element inferred" if kind == RECOMMENDATION else " · inferred")
                if data["basis"] == "inferred"
                else ""
            )
            hovers.append(
                f"<b>{escape_plotly(node)}</b> · {escape_plotly(KIND_NAMES.get(kind, kind))}{inferred}<br>"
                f"{wrap_label(escape_plotly(data['label']), width=48, max_lines=8)}"
                + (f"<br>{extra}" if extra else "")
                + "<br><i>Click to focus</i>"
            )
        figure.add_trace(
            go.Scatter(
                x=[positions[node][0] for node in members],
                y=[positions[node][1] for node in members],
                mode="markers+text" if any(texts) else "markers",
                text=texts,
                textposition=text_positions.get(layer, "middle right"),
                textfont={"size": FONT_SIZE, "color": text_colours},
                marker={
                    "symbol": KIND_SYMBOLS.get(kind, "circle"),
                    "color": KIND_COLOURS.get(kind, "#4D4D4D"),
                    "size": sizes,
                    "opacity": opacities,
                    "line": {"color": "#111827", "width": outlines},
                },
                customdata=members,
                hovertext=hovers,
                hovertemplate="%{hovertext}<extra></extra>",
                name=KIND_NAMES.get(kind, kind),
                legendgroup=kind,
                showlegend=False,
                # Plotly dims unselected points after a click; the focus styling does that job instead.
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 1}},
            )
        )
        # The legend gets its own empty trace: a node trace's legend symbol would fade with its first point.
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={
                    "symbol": KIND_SYMBOLS.get(kind, "circle"),
                    "color": KIND_COLOURS.get(kind, "#4D4D4D"),
                    "size": 14,
                    "line": {"color": "#111827", "width": 1},
                },
                name=KIND_NAMES.get(kind, kind),
                legendgroup=kind,
                hoverinfo="skip",
            )
        )

    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    layer_xs = sorted({round(x, 9) for x in xs})
    step = (layer_xs[-1] - layer_xs[0]) / (len(layer_xs) - 1) if len(layer_xs) > 1 else 1.0
    y_step = _row_step(positions)
    # Layer titles sit inside the plot above the first row; the outer ones align with their labels.
    title_y = min(ys) - (0.75 * y_step if labelled_all else 3 * y_step)
    top = title_y - (1.0 * y_step if labelled_all else 6 * y_step)
    anchors = {0: "right", 1: "center", 2: "left"}
    for layer in sorted({data["layer"] for _, data in graph.nodes(data=True)}):
        layer_x = [positions[node][0] for node, data in graph.nodes(data=True) if data["layer"] == layer]
        if layer_x:
            figure.add_annotation(
                x=layer_x[0],
                y=title_y,
                text=f"<b>{LAYER_TITLES.get(layer, '')}</b>",
                showarrow=False,
                xanchor=anchors.get(layer, "center") if labelled_all else "center",
                yanchor="bottom",
                font={"size": 16, "color": "#111827"},
            )
    pad = 1.0 * step if any_labels else 0.35 * step
    figure.update_layout(
        height=figure_height(positions, graph_inputs(graph)[0], labelled_all),
        margin={"l": 8, "r": 8, "t": 84, "b": 8},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        hovermode="closest",
        hoverlabel={"font": {"size": HOVER_FONT_SIZE}, "bgcolor": "#FFFFFF", "bordercolor": "#374151"},
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": LEGEND_FONT_SIZE},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        dragmode=False,
        clickmode="event+select",
        xaxis={"visible": False, "range": [min(xs) - pad, max(xs) + pad], "fixedrange": True},
        yaxis={
            "visible": False,
            "range": [max(ys) + 0.8 * y_step, top],
            "fixedrange": True,
        },
    )
    return figure


def _row_step(positions: dict[str, tuple[float, float]]) -> float:
    """The vertical distance between neighbouring nodes of a layer (all layers share it)."""
    by_layer: dict[float, list[float]] = {}
    for x, y in positions.values():
        by_layer.setdefault(round(x, 9), []).append(y)
    steps = [
        min(b - a for a, b in zip(sorted(ys), sorted(ys)[1:], strict=False)) for ys in by_layer.values() if len(ys) > 1
    ]
    return min(steps) if steps else 0.1


# ---------------------------------------------------------------------------------------------
# A synthetic graph for scale tests


def synthetic_graph_dataset(n_nodes: int, n_edges: int, seed: int) -> Dataset:
    """A valid dataset of exactly `n_nodes` barriers, enablers and recommendations and `n_edges` links.

    Built through the one loader, like an upload. Two fifths barriers, one fifth enablers, two
    fifths recommendations; links follow the study's rules and no pair repeats. Statements say they
    are synthetic, so none can pass for the study's words.
    """
    if n_nodes < 5:
        raise ValueError("n_nodes must be at least 5")
    rng = random.Random(seed)
    n_barriers = max(1, n_nodes * 2 // 5)
    n_enablers = max(1, n_nodes // 5)
    n_recommendations = n_nodes - n_barriers - n_enablers
    groups = ("MHSW", "CSW", "Health visitors", SHARED_GROUP)
    audiences = ("Managers", "Practitioners", "The organisation")
    findings, recommendations, links = [], [], []
    for number in range(1, n_barriers + n_enablers + 1):
        category = BARRIER if number <= n_barriers else ENABLER
        findings.append(
            {
                "finding_id": f"S{number:04d}",
                "group": rng.choice(groups),
                "category": category,
                "theme": f"Synthetic theme {number % 12}",
                "statement": f"Synthetic {category} {number}",
                "evidence": f"Synthetic quote {number}",
                "source": "Synthetic test data",
            }
        )
    for number in range(1, n_recommendations + 1):
        recommendations.append(
            {
                "recommendation_id": f"SR{number:04d}",
                "audience": rng.choice(audiences),
                "text": f"Synthetic recommendation {number}",
                "basis": "stated",
            }
        )
    barriers = [row["finding_id"] for row in findings[:n_barriers]]
    enablers = [row["finding_id"] for row in findings[n_barriers:]]
    recommendation_ids = [row["recommendation_id"] for row in recommendations]
    choices = [
        ("overcomes", enablers, barriers),
        ("addresses", recommendation_ids, barriers),
        ("builds on", recommendation_ids, enablers),
    ]
    capacity = len(enablers) * len(barriers) + len(recommendation_ids) * (len(barriers) + len(enablers))
    if n_edges > capacity:
        raise ValueError(f"at most {capacity} distinct links fit {n_nodes} nodes")
    seen: set[tuple[str, str]] = set()
    while len(links) < n_edges:
        relation, sources, targets = rng.choice(choices)
        pair = (rng.choice(sources), rng.choice(targets))
        if pair in seen:
            continue
        seen.add(pair)
        links.append(
            {
                "from_id": pair[0],
                "to_id": pair[1],
                "relation": relation,
                "basis": rng.choice(("stated", "inferred")),
                "note": f"Synthetic link {len(links) + 1}",
            }
        )
    files = {
        FINDINGS_FILE: csv_bytes(FINDINGS_SPEC.columns, findings),
        RECOMMENDATIONS_FILE: csv_bytes(RECOMMENDATIONS_SPEC.columns, recommendations),
        LINKS_FILE: csv_bytes(LINKS_SPEC.columns, links),
    }
    return build_dataset(files, name=f"synthetic graph ({n_nodes} nodes, {n_edges} links)")
