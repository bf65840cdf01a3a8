"""The barriers network's pure logic, on a tiny hand-made dataset whose paths and centralities are known.

B1 ── E1 ── B2 ── R2 ── P1        E1 overcomes B1 (stated) and B2 (inferred);
       │                          R1 builds on E1; R2 addresses B2 (stated) and P1.
       R1                         O1 is an observation no link touches.
"""

import networkx as nx
import pytest

from components import network
from components.data.load import build_dataset, load_dataset_dir
from components.ui.badges import inferred_badge

FINDINGS = """finding_id,group,category,theme,statement,evidence,source
B1,All,barrier,Time,Barrier one,Quote for barrier one,Source A
B2,MHSW,barrier,Roles,Barrier two <b>bold</b>,Quote for barrier two,Source A
P1,CSW,perception,Image,Perception one,Quote for perception one,Source B
E1,All,enabler,Contact,Enabler one,Quote for enabler one,Source C
O1,All,observation,Other,Observation nobody links,Quote,Source D
"""
RECOMMENDATIONS = """recommendation_id,audience,text,evidence,source
R1,Managers,Recommendation one,Rec quote one,Source E
R2,Teams,Recommendation two,Rec quote two,Source E
"""
LINKS = """from_id,to_id,relation,basis,note
E1,B1,overcomes,stated,E1 helps B1
E1,B2,overcomes,inferred,E1 helps B2
R1,E1,builds on,inferred,R1 builds on E1
R2,B2,addresses,stated,R2 answers B2
R2,P1,addresses,inferred,R2 answers P1
"""


def tiny_dataset(links: str = LINKS):
    files = {"findings.csv": FINDINGS.encode(), "recommendations.csv": RECOMMENDATIONS.encode()}
    if links:
        files["links.csv"] = links.encode()
    return build_dataset(files, name="tiny")


@pytest.fixture(scope="module")
def graph():
    return network.build_graph(tiny_dataset())


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


class TestBuildGraph:
    def test_nodes_and_kinds(self, graph):
        assert set(graph.nodes) == {"B1", "B2", "P1", "E1", "R1", "R2"}
        assert graph.nodes["E1"]["kind"] == "enabler"
        assert graph.nodes["R2"]["audience"] == "Teams"
        assert graph.nodes["B1"]["evidence"] == "Quote for barrier one"

    def test_unlinked_observation_left_out_but_unlinked_barrier_kept(self):
        graph = network.build_graph(tiny_dataset(links="from_id,to_id,relation\nR2,P1,addresses\n"))
        assert "O1" not in graph
        assert {"B1", "B2", "E1", "R1"} <= set(graph.nodes)

    def test_edges_carry_relation_basis_and_note(self, graph):
        assert graph.number_of_edges() == 5
        edge = graph.edges["E1", "B1"]
        assert edge["relation"] == "overcomes"
        assert edge["basis"] == "stated"
        assert edge["links"][0]["note"] == "E1 helps B1"

    def test_duplicate_pair_keeps_both_links_and_counts_as_stated(self):
        links = LINKS + "E1,B2,overcomes,stated,Second reading\n"
        graph = network.build_graph(tiny_dataset(links))
        edge = graph.edges["E1", "B2"]
        assert [link["note"] for link in edge["links"]] == ["E1 helps B2", "Second reading"]
        assert edge["basis"] == "stated"

    def test_hide_inferred_keeps_stated_links_and_drops_orphaned_perception(self):
        graph = network.build_graph(tiny_dataset(), network.GraphFilters(hide_inferred=True))
        assert set(graph.edges) == {("E1", "B1"), ("R2", "B2")}
        assert "P1" not in graph
        assert "R1" in graph

    def test_group_filter(self):
        graph = network.build_graph(tiny_dataset(), network.GraphFilters(groups=("All",)))
        assert "B2" not in graph
        assert "P1" not in graph
        assert {"B1", "E1", "R1", "R2"} <= set(graph.nodes)

    def test_audience_filter(self):
        graph = network.build_graph(tiny_dataset(), network.GraphFilters(audiences=("Managers",)))
        assert "R2" not in graph
        assert "R1" in graph
        assert "P1" not in graph  # its only link came from R2

    def test_kind_filter(self):
        graph = network.build_graph(tiny_dataset(), network.GraphFilters(kinds=("barrier", "enabler")))
        assert set(graph.nodes) == {"B1", "B2", "E1"}

    def test_available_kinds_lists_linked_extras_only(self, bundled):
        assert network.available_kinds(tiny_dataset()) == ["barrier", "perception", "enabler", "recommendation"]
        assert "purpose" in network.available_kinds(bundled)  # R05 addresses a purpose finding

    def test_no_links_file_gives_unlinked_core_nodes(self):
        dataset = tiny_dataset(links="")
        assert dataset.links.empty
        graph = network.build_graph(dataset)
        assert graph.number_of_edges() == 0
        assert "P1" not in graph


