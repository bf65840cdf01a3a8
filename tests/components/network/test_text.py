"""Words about the graph: a node's title and links, the paths as a list, the text alternative."""

import networkx as nx

from components.network.paths import trace_paths
from components.network.text import adjacency_table, graph_summary, links_list, node_links, node_title, paths_text
from components.shared.badges import inferred_badge


class TestNodeDetails:
    def test_links_read_from_the_nodes_side(self, graph):
        links = node_links(graph, "E1")
        assert sorted(zip(links["phrase"], links["other_id"], strict=True)) == [
            ("built on by", "R1"),
            ("overcomes", "B1"),
            ("overcomes", "B2"),
        ]
        b1 = node_links(graph, "B1").iloc[0]
        assert (b1["phrase"], b1["other_id"], b1["basis"], b1["note"]) == ("overcome by", "E1", "stated", "E1 helps B1")

    def test_node_title_names_statement_id_and_kind(self, graph):
        assert node_title(graph, "E1") == "Enabler one (E1 · what helps (enabler))"


class TestPathsText:
    def test_text_for_copying(self, graph):
        text = paths_text(graph, "B2", trace_paths(graph, "B2"))
        assert text.splitlines() == [
            "Barrier: Barrier two <b>bold</b> (B2, MHSW)",
            "- What helps: Enabler one (E1) — inferred link",
            "  - Recommendation for Managers: Recommendation one (R1) — inferred link",
            "- Recommendations that address it directly:",
            "  - For Teams: Recommendation two (R2) — stated in the source",
            "Inferred links are this app's interpretation, not the source's words.",
        ]

    def test_markdown_for_the_page_is_escaped_and_marks_inferred(self, graph):
        text = paths_text(graph, "B2", trace_paths(graph, "B2"), markdown=True)
        lines = text.splitlines()
        assert lines[0] == "**Barrier:** Barrier two &lt;b&gt;bold&lt;/b&gt; (**B2**, MHSW)"
        assert f"- What helps: Enabler one (**E1**) {inferred_badge('inferred link')}" in lines
        assert "  - For Teams: Recommendation two (**R2**) (stated in the source)" in lines


class TestTextAlternative:
    def test_adjacency_table(self, graph):
        table = adjacency_table(graph)
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
        assert graph_summary(graph) == (
            "The graph shows 3 barriers and other findings, 1 thing that help, 2 recommendations, "
            "joined by 5 links: 2 stated in the source and 3 inferred by this app."
        )
        assert graph_summary(nx.DiGraph()) == "The graph is empty with these filters."


class TestLinksList:
    """The graph's links as a list for a phone: every link there, data escaped, inferred links marked."""

    def test_every_link_is_listed_under_the_node_it_starts_from(self, graph):
        text = links_list(graph)
        lines = text.splitlines()
        for source, target, data in graph.edges(data=True):
            for link in data["links"]:
                under = [line for line in lines if line.startswith("    - ") and f"**{target}**" in line]
                assert any(link["relation"] in line for line in under), (source, target)
        assert sum(line.startswith("    - ") for line in lines) == sum(
            len(data["links"]) for _, _, data in graph.edges(data=True)
        )

    def test_data_is_escaped_and_inferred_links_marked(self, graph):
        text = links_list(graph)
        assert "<b>" not in text
        assert inferred_badge() in text

    def test_a_long_list_stops_and_says_where_the_rest_is(self, graph):
        text = links_list(graph, max_nodes=1)
        assert "the table of every link below lists them" in text
