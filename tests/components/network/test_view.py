"""The page's view: built once per dataset and filters, with the empty state that says which filter to change."""

import dataclasses

import pandas as pd
import pytest

from components.data.links import build_link_index
from components.data.synthetic import synthetic_graph_dataset
from components.network.graph import GraphFilters, available_kinds, every_link_inferred, neighbours
from components.network.levers import LEVER_COLUMNS
from components.network.overview import DRAW_LIMIT
from components.network.view import (
    ALL_INFERRED_HIDDEN,
    LEVERS_SHOWN,
    NO_KINDS,
    NO_LINKS,
    NO_LINKS_LEFT,
    NOTHING_MATCHES,
    dataset_empty_state,
    filter_options,
    focused_figure,
    network_view,
    traced_paths,
)
from tests.components.network.tiny import LINKS, node_traces, tiny_dataset


class TestDatasetEmptyState:
    def test_a_dataset_with_links_and_kinds_has_a_network(self):
        dataset = tiny_dataset()
        assert dataset_empty_state(dataset, available_kinds(dataset)) is None

    def test_no_links_says_what_to_upload(self):
        dataset = tiny_dataset(links="")
        assert dataset_empty_state(dataset, available_kinds(dataset)) == NO_LINKS
        assert "links.csv" in NO_LINKS

    def test_no_kinds_to_draw(self):
        assert dataset_empty_state(tiny_dataset(), []) == NO_KINDS


class TestNetworkView:
    def test_the_parts_of_the_page(self):
        view = network_view(tiny_dataset(), GraphFilters())
        assert view.empty_message is None
        assert set(view.node_ids) == set(view.graph.nodes) == set(view.positions)
        assert len(view.adjacency) == 5
        assert view.summary.startswith("The graph shows 3 barriers and other findings")
        assert list(view.levers.columns) == LEVER_COLUMNS
        assert list(view.levers["ID"]) == ["E1", "R1", "R2"]
        assert view.trace_starts == ("B1", "B2", "P1")  # barriers first
        assert not view.large

    def test_levers_cut_to_the_ones_shown(self, bundled):
        view = network_view(bundled, GraphFilters())
        assert len(view.levers) == min(LEVERS_SHOWN, 19)  # 4 enablers and 15 recommendations in the study

    def test_nothing_matches(self):
        view = network_view(tiny_dataset(), GraphFilters(kinds=()))
        assert view.empty_message == NOTHING_MATCHES
        assert view.positions == {}
        assert view.trace_starts == ()

    def test_no_links_left_between_the_nodes_shown(self):
        view = network_view(tiny_dataset(), GraphFilters(kinds=("barrier", "recommendation"), audiences=("Managers",)))
        assert view.graph.number_of_nodes() > 0
        assert view.empty_message == NO_LINKS_LEFT

    def test_hiding_inferred_links_when_every_link_is_inferred(self):
        inferred_only = "from_id,to_id,relation,basis,note\nE1,B1,overcomes,inferred,x\nR2,B2,addresses,,y\n"
        dataset = tiny_dataset(inferred_only)
        assert every_link_inferred(dataset)  # a blank basis reads as inferred
        view = network_view(dataset, GraphFilters(hide_inferred=True))
        assert view.empty_message == ALL_INFERRED_HIDDEN
        assert not every_link_inferred(tiny_dataset(LINKS))

    def test_edges_come_from_the_link_index(self):
        # The graph reads the loader's link index, not the links table: an index with no links draws none.
        dataset = tiny_dataset()
        no_index = dataclasses.replace(
            dataset, link_index=build_link_index(dataset.findings, dataset.recommendations, pd.DataFrame())
        )
        assert network_view(no_index, GraphFilters()).graph.number_of_edges() == 0

    def test_focused_figure_fades_all_but_the_focus_and_its_neighbours(self):
        view = network_view(tiny_dataset(), GraphFilters())
        opacity = {
            node: value
            for trace in node_traces(focused_figure(view, "R2"))
            for node, value in zip(trace.customdata, trace.marker.opacity, strict=True)
        }
        assert {node for node, value in opacity.items() if value == 1.0} == {"R2", "B2", "P1"}


class TestTracedPaths:
    def test_text_markdown_and_csv_of_one_barrier(self):
        view = network_view(tiny_dataset(), GraphFilters())
        traced = traced_paths(view, "B2")
        assert list(traced.paths["recommendation_id"]) == ["R1", "R2"]
        assert traced.text.startswith("Barrier: Barrier two <b>bold</b> (B2, MHSW)")
        assert traced.markdown.startswith("**Barrier:** Barrier two &lt;b&gt;bold&lt;/b&gt;")
        assert traced.csv.decode("utf-8-sig").startswith("Barrier ID,Barrier,What helps ID")
        assert traced.file_name == "paths-B2.csv"

    def test_no_paths_gives_no_download(self):
        view = network_view(tiny_dataset(), GraphFilters(kinds=("barrier",)))
        traced = traced_paths(view, "B1")
        assert traced.paths.empty
        assert traced.csv == b""
        assert "No enabler or recommendation is linked to this" in traced.text

    def test_file_name_keeps_only_safe_characters(self):
        view = network_view(tiny_dataset(), GraphFilters())
        assert traced_paths(view, "../B1 x").file_name == "paths-_B1_x.csv"


class TestFilterOptions:
    def test_kinds_groups_and_audiences_of_the_dataset(self):
        options = filter_options(tiny_dataset())
        assert options.kinds == ("barrier", "perception", "enabler", "recommendation")
        assert options.groups == ("MHSW", "CSW", "All")  # the shared group last
        assert options.audiences == ("Managers", "Teams")


@pytest.fixture(scope="module")
def big_view():
    return network_view(synthetic_graph_dataset(500, 1500, seed=3), GraphFilters())


class TestBigGraph:
    """Above DRAW_LIMIT nodes the figure draws a part of the graph and the view says which."""

    @pytest.fixture
    def view(self, big_view):
        return big_view

    def test_the_overview_is_bounded_and_every_node_stays_pickable(self, view):
        assert view.bounded
        assert len(view.node_ids) == 500
        assert len(view.adjacency) == 1500  # the text alternative keeps every link
        assert set(view.positions) == set(view.drawn) != set(view.graph)
        drawn = {node for trace in node_traces(focused_figure(view, None)) for node in trace.customdata}
        assert drawn == set(view.drawn)
        assert len(drawn) <= DRAW_LIMIT
        assert view.figure_note(None) == view.drawn_note
        assert "too many to draw readably" in view.drawn_note

    def test_a_focus_draws_the_node_and_everything_linked_to_it(self, view):
        focus = "S0001"
        figure = focused_figure(view, focus)
        drawn = {node for trace in node_traces(figure) for node in trace.customdata}
        assert drawn == {focus} | neighbours(view.graph, focus)
        assert f"so it draws {focus} and the" in view.figure_note(focus)
        # All of it is the focus and its neighbours, so nothing is faded.
        assert all(value == 1.0 for trace in node_traces(figure) for value in trace.marker.opacity)

    def test_a_small_graph_is_drawn_whole_with_no_note(self):
        view = network_view(tiny_dataset(), GraphFilters())
        assert not view.bounded
        assert view.figure_note(None) is None
        assert view.figure_note("E1") is None