class TestLayout:
    def test_layers_left_to_right(self, graph):
        positions = network.layered_positions(*network.graph_inputs(graph))
        x = {node: position[0] for node, position in positions.items()}
        assert x["B1"] == x["B2"] == x["P1"] < x["E1"] < x["R1"] == x["R2"]

    def test_deterministic(self, graph):
        inputs = network.graph_inputs(graph)
        assert network.layered_positions(*inputs) == network.layered_positions(*inputs)

    def test_barycentre_order_removes_a_crossing(self):
        nodes = (("A", 0), ("B", 0), ("X", 1), ("Y", 1))
        edges = (("X", "B"), ("Y", "A"))
        in_data_order = {"A": (0.0, 0.0), "B": (0.0, 1.0), "X": (1.0, 0.0), "Y": (1.0, 1.0)}
        assert network.count_crossings(in_data_order, edges) == 1
        assert network.count_crossings(network.layered_positions(nodes, edges), edges) == 0

    def test_fewer_crossings_than_data_order_on_the_study(self, bundled):
        graph = network.build_graph(bundled)
        nodes, edges = network.graph_inputs(graph)
        naive: dict[str, tuple[float, float]] = {}
        for layer in (0, 1, 2):
            members = [node for node, node_layer in nodes if node_layer == layer]
            naive.update({node: (float(layer), float(rank)) for rank, node in enumerate(members)})
        assert network.count_crossings(network.layered_positions(nodes, edges), edges) < network.count_crossings(
            naive, edges
        )

    def test_short_layer_spread_over_the_tallest(self):
        nodes = (*((f"B{i}", 0) for i in range(9)), ("E", 1))
        positions = network.layered_positions(nodes, (("E", "B0"),))
        ys = sorted(positions[f"B{i}"][1] for i in range(9))
        assert ys[0] < positions["E"][1] < ys[-1]

    def test_empty(self):
        assert network.layered_positions((), ()) == {}


class TestFocus:
    def test_neighbours(self, graph):
        assert network.neighbours(graph, "E1") == {"B1", "B2", "R1"}
        assert network.neighbours(graph, "missing") == set()

    def test_links_read_from_the_nodes_side(self, graph):
        links = network.node_links(graph, "E1")
        assert sorted(zip(links["phrase"], links["other_id"], strict=True)) == [
            ("built on by", "R1"),
            ("overcomes", "B1"),
            ("overcomes", "B2"),
        ]
        b1 = network.node_links(graph, "B1").iloc[0]
        assert (b1["phrase"], b1["other_id"], b1["basis"], b1["note"]) == ("overcome by", "E1", "stated", "E1 helps B1")

    def test_node_title_names_statement_id_and_kind(self, graph):
        assert network.node_title(graph, "E1") == "Enabler one (E1 · what helps (enabler))"


