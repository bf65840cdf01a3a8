"""A graph too big to draw whole: the overview draws its best-connected nodes with all their links, a focus
draws its own neighbourhood, and the note says what is left out."""

import pytest

from components.data.synthetic import synthetic_graph_dataset
from components.network.graph import GraphFilters, build_graph, neighbours
from components.network.overview import DRAW_LIMIT, around, around_note, overview, overview_note
from tests.components.network.tiny import tiny_dataset


@pytest.fixture(scope="module")
def big():
    return build_graph(synthetic_graph_dataset(500, 1500, seed=3))


class TestOverview:
    def test_a_graph_that_fits_is_drawn_whole(self, graph):
        drawn, hubs = overview(graph)
        assert drawn is graph
        assert hubs == graph.number_of_nodes()
        assert overview_note(graph, drawn, hubs) is None

    def test_a_big_graph_draws_its_best_connected_nodes_with_every_link(self, big):
        drawn, hubs = overview(big)
        assert 0 < drawn.number_of_nodes() <= DRAW_LIMIT < big.number_of_nodes()
        ranked = sorted(big, key=lambda node: -big.degree(node))
        most_linked = ranked[0]
        assert most_linked in drawn
        # Each best-connected node is drawn with every node and link it has.
        best = sorted(drawn, key=lambda node: -big.degree(node))[:hubs]
        for node in best:
            assert drawn.degree(node) == big.degree(node)
        # The drawn links are links of the graph, with their data.
        for source, target, data in drawn.edges(data=True):
            assert big.edges[source, target] == data

    def test_the_note_counts_what_is_drawn_and_says_where_the_rest_is(self, big):
        drawn, hubs = overview(big)
        note = overview_note(big, drawn, hubs)
        assert note.startswith(f"This graph has 500 nodes and {big.number_of_edges():,} links, too many to draw")
        assert f"the {hubs} nodes with the most links" in note
        assert f"({drawn.number_of_nodes()} nodes and {drawn.number_of_edges()} links in all)" in note
        assert "the table under the graph (Show the numbers as a table) lists every link" in note

    def test_one_node_with_more_neighbours_than_fit(self, big):
        drawn, hubs = overview(big, limit=3)
        assert drawn.number_of_nodes() == 3
        assert hubs == 1


class TestAround:
    def test_a_focus_draws_itself_and_its_neighbours(self, big):
        node = "S0001"
        near = around(big, node)
        assert set(near) == {node} | neighbours(big, node)
        assert near.number_of_edges() >= len(neighbours(big, node))
        note = around_note(big, near, node)
        assert f"so it draws {node} and the {len(neighbours(big, node))} nodes linked to it" in note
        assert "Clear the focus" in note

    def test_a_cut_neighbourhood_says_how_many_are_drawn(self, big):
        node = max(big, key=big.degree)
        near = around(big, node, limit=3)
        assert near.number_of_nodes() == 3
        assert f"2 of the {big.degree(node)} nodes (those with the most links)" in around_note(big, near, node)

    def test_a_node_with_no_links(self):
        barriers_only = build_graph(tiny_dataset(), GraphFilters(kinds=("barrier",)))
        near = around(barriers_only, "B1")
        assert list(near) == ["B1"]
        assert "so it draws B1 alone: nothing is linked to it with these filters" in around_note(
            barriers_only, near, "B1"
        )
