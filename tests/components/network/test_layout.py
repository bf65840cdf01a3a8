"""The layered layout: layers left to right, barycentre order, deterministic."""

from components.network.graph import build_graph, graph_inputs
from components.network.layout import count_crossings, layered_positions


class TestLayout:
    def test_layers_left_to_right(self, graph):
        positions = layered_positions(*graph_inputs(graph))
        x = {node: position[0] for node, position in positions.items()}
        assert x["B1"] == x["B2"] == x["P1"] < x["E1"] < x["R1"] == x["R2"]

    def test_deterministic(self, graph):
        inputs = graph_inputs(graph)
        assert layered_positions(*inputs) == layered_positions(*inputs)

    def test_barycentre_order_removes_a_crossing(self):
        nodes = (("A", 0), ("B", 0), ("X", 1), ("Y", 1))
        edges = (("X", "B"), ("Y", "A"))
        in_data_order = {"A": (0.0, 0.0), "B": (0.0, 1.0), "X": (1.0, 0.0), "Y": (1.0, 1.0)}
        assert count_crossings(in_data_order, edges) == 1
        assert count_crossings(layered_positions(nodes, edges), edges) == 0

    def test_fewer_crossings_than_data_order_on_the_study(self, bundled):
        graph = build_graph(bundled)
        nodes, edges = graph_inputs(graph)
        naive: dict[str, tuple[float, float]] = {}
        for layer in (0, 1, 2):
            members = [node for node, node_layer in nodes if node_layer == layer]
            naive.update({node: (float(layer), float(rank)) for rank, node in enumerate(members)})
        assert count_crossings(layered_positions(nodes, edges), edges) < count_crossings(naive, edges)

    def test_short_layer_spread_over_the_tallest(self):
        nodes = (*((f"B{i}", 0) for i in range(9)), ("E", 1))
        positions = layered_positions(nodes, (("E", "B0"),))
        ys = sorted(positions[f"B{i}"][1] for i in range(9))
        assert ys[0] < positions["E"][1] < ys[-1]

    def test_empty(self):
        assert layered_positions((), ()) == {}
