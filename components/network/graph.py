"""The network as a networkx graph: a node per finding and recommendation that passes the filters, an edge
per linked pair, its links read from the dataset's one link index (`Dataset.link_index`)."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from components.data.model import Dataset
from components.network.kinds import CORE_KINDS, KIND_ORDER, RECOMMENDATION, layer_of
from components.shared.text import cell_text

# The graph as plain tuples, (node, layer) and (from, to): hashable, and all the layout needs.
GraphNodes = tuple[tuple[str, int], ...]
GraphEdges = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class GraphFilters:
    """What the user chose to see. `None` for groups or audiences means all of them."""

    kinds: tuple[str, ...] = KIND_ORDER
    groups: tuple[str, ...] | None = None
    audiences: tuple[str, ...] | None = None
    hide_inferred: bool = False


def available_kinds(dataset: Dataset) -> list[str]:
    """Node kinds this dataset can show: the core kinds it has, plus finding categories that a link touches."""
    categories = set(dataset.findings["category"].astype(str))
    index = dataset.link_index
    linked_kinds = {index.kind_of(item_id) for link in index.links for item_id in (link.from_id, link.to_id)}
    kinds = []
    for kind in KIND_ORDER:
        if kind == RECOMMENDATION:
            present = not dataset.recommendations.empty
        elif kind in CORE_KINDS:
            present = kind in categories
        else:
            present = kind in linked_kinds
        if present:
            kinds.append(kind)
    return kinds


def add_finding_nodes(graph: nx.DiGraph, dataset: Dataset, filters: GraphFilters) -> None:
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


def add_recommendation_nodes(graph: nx.DiGraph, dataset: Dataset, filters: GraphFilters) -> None:
    if RECOMMENDATION not in filters.kinds:
        return
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


def add_link_edges(graph: nx.DiGraph, dataset: Dataset, filters: GraphFilters) -> None:
    """An edge per linked pair of drawn nodes, from each node's outgoing links in links.csv's order."""
    index = dataset.link_index
    for node in list(graph.nodes):
        for neighbour in index.neighbours(node, outgoing=True, stated_only=filters.hide_inferred):
            target, found = neighbour.item_id, neighbour.link
            if target not in graph:
                continue
            link = {"relation": found.relation, "basis": found.basis, "note": found.note}
            if graph.has_edge(node, target):
                edge = graph.edges[node, target]
                edge["links"].append(link)
                if found.basis == "stated":
                    edge["basis"] = "stated"
            else:
                graph.add_edge(node, target, links=[link], relation=found.relation, basis=found.basis)


def build_graph(dataset: Dataset, filters: GraphFilters | None = None) -> nx.DiGraph:
    """Nodes for findings and recommendations that pass the filters; a directed edge per linked pair.

    A pair linked more than once keeps every link in the edge's `links` list; the edge counts as
    stated when any of its links is stated. Findings outside the core kinds are dropped when no
    drawn link touches them.
    """
    filters = filters or GraphFilters()
    graph = nx.DiGraph()
    add_finding_nodes(graph, dataset, filters)
    add_recommendation_nodes(graph, dataset, filters)
    add_link_edges(graph, dataset, filters)
    unlinked_extras = [
        node for node, data in graph.nodes(data=True) if data["kind"] not in CORE_KINDS and graph.degree(node) == 0
    ]
    graph.remove_nodes_from(unlinked_extras)
    return graph


def graph_inputs(graph: nx.DiGraph) -> tuple[GraphNodes, GraphEdges]:
    """The graph as plain tuples (node, layer) and (from, to): hashable, for a cached layout."""
    nodes = tuple((node, int(data["layer"])) for node, data in graph.nodes(data=True))
    edges = tuple((source, target) for source, target in graph.edges())
    return nodes, edges


def neighbours(graph: nx.DiGraph, node: str | None) -> set[str]:
    """The nodes linked to a node, either way; none for a node not in the graph."""
    if node is None or node not in graph:
        return set()
    return set(nx.all_neighbors(graph, node))


def every_link_inferred(dataset: Dataset) -> bool:
    """True when no link in the dataset is stated in the source (so hiding inferred links hides them all)."""
    return all(link.basis != "stated" for link in dataset.link_index.links)
