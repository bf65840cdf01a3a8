"""Words about the network: a node's title and its links read from its side, the paths from a barrier
as a list to read or copy, and the graph's text alternative (a sentence and a table of every link)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from components.network.kinds import KIND_ORDER, LAYER_TITLES, kind_name
from components.shared.badges import inferred_badge
from components.shared.text import escape_markdown

# A link read from its far end: "F015 is overcome by F029".
RELATION_PASSIVE = {"overcomes": "overcome by", "addresses": "addressed by", "builds on": "built on by"}


def node_title(graph: nx.DiGraph, node: str) -> str:
    """Plain text naming a node for a pick-list: its statement, then its id and kind."""
    data = graph.nodes[node]
    return f"{data['label']} ({node} · {kind_name(data['kind']).lower()})"


def node_links(graph: nx.DiGraph, node: str) -> pd.DataFrame:
    """Every link touching a node, read from the node's side: "overcomes F015", "built on by R09"."""
    columns = ["phrase", "other_id", "other_kind", "other_label", "relation", "basis", "note"]
    rows = []
    if node in graph:
        for _, target, data in graph.out_edges(node, data=True):
            for link in data["links"]:
                rows.append((link["relation"], target, link))
        for source, _, data in graph.in_edges(node, data=True):
            for link in data["links"]:
                passive = RELATION_PASSIVE.get(link["relation"], f"{link['relation']} (from)")
                rows.append((passive, source, link))
    records = [
        {
            "phrase": phrase,
            "other_id": other,
            "other_kind": graph.nodes[other]["kind"],
            "other_label": graph.nodes[other]["label"],
            "relation": link["relation"],
            "basis": link["basis"],
            "note": link["note"],
        }
        for phrase, other, link in rows
        if other != node
    ]
    frame = pd.DataFrame(records, columns=columns)
    if frame.empty:
        return frame
    frame["_kind_order"] = frame["other_kind"].map(lambda kind: KIND_ORDER.index(kind) if kind in KIND_ORDER else 99)
    frame = frame.sort_values(["phrase", "_kind_order", "other_id"], kind="stable").drop(columns="_kind_order")
    return frame.reset_index(drop=True)


def paths_text(graph: nx.DiGraph, start: str, paths: pd.DataFrame, markdown: bool = False) -> str:
    """The paths as a nested list a team lead can read, or paste into an email or a plan.

    Plain text by default (for copying); with `markdown=True` every piece of data is escaped and
    inferred links carry a badge, for showing on the page.
    """
    if start not in graph:
        return ""
    esc = escape_markdown if markdown else str

    def ident(node: str) -> str:
        return f"**{esc(node)}**" if markdown else node

    def basis(value: str) -> str:
        if markdown:
            return " " + inferred_badge("inferred link") if "inferred" in value else " (stated in the source)"
        return " — inferred link" if "inferred" in value else " — stated in the source"

    data = graph.nodes[start]
    kind = kind_name(data["kind"])
    group = f", {esc(data['group'])}" if data["group"] else ""
    if markdown:
        lines = [f"**{kind}:** {esc(data['label'])} ({ident(start)}{group})", ""]
    else:
        lines = [f"{kind}: {data['label']} ({start}{group})"]
    if paths.empty:
        lines.append("- No enabler or recommendation is linked to this in the data shown.")
        return "\n".join(lines)
    # Plain records, not pandas: a groupby and iterrows on this small frame cost more than the whole list.
    rows = paths.to_dict("records")
    via: dict[str, list[dict]] = {}  # by enabler, in the order the paths list them
    for row in rows:
        if row["enabler_id"] != "":
            via.setdefault(row["enabler_id"], []).append(row)
    for enabler_id, chains in via.items():
        first = chains[0]
        lines.append(f"- What helps: {esc(first['enabler'])} ({ident(enabler_id)}){basis(first['enabler_link'])}")
        built = [row for row in chains if row["recommendation_id"] != ""]
        if not built:
            lines.append("  - No recommendation builds on this in the data shown.")
        for row in built:
            lines.append(
                f"  - Recommendation for {esc(row['audience'])}: {esc(row['recommendation'])} "
                f"({ident(row['recommendation_id'])}){basis(row['recommendation_link'])}"
            )
    direct = [row for row in rows if row["enabler_id"] == ""]
    if direct:
        lines.append("- Recommendations that address it directly:")
        for row in direct:
            lines.append(
                f"  - For {esc(row['audience'])}: {esc(row['recommendation'])} "
                f"({ident(row['recommendation_id'])}){basis(row['recommendation_link'])}"
            )
    if not markdown:
        lines.append("Inferred links are this app's interpretation, not the source's words.")
    return "\n".join(lines)


