"""A deterministic layered layout: layers left to right, each ordered by its neighbours to cut crossings.

It takes plain tuples (components.network.graph.graph_inputs), so a view can be kept on hashable inputs.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from components.network.graph import GraphEdges, GraphNodes

Positions = dict[str, tuple[float, float]]


def order_layers(nodes: GraphNodes, edges: GraphEdges, sweeps: int = 4) -> dict[int, list[str]]:
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


def layered_positions(nodes: GraphNodes, edges: GraphEdges) -> Positions:
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


def count_crossings(positions: Positions, edges: Iterable[tuple[str, str]]) -> int:
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


def row_step(positions: Positions) -> float:
    """The vertical distance between neighbouring nodes of a layer (all layers share it)."""
    by_layer: dict[float, list[float]] = {}
    for x, y in positions.values():
        by_layer.setdefault(round(x, 9), []).append(y)
    steps = [
        min(b - a for a, b in zip(sorted(ys), sorted(ys)[1:], strict=False)) for ys in by_layer.values() if len(ys) > 1
    ]
    return min(steps) if steps else 0.1
