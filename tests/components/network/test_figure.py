"""The plotly figure: legend shapes and colours, node ids in customdata, escaping, focus, fonts."""

from components.network.figure import FADED_OPACITY, network_figure
from components.network.graph import graph_inputs
from components.network.layout import layered_positions
from components.ui.colours import KIND_COLOURS
from tests.components.network.tiny import node_traces


class TestFigure:
    def test_kinds_in_legend_with_shape_and_colour(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)))
        legend = {trace.name: trace for trace in figure.data if trace.showlegend is not False}
        assert legend["Barrier"].marker.symbol == "square"
        assert legend["What helps (enabler)"].marker.symbol == "circle"
        assert legend["Recommendation"].marker.symbol == "diamond"
        assert legend["Barrier"].marker.color == KIND_COLOURS["barrier"]
        assert legend["Stated link (solid)"].line.dash == "solid"
        assert legend["Inferred link (dashed)"].line.dash == "dash"

    def test_node_ids_in_customdata(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)))
        ids = [node for trace in node_traces(figure) for node in trace.customdata]
        assert sorted(ids) == sorted(graph.nodes)

    def test_labels_and_hover_escaped(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)))
        barrier = next(trace for trace in node_traces(figure) if trace.name == "Barrier")
        index = list(barrier.customdata).index("B2")
        assert "&lt;b&gt;bold&lt;/b&gt;" in barrier.text[index]
        assert "<b>bold</b>" not in barrier.hovertext[index]

    def test_link_notes_on_hover(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)))
        notes = next(trace for trace in figure.data if trace.name == "Link notes")
        assert any("E1 helps B1" in text and "(stated)" in text for text in notes.hovertext)

    def test_focus_fades_all_but_neighbours(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)), focus="E1")
        opacity = {
            node: value
            for trace in node_traces(figure)
            for node, value in zip(trace.customdata, trace.marker.opacity, strict=True)
        }
        assert opacity == {"E1": 1.0, "B1": 1.0, "B2": 1.0, "R1": 1.0, "R2": FADED_OPACITY, "P1": 0.18}

    def test_unknown_focus_is_ignored(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)), focus="nope")
        assert all(value == 1.0 for trace in node_traces(figure) for value in trace.marker.opacity)

    def test_font_sizes_for_a_projector(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)))
        assert figure.layout.legend.font.size >= 14
        assert figure.layout.hoverlabel.font.size >= 14
        assert all(trace.textfont.size >= 14 for trace in node_traces(figure))