class TestPaths:
    def test_barrier_through_enabler_and_direct(self, graph):
        paths = network.trace_paths(graph, "B2")
        chains = list(zip(paths["enabler_id"], paths["recommendation_id"], paths["audience"], strict=True))
        assert chains == [("E1", "R1", "Managers"), ("", "R2", "Teams")]
        assert paths.loc[0, "enabler_link"] == "inferred"
        assert paths.loc[1, "recommendation_link"] == "stated"

    def test_perception_reached_only_directly(self, graph):
        paths = network.trace_paths(graph, "P1")
        assert list(paths["recommendation_id"]) == ["R2"]
        assert list(paths["enabler_id"]) == [""]

    def test_not_a_start_gives_no_paths(self, graph):
        assert network.trace_paths(graph, "E1").empty
        assert network.trace_paths(graph, "missing").empty

    def test_enabler_without_recommendation_still_listed(self):
        graph = network.build_graph(tiny_dataset(), network.GraphFilters(kinds=("barrier", "enabler")))
        paths = network.trace_paths(graph, "B1")
        assert list(paths["enabler_id"]) == ["E1"]
        assert list(paths["recommendation_id"]) == [""]
        assert "No recommendation builds on this" in network.paths_text(graph, "B1", paths)

    def test_text_for_copying(self, graph):
        text = network.paths_text(graph, "B2", network.trace_paths(graph, "B2"))
        assert text.splitlines() == [
            "Barrier: Barrier two <b>bold</b> (B2, MHSW)",
            "- What helps: Enabler one (E1) — inferred link",
            "  - Recommendation for Managers: Recommendation one (R1) — inferred link",
            "- Recommendations that address it directly:",
            "  - For Teams: Recommendation two (R2) — stated in the source",
            "Inferred links are this app's interpretation, not the source's words.",
        ]

    def test_markdown_for_the_page_is_escaped_and_marks_inferred(self, graph):
        text = network.paths_text(graph, "B2", network.trace_paths(graph, "B2"), markdown=True)
        lines = text.splitlines()
        assert lines[0] == "**Barrier:** Barrier two &lt;b&gt;bold&lt;/b&gt; (**B2**, MHSW)"
        assert f"- What helps: Enabler one (**E1**) {inferred_badge('inferred link')}" in lines
        assert "  - For Teams: Recommendation two (**R2**) (stated in the source)" in lines

    def test_link_with_both_bases(self):
        graph = network.build_graph(tiny_dataset(LINKS + "E1,B2,overcomes,stated,Also stated\n"))
        assert network.trace_paths(graph, "B2").loc[0, "enabler_link"] == "stated and inferred"

    def test_download_headers(self, graph):
        frame = network.paths_for_download(network.trace_paths(graph, "B2"))
        assert list(frame.columns)[:3] == ["Barrier ID", "Barrier", "What helps ID"]
        assert "Audience" in frame.columns

    def test_study_face_to_face_paths(self, bundled):
        graph = network.build_graph(bundled)
        paths = network.trace_paths(graph, "F015")
        via_face_to_face = paths[paths["enabler_id"] == "F029"]
        assert set(via_face_to_face["recommendation_id"]) == {"R09", "R12"}


class TestLevers:
    def test_betweenness_known_values(self, graph):
        scores = network.betweenness(*network.graph_inputs(graph))
        assert scores["E1"] == pytest.approx(0.7)
        assert scores["B2"] == pytest.approx(0.6)
        assert scores["R2"] == pytest.approx(0.4)
        assert scores["R1"] == 0
        assert scores["B1"] == 0

    def test_ranked_by_barriers_reached(self, graph):
        table = network.levers(graph)
        assert list(table["ID"]) == ["E1", "R1", "R2"]
        e1 = table.iloc[0]
        assert (e1["Barriers reached"], e1["Findings reached"], e1["Links"], e1["Betweenness"]) == (2, 2, 3, 0.7)
        r1 = table.iloc[1]  # reaches B1 and B2 through the enabler it builds on
        assert (r1["Barriers reached"], r1["Links"]) == (2, 1)
        r2 = table.iloc[2]
        assert (r2["Barriers reached"], r2["Findings reached"]) == (1, 2)

    def test_levers_on_graph_without_enablers_or_recommendations(self):
        graph = network.build_graph(tiny_dataset(), network.GraphFilters(kinds=("barrier",)))
        assert network.levers(graph).empty


class TestTextAlternative:
    def test_adjacency_table(self, graph):
        table = network.adjacency_table(graph)
        assert list(table.columns) == ["From", "Relation", "To", "Basis", "Note"]
        assert len(table) == 5
        row = table[table["Note"] == "R2 answers B2"].iloc[0]
        assert (row["From"], row["Relation"], row["To"], row["Basis"]) == (
            "R2: Recommendation two",
            "addresses",
            "B2: Barrier two <b>bold</b>",
            "stated",
        )

    def test_summary(self, graph):
        assert network.graph_summary(graph) == (
            "The graph shows 3 barriers and other findings, 1 thing that help, 2 recommendations, "
            "joined by 5 links: 2 stated in the source and 3 inferred by this app."
        )
        assert network.graph_summary(nx.DiGraph()) == "The graph is empty with these filters."


def node_traces(figure):
    return [trace for trace in figure.data if trace.customdata is not None]


