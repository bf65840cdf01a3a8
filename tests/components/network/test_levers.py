"""Levers: betweenness and the enablers and recommendations that reach the most barriers."""

import pytest

from components.network.graph import GraphFilters, build_graph, graph_inputs
from components.network.levers import betweenness, levers
from tests.components.network.tiny import tiny_dataset


class TestLevers:
    def test_betweenness_known_values(self, graph):
        scores = betweenness(*graph_inputs(graph))
        assert scores["E1"] == pytest.approx(0.7)
        assert scores["B2"] == pytest.approx(0.6)
        assert scores["R2"] == pytest.approx(0.4)
        assert scores["R1"] == 0
        assert scores["B1"] == 0

    def test_ranked_by_barriers_reached(self, graph):
        table = levers(graph)
        assert list(table["ID"]) == ["E1", "R1", "R2"]
        e1 = table.iloc[0]
        assert (e1["Barriers reached"], e1["Findings reached"], e1["Links"], e1["Betweenness"]) == (2, 2, 3, 0.7)
        r1 = table.iloc[1]  # reaches B1 and B2 through the enabler it builds on
        assert (r1["Barriers reached"], r1["Links"]) == (2, 1)
        r2 = table.iloc[2]
        assert (r2["Barriers reached"], r2["Findings reached"]) == (1, 2)

    def test_levers_on_graph_without_enablers_or_recommendations(self):
        graph = build_graph(tiny_dataset(), GraphFilters(kinds=("barrier",)))
        assert levers(graph).empty
