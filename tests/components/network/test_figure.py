"""The plotly figure: legend shapes and colours, node ids in customdata, escaping, focus, fonts."""

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components.network.figure import FADED_OPACITY, Focus, link_emphasis, link_note, network_figure, node_hover
from components.network.graph import build_graph, graph_inputs
from components.network.layout import layered_positions
from components.shared.colours import KIND_COLOURS
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


class TestFigureParts:
    def test_focus_of_a_node_and_its_neighbours(self, graph):
        focus = Focus.of(graph, "E1")
        assert (focus.node, set(focus.near)) == ("E1", {"E1", "B1", "B2", "R1"})
        assert focus.bright("B1")
        assert not focus.bright("R2")
        assert Focus.of(graph, "nope").node is None
        assert Focus.of(graph, None).bright("R2")

    def test_link_emphasis(self, graph):
        assert link_emphasis(Focus.of(graph, None), "E1", "B1") == "normal"
        assert link_emphasis(Focus.of(graph, "E1"), "E1", "B1") == "focus"
        assert link_emphasis(Focus.of(graph, "E1"), "R2", "B2") == "faded"

    def test_link_note_escapes_and_says_when_there_is_no_note(self):
        note = link_note("A<b>", "B", [{"relation": "overcomes", "basis": "stated", "note": ""}])
        assert note.startswith("<b>A&lt;b&gt; overcomes B</b> (stated)")
        assert "No note recorded." in note

    def test_node_hover_names_the_kind_and_what_is_inferred(self, graph):
        hover = node_hover("R2", {**graph.nodes["R2"], "basis": "inferred", "theme": "trust"})
        assert "<b>R2</b> · Recommendation · element inferred" in hover
        # Its basis qualifies its lens element only: a recommendation with none (no lens) is not marked.
        assert "inferred" not in node_hover("R2", {**graph.nodes["R2"], "basis": "inferred", "theme": ""})
        assert "For: Teams" in hover
        assert hover.endswith("<i>Click to focus</i>")
        assert "Group: MHSW" in node_hover("B2", graph.nodes["B2"])

    def test_middle_layer_labels_are_boxed_annotations(self, graph):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)))
        boxed = [note.text for note in figure.layout.annotations if not note.text.startswith("<b>")]
        assert boxed == ["Enabler one"]
        titles = [note.text for note in figure.layout.annotations if note.text.startswith("<b>")]
        assert titles == ["<b>Barriers and<br>other findings</b>", "<b>What helps</b>", "<b>Recommendations</b>"]


class TestPlotlyChecks:
    """The figure is built without plotly's property checks, for speed: it must pass them all the same."""

    @pytest.mark.parametrize("focus", [None, "E1", "R2", "nope"])
    def test_the_tiny_graph_passes_plotlys_checks_unchanged(self, graph, focus):
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)), focus=focus)
        checked = go.Figure(figure.to_dict())  # raises on any property plotly does not know or accept
        assert json.loads(pio.to_json(checked)) == json.loads(pio.to_json(figure))

    @pytest.mark.parametrize("focus", [None, "F029"])
    def test_the_study_passes_plotlys_checks_unchanged(self, bundled, focus):
        graph = build_graph(bundled)
        figure = network_figure(graph, layered_positions(*graph_inputs(graph)), focus=focus)
        assert json.loads(pio.to_json(go.Figure(figure.to_dict()))) == json.loads(pio.to_json(figure))
