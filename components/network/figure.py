"""The network as a plotly figure, in named parts: links (lines, legend, hover notes), nodes by kind,
layer titles, then the axes and legend that make it fit a projector.

Node ids ride in `customdata` because a plotly selection reports only point indices. Everything taken
from the data is escaped before plotly sees it (plotly renders a little HTML in text).

The parts are plain dicts, made into a figure once without plotly's property checks: checking every point's
colour, size and text was most of a focus change's server time (about 450 ms of it on a 3,554-node graph).
The tests check that the figure passes those checks (tests/components/network/test_figure.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from components.network.graph import GraphNodes, graph_inputs, neighbours
from components.network.kinds import KIND_ORDER, KIND_SYMBOLS, LAYER_TITLES, RECOMMENDATION, kind_name, layer_of
from components.network.layout import Positions, row_step
from components.shared.colours import KIND_COLOURS
from components.shared.text import escape_plotly, wrap_label

# Above this many nodes, labels would overprint each other: they move to hover, except around the focus.
LABEL_LIMIT = 60
# Above this many links, the web of links is drawn thin and light, and a focus keeps hover notes on its own.
FEW_LINKS = 300
FONT_SIZE = 14
HOVER_FONT_SIZE = 15
LEGEND_FONT_SIZE = 15
LINK_COLOUR = "#4B5563"
LINK_FOCUS_COLOUR = "#111827"
LINK_FADED_COLOUR = "#D1D5DB"
LINK_WEB_COLOUR = "#9CA3AF"  # a lighter web of links, so the nodes still read on a big graph
TEXT_COLOUR = "#111827"
TEXT_FADED_COLOUR = "#9CA3AF"
FADED_OPACITY = 0.18
# Left labels sit left of their markers and right labels right, so they run away from the links.
TEXT_POSITIONS = {0: "middle left", 2: "middle right"}
TITLE_ANCHORS = {0: "right", 1: "center", 2: "left"}


@dataclass(frozen=True)
class Focus:
    """The focused node (or None) and the nodes that stay bright with it."""

    node: str | None
    near: frozenset[str] = frozenset()

    @classmethod
    def of(cls, graph: nx.DiGraph, node: str | None) -> Focus:
        node = node if node in graph else None
        return cls(node, frozenset(neighbours(graph, node) | ({node} if node else set())))

    def bright(self, node: str) -> bool:
        return self.node is None or node in self.near


@dataclass
class LinkLines:
    """Link segments grouped by (basis, emphasis), with a hover point at each shown link's midpoint."""

    segments: dict[tuple[str, str], tuple[list, list]] = field(default_factory=dict)
    mid_x: list[float] = field(default_factory=list)
    mid_y: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class FigureParts:
    """The figure as plain dicts while it is built: its traces, and the annotations of its layout."""

    data: list[dict] = field(default_factory=list)
    annotations: list[dict] = field(default_factory=list)


def figure_height(positions: Positions, nodes: GraphNodes, labelled: bool) -> int:
    tallest = max((sum(1 for _, layer in nodes if layer == key) for key in {layer for _, layer in nodes}), default=1)
    per_node = 58 if labelled else 9
    return int(min(max(160 + tallest * per_node, 480), 2400))


def link_name(basis: str) -> str:
    return "Stated link (solid)" if basis == "stated" else "Inferred link (dashed)"


def link_emphasis(focus: Focus, source: str, target: str) -> str:
    if focus.node is None:
        return "normal"
    return "focus" if focus.node in (source, target) else "faded"


def link_note(source: str, target: str, links: list[dict]) -> str:
    """Hover text for an edge: each of its links, its basis and its note."""
    return "<br><br>".join(
        f"<b>{escape_plotly(source)} {escape_plotly(link['relation'])} {escape_plotly(target)}</b> "
        f"({escape_plotly(link['basis'])})<br>"
        + wrap_label(escape_plotly(link["note"] or "No note recorded."), width=48, max_lines=8)
        for link in links
    )