def adjacency_table(graph: nx.DiGraph) -> pd.DataFrame:
    """Every link shown, as text: the graph's alternative for screen readers and for the room."""
    rows = []
    for source, target, data in graph.edges(data=True):
        for link in data["links"]:
            rows.append(
                {
                    "From": f"{source}: {graph.nodes[source]['label']}",
                    "Relation": link["relation"],
                    "To": f"{target}: {graph.nodes[target]['label']}",
                    "Basis": link["basis"],
                    "Note": link["note"],
                }
            )
    return pd.DataFrame(rows, columns=["From", "Relation", "To", "Basis", "Note"])


def graph_summary(graph: nx.DiGraph) -> str:
    """One sentence saying what the graph holds, generated from it."""
    if graph.number_of_nodes() == 0:
        return "The graph is empty with these filters."
    counts = {layer: 0 for layer in LAYER_TITLES}
    for _, data in graph.nodes(data=True):
        counts[data["layer"]] += 1
    links = [link for _, _, data in graph.edges(data=True) for link in data["links"]]
    inferred = sum(link["basis"] != "stated" for link in links)
    parts = [
        f"{counts[0]} barrier{'s' if counts[0] != 1 else ''} and other findings",
        f"{counts[1]} thing{'s' if counts[1] != 1 else ''} that help",
        f"{counts[2]} recommendation{'s' if counts[2] != 1 else ''}",
    ]
    return (
        f"The graph shows {', '.join(parts)}, joined by {len(links)} link{'s' if len(links) != 1 else ''}: "
        f"{len(links) - inferred} stated in the source and {inferred} inferred by this app."
    )


# A phone's list of links stops after this many nodes: the table of every link under it holds the rest.
LINKS_LIST_MAX_NODES = 40


def links_list(graph: nx.DiGraph, max_nodes: int = LINKS_LIST_MAX_NODES) -> str:
    """The graph's links as a list that fits a phone's width: each node, in the graph's column order, with
    the nodes it links to under it. Markdown: every piece of data escaped; inferred links carry a badge."""
    sources = [node for node in graph.nodes if graph.out_degree(node)]
    sources.sort(key=lambda node: (graph.nodes[node]["layer"], node))
    lines = []
    for node in sources[:max_nodes]:
        data = graph.nodes[node]
        lines.append(
            f"- **{escape_markdown(node)}** · {kind_name(data['kind']).lower()}: {escape_markdown(data['label'])}"
        )
        for _, target, edge in sorted(graph.out_edges(node, data=True), key=lambda edge: edge[1]):
            for link in edge["links"]:
                badge = " " + inferred_badge() if link["basis"] != "stated" else ""
                lines.append(
                    f"    - {escape_markdown(link['relation'])} **{escape_markdown(target)}**: "
                    f"{escape_markdown(graph.nodes[target]['label'])}{badge}"
                )
    if len(sources) > max_nodes:
        lines.append(f"\n{len(sources) - max_nodes} more nodes with links: the table of every link below lists them.")
    return "\n".join(lines) if lines else "No links with these filters."
