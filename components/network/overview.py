"""What the graph draws when it has more nodes than a figure can show readably, and the note that says so.

A browser draws every node and link the figure holds, and every session is sent all of it: on data 100x the
study (3,554 nodes, 4,000 links) one figure was 2.3 MB and a focus change took seconds, for a picture in
which a node was a pixel high. Above DRAW_LIMIT nodes the page draws a bounded part instead, and says which:
- with no focus, the best-connected nodes, each with every node linked to it (so each of them shows all
  its links);
- with a focus, the focused node and the nodes linked to it.
Every node stays in the focus list and every link in the table under the graph.
"""

from __future__ import annotations

import networkx as nx

from components.network.graph import neighbours
from components.shared.wording import plural

# About 300 nodes draw in a fraction of a second and still read as columns; the study has 34.
DRAW_LIMIT = 300


def _by_links(graph: nx.DiGraph, nodes) -> list[str]:
    """Nodes with the most links first; ties keep the data's order, so the choice is deterministic."""
    order = {node: rank for rank, node in enumerate(graph)}
    return sorted(nodes, key=lambda node: (-graph.degree(node), order[node]))


def around(graph: nx.DiGraph, node: str, limit: int = DRAW_LIMIT) -> nx.DiGraph:
    """The node and the nodes linked to it (those with the most links, when more than `limit` in all),
    with every link between them."""
    linked = _by_links(graph, neighbours(graph, node))[: max(limit - 1, 0)]
    return graph.subgraph([node, *linked])


def overview(graph: nx.DiGraph, limit: int = DRAW_LIMIT) -> tuple[nx.DiGraph, int]:
    """The best-connected nodes, each with every node linked to it, while they fit in `limit` nodes; and how
    many such best-connected nodes ("hubs") it holds. The graph itself when it fits whole."""
    if graph.number_of_nodes() <= limit:
        return graph, graph.number_of_nodes()
    chosen: dict[str, None] = {}  # an ordered set
    hubs = 0
    for node in _by_links(graph, graph.nodes):
        star = [node, *neighbours(graph, node)]
        if len(chosen) + sum(other not in chosen for other in star) > limit:
            break
        chosen.update(dict.fromkeys(star))
        hubs += 1
    if not chosen:  # the best-connected node alone has more neighbours than fit
        first = _by_links(graph, graph.nodes)[0]
        return around(graph, first, limit), 1
    return graph.subgraph(chosen), hubs


def overview_note(graph: nx.DiGraph, drawn: nx.DiGraph, hubs: int) -> str | None:
    """What the unfocused figure leaves out, in words; None when it draws the whole graph."""
    if drawn.number_of_nodes() == graph.number_of_nodes():
        return None
    return (
        f"This graph has {plural(graph.number_of_nodes(), 'node')} and {plural(graph.number_of_edges(), 'link')}, "
        f"too many to draw readably. Drawn here: the {plural(hubs, 'node')} with the most links, each with every "
        f"node linked to it ({plural(drawn.number_of_nodes(), 'node')} and {plural(drawn.number_of_edges(), 'link')} "
        "in all). Focus any node from the list to draw it with its links; the table under the graph (Show the numbers "
        "as a table) lists every link."
    )


def around_note(graph: nx.DiGraph, drawn: nx.DiGraph, node: str) -> str:
    """What a focused figure of a big graph draws, in words."""
    linked = len(neighbours(graph, node))
    shown = drawn.number_of_nodes() - 1
    if not linked:
        return (
            f"This graph has {plural(graph.number_of_nodes(), 'node')}, too many to draw at once, so it draws "
            f"{node} alone: nothing is linked to it with these filters. Clear the focus to see the best-connected "
            "nodes again."
        )
    which = plural(linked, "node")
    if shown < linked:
        which = f"{shown:,} of the {linked:,} nodes (those with the most links)"
    return (
        f"This graph has {plural(graph.number_of_nodes(), 'node')}, too many to draw at once, so it draws "
        f"{node} and the {which} linked to it. Clear the focus to see the best-connected nodes again."
    )
