"""The chains from a barrier to what helps and to the recommendations."""

from components.network.graph import GraphFilters, build_graph
from components.network.paths import paths_for_download, trace_paths
from components.network.text import paths_text
from tests.components.network.tiny import LINKS, tiny_dataset


class TestPaths:
    def test_barrier_through_enabler_and_direct(self, graph):
        paths = trace_paths(graph, "B2")
        chains = list(zip(paths["enabler_id"], paths["recommendation_id"], paths["audience"], strict=True))
        assert chains == [("E1", "R1", "Managers"), ("", "R2", "Teams")]
        assert paths.loc[0, "enabler_link"] == "inferred"
        assert paths.loc[1, "recommendation_link"] == "stated"

    def test_perception_reached_only_directly(self, graph):
        paths = trace_paths(graph, "P1")
        assert list(paths["recommendation_id"]) == ["R2"]
        assert list(paths["enabler_id"]) == [""]

    def test_not_a_start_gives_no_paths(self, graph):
        assert trace_paths(graph, "E1").empty
        assert trace_paths(graph, "missing").empty

    def test_enabler_without_recommendation_still_listed(self):
        graph = build_graph(tiny_dataset(), GraphFilters(kinds=("barrier", "enabler")))
        paths = trace_paths(graph, "B1")
        assert list(paths["enabler_id"]) == ["E1"]
        assert list(paths["recommendation_id"]) == [""]
        assert "No recommendation builds on this" in paths_text(graph, "B1", paths)

    def test_link_with_both_bases(self):
        graph = build_graph(tiny_dataset(LINKS + "E1,B2,overcomes,stated,Also stated\n"))
        assert trace_paths(graph, "B2").loc[0, "enabler_link"] == "stated and inferred"

    def test_download_headers(self, graph):
        frame = paths_for_download(trace_paths(graph, "B2"))
        assert list(frame.columns)[:3] == ["Barrier ID", "Barrier", "What helps ID"]
        assert "Audience" in frame.columns

    def test_study_face_to_face_paths(self, bundled):
        graph = build_graph(bundled)
        paths = trace_paths(graph, "F015")
        via_face_to_face = paths[paths["enabler_id"] == "F029"]
        assert set(via_face_to_face["recommendation_id"]) == {"R09", "R12"}
