"""The network on a synthetic graph of 500 nodes and 1,500 links."""

import pytest

from components.data.synthetic import synthetic_graph_dataset
from components.network.figure import network_figure
from components.network.graph import build_graph, graph_inputs, neighbours
from components.network.layout import layered_positions
from components.network.levers import betweenness, levers
from tests.components.network.tiny import node_traces


@pytest.fixture(scope="module")
def large():
    return synthetic_graph_dataset(500, 1500, seed=3)


class TestScale:
    def test_large_graph_labels_only_around_focus(self, large):
        graph = build_graph(large)
        nodes, edges = graph_inputs(graph)
        positions = layered_positions(nodes, edges)
        assert len(positions) == 500
        unfocused = network_figure(graph, positions)
        assert not any(text for trace in node_traces(unfocused) for text in trace.text)
        focus = "S0001"
        focused = network_figure(graph, positions, focus=focus)
        labelled = {
            node
            for trace in node_traces(focused)
            for node, text in zip(trace.customdata, trace.text, strict=True)
            if text
        }
        near = {focus} | neighbours(graph, focus)
        # Middle-layer labels are boxed annotations; the layer titles are the bold ones.
        boxed = [note for note in focused.layout.annotations if not note.text.startswith("<b>")]
        assert labelled == {node for node in near if graph.nodes[node]["layer"] != 1}
        assert len(boxed) == sum(graph.nodes[node]["layer"] == 1 for node in near) > 0
        table = levers(graph, betweenness(nodes, edges))
        assert len(table) == 300  # 100 enablers and 200 recommendations
