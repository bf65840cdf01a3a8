"""The graph built from a dataset: its nodes, its edges from the link index, and the filters."""

from components.network.graph import GraphFilters, available_kinds, build_graph, neighbours
from tests.components.network.tiny import LINKS, tiny_dataset


class TestBuildGraph:
    def test_nodes_and_kinds(self, graph):
        assert set(graph.nodes) == {"B1", "B2", "P1", "E1", "R1", "R2"}
        assert graph.nodes["E1"]["kind"] == "enabler"
        assert graph.nodes["R2"]["audience"] == "Teams"
        assert graph.nodes["B1"]["evidence"] == "Quote for barrier one"

    def test_unlinked_observation_left_out_but_unlinked_barrier_kept(self):
        graph = build_graph(tiny_dataset(links="from_id,to_id,relation\nR2,P1,addresses\n"))
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
        graph = build_graph(tiny_dataset(links))
        edge = graph.edges["E1", "B2"]
        assert [link["note"] for link in edge["links"]] == ["E1 helps B2", "Second reading"]
        assert edge["basis"] == "stated"

    def test_hide_inferred_keeps_stated_links_and_drops_orphaned_perception(self):
        graph = build_graph(tiny_dataset(), GraphFilters(hide_inferred=True))
        assert set(graph.edges) == {("E1", "B1"), ("R2", "B2")}
        assert "P1" not in graph
        assert "R1" in graph

    def test_group_filter(self):
        graph = build_graph(tiny_dataset(), GraphFilters(groups=("All",)))
        assert "B2" not in graph
        assert "P1" not in graph
        assert {"B1", "E1", "R1", "R2"} <= set(graph.nodes)

    def test_audience_filter(self):
        graph = build_graph(tiny_dataset(), GraphFilters(audiences=("Managers",)))
        assert "R2" not in graph
        assert "R1" in graph
        assert "P1" not in graph  # its only link came from R2

    def test_kind_filter(self):
        graph = build_graph(tiny_dataset(), GraphFilters(kinds=("barrier", "enabler")))
        assert set(graph.nodes) == {"B1", "B2", "E1"}

    def test_available_kinds_lists_linked_extras_only(self, bundled):
        assert available_kinds(tiny_dataset()) == ["barrier", "perception", "enabler", "recommendation"]
        assert "purpose" in available_kinds(bundled)  # R05 addresses a purpose finding

    def test_no_links_file_gives_unlinked_core_nodes(self):
        dataset = tiny_dataset(links="")
        assert dataset.links.empty
        graph = build_graph(dataset)
        assert graph.number_of_edges() == 0
        assert "P1" not in graph


class TestNeighbours:
    def test_neighbours(self, graph):
        assert neighbours(graph, "E1") == {"B1", "B2", "R1"}
        assert neighbours(graph, "missing") == set()