def link_lines(graph: nx.DiGraph, positions: Positions, focus: Focus, few_links: bool) -> LinkLines:
    lines = LinkLines()
    for source, target, data in graph.edges(data=True):
        if source not in positions or target not in positions:
            continue
        basis = "stated" if data["basis"] == "stated" else "inferred"
        emphasis = link_emphasis(focus, source, target)
        xs, ys = lines.segments.setdefault((basis, emphasis), ([], []))
        (x0, y0), (x1, y1) = positions[source], positions[target]
        xs.extend([x0, x1, None])
        ys.extend([y0, y1, None])
        # On a big graph with a focus, only the focused links keep hover targets: fewer points to draw.
        if focus.node is None or emphasis == "focus" or few_links:
            lines.mid_x.append((x0 + x1) / 2)
            lines.mid_y.append((y0 + y1) / 2)
            lines.notes.append(link_note(source, target, data["links"]))
    return lines


def add_links(parts: FigureParts, lines: LinkLines, few_links: bool) -> None:
    """Links: one trace per (basis, emphasis), because dash and colour are per trace; then the legend's
    entries for stated and inferred links, then the invisible hover points carrying each link's note."""
    for (basis, emphasis), (xs, ys) in sorted(lines.segments.items()):
        colour = {"normal": LINK_COLOUR, "focus": LINK_FOCUS_COLOUR, "faded": LINK_FADED_COLOUR}[emphasis]
        if emphasis == "normal" and not few_links:
            colour = LINK_WEB_COLOUR
        parts.data.append(
            {
                "type": "scatter",
                # Float arrays (NaN breaks the line between links) serialise as compact typed arrays.
                "x": np.array(xs, dtype=float),
                "y": np.array(ys, dtype=float),
                "mode": "lines",
                "line": {
                    "color": colour,
                    "width": 3 if emphasis == "focus" else (1.6 if few_links else 0.6),
                    "dash": "solid" if basis == "stated" else "dash",
                },
                "hoverinfo": "skip",
                "name": link_name(basis),
                "legendgroup": basis,
                "showlegend": False,
            }
        )
    for basis in sorted({basis for basis, _ in lines.segments}, reverse=True):
        parts.data.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "lines",
                "line": {"color": LINK_FOCUS_COLOUR, "width": 2, "dash": "solid" if basis == "stated" else "dash"},
                "name": link_name(basis),
                "legendgroup": basis,
                "hoverinfo": "skip",
            }
        )
    if lines.mid_x:
        parts.data.append(
            {
                "type": "scatter",
                "x": np.array(lines.mid_x, dtype=float),
                "y": np.array(lines.mid_y, dtype=float),
                "mode": "markers",
                "marker": {"size": 10, "color": "rgba(0,0,0,0)"},
                "hovertext": lines.notes,
                "hovertemplate": "%{hovertext}<extra></extra>",
                "name": "Link notes",
                "showlegend": False,
            }
        )


def node_hover(node: str, data: dict) -> str:
    """Hover text for a node: id, kind (and whether this app inferred it), statement, group or audience."""
    kind = data["kind"]
    extra = f"Group: {escape_plotly(data['group'])}" if data["group"] else ""
    if data["audience"]:
        extra = f"For: {escape_plotly(data['audience'])}"
    inferred = ""
    if data["basis"] == "inferred":
        # A recommendation's basis qualifies its lens element only (its words are the source's): no element, no mark.
        inferred = (" · element inferred" if data["theme"] else "") if kind == RECOMMENDATION else " · inferred"
    return (
        f"<b>{escape_plotly(node)}</b> · {escape_plotly(kind_name(kind))}{inferred}<br>"
        f"{wrap_label(escape_plotly(data['label']), width=48, max_lines=8)}"
        + (f"<br>{extra}" if extra else "")
        + "<br><i>Click to focus</i>"
    )


