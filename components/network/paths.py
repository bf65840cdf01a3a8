"""Paths from a barrier: barrier → what helps → the recommendations that build on it, and the
recommendations that address the barrier directly. Links are followed whichever way they were written."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from components.network.graph import neighbours
from components.network.kinds import BARRIER, ENABLER, RECOMMENDATION


def traceable_nodes(graph: nx.DiGraph) -> list[str]:
    """Nodes a path can start from: barriers first, then the other findings in the left layer."""
    # Python's sort is stable, so within barriers and within the rest the graph's order is kept.
    starts = [node for node, data in graph.nodes(data=True) if data["layer"] == 0]
    return sorted(starts, key=lambda node: graph.nodes[node]["kind"] != BARRIER)


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


def link_summary(graph: nx.DiGraph, a: str, b: str) -> str:
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
        order = {node: rank for rank, node in enumerate(graph.nodes)}
        around = sorted(neighbours(graph, start), key=order.__getitem__)
        for enabler in (node for node in around if graph.nodes[node]["kind"] == ENABLER):
            enabler_part = {
                "enabler_id": enabler,
                "enabler": graph.nodes[enabler]["label"],
                "enabler_link": link_summary(graph, enabler, start),
            }
            recommendations = [
                node
                for node in sorted(neighbours(graph, enabler), key=order.__getitem__)
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
                        "recommendation_link": link_summary(graph, recommendation, enabler),
                    }
                )
        for recommendation in (node for node in around if graph.nodes[node]["kind"] == RECOMMENDATION):
            rows.append(
                {
                    **base,
                    "recommendation_id": recommendation,
                    "recommendation": graph.nodes[recommendation]["label"],
                    "audience": graph.nodes[recommendation]["audience"],
                    "recommendation_link": link_summary(graph, recommendation, start),
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