class TestFigure:
    def test_kinds_in_legend_with_shape_and_colour(self, graph):
        figure = network.network_figure(graph, network.layered_positions(*network.graph_inputs(graph)))
        legend = {trace.name: trace for trace in figure.data if trace.showlegend is not False}
        assert legend["Barrier"].marker.symbol == "square"
        assert legend["What helps (enabler)"].marker.symbol == "circle"
        assert legend["Recommendation"].marker.symbol == "diamond"
        assert legend["Barrier"].marker.color == network.KIND_COLOURS["barrier"]
        assert legend["Stated link (solid)"].line.dash == "solid"
        assert legend["Inferred link (dashed)"].line.dash == "dash"

    def test_node_ids_in_customdata(self, graph):
        figure = network.network_figure(graph, network.layered_positions(*network.graph_inputs(graph)))
        ids = [node for trace in node_traces(figure) for node in trace.customdata]
        assert sorted(ids) == sorted(graph.nodes)

    def test_labels_and_hover_escaped(self, graph):
        figure = network.network_figure(graph, network.layered_positions(*network.graph_inputs(graph)))
        barrier = next(trace for trace in node_traces(figure) if trace.name == "Barrier")
        index = list(barrier.customdata).index("B2")
        assert "&lt;b&gt;bold&lt;/b&gt;" in barrier.text[index]
        assert "<b>bold</b>" not in barrier.hovertext[index]

    def test_link_notes_on_hover(self, graph):
        figure = network.network_figure(graph, network.layered_positions(*network.graph_inputs(graph)))
        notes = next(trace for trace in figure.data if trace.name == "Link notes")
        assert any("E1 helps B1" in text and "(stated)" in text for text in notes.hovertext)

    def test_focus_fades_all_but_neighbours(self, graph):
        figure = network.network_figure(graph, network.layered_positions(*network.graph_inputs(graph)), focus="E1")
        opacity = {
            node: value
            for trace in node_traces(figure)
            for node, value in zip(trace.customdata, trace.marker.opacity, strict=True)
        }
        assert opacity == {"E1": 1.0, "B1": 1.0, "B2": 1.0, "R1": 1.0, "R2": network.FADED_OPACITY, "P1": 0.18}

    def test_unknown_focus_is_ignored(self, graph):
        figure = network.network_figure(graph, network.layered_positions(*network.graph_inputs(graph)), focus="nope")
        assert all(value == 1.0 for trace in node_traces(figure) for value in trace.marker.opacity)

    def test_font_sizes_for_a_projector(self, graph):
        figure = network.network_figure(graph, network.layered_positions(*network.graph_inputs(graph)))
        assert figure.layout.legend.font.size >= 14
        assert figure.layout.hoverlabel.font.size >= 14
        assert all(trace.textfont.size >= 14 for trace in node_traces(figure))


@pytest.fixture(scope="module")
def large():
    return network.synthetic_graph_dataset(500, 1500, seed=3)


class TestScale:
    def test_synthetic_sizes(self, large):
        graph = network.build_graph(large)
        assert graph.number_of_nodes() == 500
        assert graph.number_of_edges() == 1500

    def test_synthetic_is_deterministic(self, large):
        again = network.synthetic_graph_dataset(500, 1500, seed=3)
        assert again.links.drop(columns="_row").equals(large.links.drop(columns="_row"))

    def test_large_graph_labels_only_around_focus(self, large):
        graph = network.build_graph(large)
        nodes, edges = network.graph_inputs(graph)
        positions = network.layered_positions(nodes, edges)
        assert len(positions) == 500
        unfocused = network.network_figure(graph, positions)
        assert not any(text for trace in node_traces(unfocused) for text in trace.text)
        focus = "S0001"
        focused = network.network_figure(graph, positions, focus=focus)
        labelled = {
            node
            for trace in node_traces(focused)
            for node, text in zip(trace.customdata, trace.text, strict=True)
            if text
        }
        near = {focus} | network.neighbours(graph, focus)
        # Middle-layer labels are boxed annotations; the layer titles are the bold ones.
        boxed = [note for note in focused.layout.annotations if not note.text.startswith("<b>")]
        assert labelled == {node for node in near if graph.nodes[node]["layer"] != 1}
        assert len(boxed) == sum(graph.nodes[node]["layer"] == 1 for node in near) > 0
        table = network.levers(graph, network.betweenness(nodes, edges))
        assert len(table) == 300  # 100 enablers and 200 recommendations

    def test_too_many_links_refused(self):
        with pytest.raises(ValueError, match="distinct links"):
            network.synthetic_graph_dataset(5, 100, seed=1)