def middle_label(parts: FigureParts, position: tuple[float, float], label: str, bright: bool) -> None:
    """Links cross the middle layer, so its labels sit on a white box above the marker."""
    parts.annotations.append(
        {
            "x": position[0],
            "y": position[1],
            "text": label,
            "showarrow": False,
            "yanchor": "bottom",
            "yshift": 14,
            "bgcolor": "rgba(255,255,255,0.88)",
            "font": {"size": FONT_SIZE, "color": TEXT_COLOUR if bright else TEXT_FADED_COLOUR},
        }
    )


def add_kind_nodes(
    parts: FigureParts, graph: nx.DiGraph, positions: Positions, kind: str, focus: Focus, labelled_all: bool
) -> bool:
    """One trace of one kind's nodes, and its own legend entry. Returns whether any node got a label."""
    members = [node for node, data in graph.nodes(data=True) if data["kind"] == kind and node in positions]
    if not members:
        return False
    layer = layer_of(kind)
    opacities, sizes, outlines, texts, hovers, text_colours = [], [], [], [], [], []
    any_labels = False
    for node in members:
        data = graph.nodes[node]
        bright = focus.bright(node)
        focused = node == focus.node
        opacities.append(1.0 if bright else FADED_OPACITY)
        sizes.append((26 if focused else 18) if labelled_all else (18 if focused else 9))
        outlines.append(3 if focused else 1)
        show_label = labelled_all or (focus.node is not None and node in focus.near)
        label = wrap_label(escape_plotly(data["label"]), width=24, max_lines=3) if show_label else ""
        any_labels = any_labels or bool(label)
        if layer == 1 and label:
            middle_label(parts, positions[node], label, bright)
            label = ""
        texts.append(label)
        text_colours.append(TEXT_COLOUR if bright else TEXT_FADED_COLOUR)
        hovers.append(node_hover(node, data))
    any_text = any(texts)
    trace = {
        "type": "scatter",
        "x": np.array([positions[node][0] for node in members], dtype=float),
        "y": np.array([positions[node][1] for node in members], dtype=float),
        "mode": "markers+text" if any_text else "markers",
        "marker": {
            "symbol": KIND_SYMBOLS.get(kind, "circle"),
            "color": KIND_COLOURS.get(kind, "#4D4D4D"),
            "size": sizes,
            "opacity": opacities,
            "line": {"color": TEXT_COLOUR, "width": outlines},
        },
        "text": texts,
        "textposition": TEXT_POSITIONS.get(layer, "middle right"),
        # A colour per point only where labels are drawn: a trace without labels need not carry one per point.
        "textfont": {"size": FONT_SIZE, "color": text_colours if any_text else TEXT_COLOUR},
        "customdata": members,
        "hovertext": hovers,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "name": kind_name(kind),
        "legendgroup": kind,
        "showlegend": False,
        # Plotly dims unselected points after a click; the focus styling does that job instead.
        "selected": {"marker": {"opacity": 1}},
        "unselected": {"marker": {"opacity": 1}},
    }
    parts.data.append(trace)
    # The legend gets its own empty trace: a node trace's legend symbol would fade with its first point.
    parts.data.append(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "marker": {
                "symbol": KIND_SYMBOLS.get(kind, "circle"),
                "color": KIND_COLOURS.get(kind, "#4D4D4D"),
                "size": 14,
                "line": {"color": TEXT_COLOUR, "width": 1},
            },
            "name": kind_name(kind),
            "legendgroup": kind,
            "hoverinfo": "skip",
        }
    )
    return any_labels


def add_nodes(parts: FigureParts, graph: nx.DiGraph, positions: Positions, focus: Focus, labelled_all: bool) -> bool:
    """Every kind's nodes, in legend order (kinds outside KIND_ORDER last). Returns whether any has a label."""
    extra_kinds = sorted({data["kind"] for _, data in graph.nodes(data=True)} - set(KIND_ORDER))
    labelled = [
        add_kind_nodes(parts, graph, positions, kind, focus, labelled_all) for kind in [*KIND_ORDER, *extra_kinds]
    ]
    return any(labelled)


def add_layer_titles(
    parts: FigureParts, graph: nx.DiGraph, positions: Positions, title_y: float, labelled_all: bool
) -> None:
    """Layer titles sit inside the plot above the first row; the outer ones align with their labels."""
    for layer in sorted({data["layer"] for _, data in graph.nodes(data=True)}):
        layer_x = [positions[node][0] for node, data in graph.nodes(data=True) if data["layer"] == layer]
        if layer_x:
            parts.annotations.append(
                {
                    "x": layer_x[0],
                    "y": title_y,
                    "text": f"<b>{LAYER_TITLES.get(layer, '')}</b>",
                    "showarrow": False,
                    "xanchor": TITLE_ANCHORS.get(layer, "center") if labelled_all else "center",
                    "yanchor": "bottom",
                    "font": {"size": 16, "color": TEXT_COLOUR},
                }
            )


def title_row(positions: Positions, labelled_all: bool) -> float:
    """The y of the layer titles: a row above the first node (more on an unlabelled, denser graph)."""
    ys = [y for _, y in positions.values()] or [0.0]
    return min(ys) - (0.75 * row_step(positions) if labelled_all else 3 * row_step(positions))


def layout(
    graph: nx.DiGraph, positions: Positions, labelled_all: bool, any_labels: bool, annotations: list[dict]
) -> dict:
    """Size, fonts, legend and fixed axes: no zoom or drag, so a click always means "focus this node"."""
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    layer_xs = sorted({round(x, 9) for x in xs})
    step = (layer_xs[-1] - layer_xs[0]) / (len(layer_xs) - 1) if len(layer_xs) > 1 else 1.0
    y_step = row_step(positions)
    top = title_row(positions, labelled_all) - (1.0 * y_step if labelled_all else 6 * y_step)
    pad = 1.0 * step if any_labels else 0.35 * step
    return {
        "height": figure_height(positions, graph_inputs(graph)[0], labelled_all),
        "margin": {"l": 8, "r": 8, "t": 84, "b": 8},
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF",
        "hovermode": "closest",
        "hoverlabel": {"font": {"size": HOVER_FONT_SIZE}, "bgcolor": "#FFFFFF", "bordercolor": "#374151"},
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": LEGEND_FONT_SIZE},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        "dragmode": False,
        "clickmode": "event+select",
        "xaxis": {"visible": False, "range": [min(xs) - pad, max(xs) + pad], "fixedrange": True},
        "yaxis": {"visible": False, "range": [max(ys) + 0.8 * y_step, top], "fixedrange": True},
        "annotations": annotations,
    }


def network_figure(
    graph: nx.DiGraph,
    positions: Positions,
    focus: str | None = None,
    label_limit: int = LABEL_LIMIT,
) -> go.Figure:
    """The layered network: one trace per node kind (so the legend shows shape and colour), links
    solid when stated and dashed when inferred, each link's note on hover at its midpoint.

    With a focus, the node and its neighbours stay bright and everything else fades.
    """
    in_focus = Focus.of(graph, focus)
    labelled_all = graph.number_of_nodes() <= label_limit
    few_links = graph.number_of_edges() <= FEW_LINKS
    parts = FigureParts()
    add_links(parts, link_lines(graph, positions, in_focus, few_links), few_links)
    any_labels = add_nodes(parts, graph, positions, in_focus, labelled_all)
    add_layer_titles(parts, graph, positions, title_row(positions, labelled_all), labelled_all)
    figure_layout = layout(graph, positions, labelled_all, any_labels, parts.annotations)
    # Unchecked: every part above is this module's own, and the tests check the result once.
    return go.Figure({"data": parts.data, "layout": figure_layout}, _validate=False)
