"""The network page's Streamlit pieces: its filters, focus and graph, the focused node's details, the
paths from a barrier and the levers. Each draws one part from a NetworkView; the logic is in the plain
modules beside this one. Widget keys are named in components.shared.session_keys.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.data.model import Dataset
from components.network import view as network_views
from components.network.graph import GraphFilters
from components.network.kinds import RECOMMENDATION, kind_name
from components.network.text import links_list, node_links, node_title
from components.network.view import FilterOptions, NetworkView, TracedPaths, focused_figure, traced_paths
from components.shared.citation import chart_source
from components.shared.session_keys import (
    NETWORK_ADJACENCY,
    NETWORK_ADJACENCY_BOX,
    NETWORK_AUDIENCES,
    NETWORK_CLEAR_FOCUS,
    NETWORK_COPY_BOX,
    NETWORK_DOWNLOAD_PATHS,
    NETWORK_FOCUS,
    NETWORK_FOCUS_PANEL,
    NETWORK_GRAPH,
    NETWORK_GROUPS,
    NETWORK_KINDS,
    NETWORK_LEVERS,
    NETWORK_LINKS_LIST,
    NETWORK_OPEN_DIALOG,
    NETWORK_PHONE_LAYOUT,
    NETWORK_STATED_ONLY,
    NETWORK_TRACE,
    VIEWPORT_REPORTER,
)
from components.shared.text import escape_markdown
from components.ui import charts, quotes, url_state, view_cache, viewport
from components.ui.lazy import lazy_expander

# The narrowest width at which the three columns of labels fit side by side without being cut off: on a phone
# the graph keeps it and scrolls sideways in its own box (swipe to see the recommendations).
GRAPH_MIN_WIDTH = 760
LEVER_COLUMNS_CONFIG = {
    "ID": st.column_config.TextColumn(width="small"),
    "Statement": st.column_config.TextColumn(width="large"),
    "Barriers reached": st.column_config.NumberColumn(
        help="Barriers it is linked to, directly or through what it builds on."
    ),
    "Findings reached": st.column_config.NumberColumn(
        help="Barriers plus the perceptions and other findings it reaches."
    ),
    "Links": st.column_config.NumberColumn(help="How many links touch it (degree)."),
    "Betweenness": st.column_config.NumberColumn(
        format="%.3f", help="How often it lies on the shortest route between two other nodes (0 to 1)."
    ),
}


# ---------------------------------------------------------------------------------------------
# Views, declared once: built once per dataset and filters (and focus or start), shared by every session on the
# server's own study (components.ui.view_cache)

filter_options = view_cache.cached_view(network_views.filter_options)
network_view = view_cache.cached_view(network_views.network_view)


def _figure(dataset: Dataset, filters: GraphFilters, focus: str | None) -> go.Figure:
    return focused_figure(network_view(dataset, filters), focus)


def _paths(dataset: Dataset, filters: GraphFilters, start: str) -> TracedPaths:
    return traced_paths(network_view(dataset, filters), start)


network_figure = view_cache.cached_view(_figure, spinner="Drawing the network…")
network_paths = view_cache.cached_view(_paths)


# ---------------------------------------------------------------------------------------------
# Focus: a click on the graph, a pick from the list, or the Clear button


def focus_from_click() -> None:
    """A click on a node focuses it. Runs before the script, so it may set the pick-list's value."""
    selection = st.session_state.get(NETWORK_GRAPH)
    points = (selection or {}).get("selection", {}).get("points", []) if selection else []
    for point in points:
        node = point.get("customdata")
        if isinstance(node, list):
            node = node[0] if node else None
        if isinstance(node, str) and node:
            st.session_state[NETWORK_FOCUS] = node
            # The details open over the graph too, so a click needs no scrolling to read them.
            st.session_state[NETWORK_OPEN_DIALOG] = True
            return


def focus_from_list() -> None:
    if st.session_state.get(NETWORK_FOCUS):
        st.session_state[NETWORK_OPEN_DIALOG] = True


def clear_focus() -> None:
    st.session_state[NETWORK_FOCUS] = None


# ---------------------------------------------------------------------------------------------
# Filters and URL


def no_network(message: str) -> None:
    st.info(message)
    st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")


def filters(options: FilterOptions) -> tuple[GraphFilters, dict[str, list[str]]]:
    """The filters, seeded from the URL once, drawn in a closed expander. Returns them and the URL values
    that were not recognised (for url_state.notice_dropped)."""
    kinds, groups, audiences = options.kinds, options.groups, options.audiences
    dropped = {
        "Group": url_state.seed_multi(NETWORK_GROUPS, "group", groups, groups),
        "Node kind": url_state.seed_multi(NETWORK_KINDS, "kind", kinds, kinds),
        "Audience": url_state.seed_multi(NETWORK_AUDIENCES, "audience", audiences, audiences),
    }
    url_state.seed_flag(NETWORK_STATED_ONLY, "stated")
    with st.expander("Filter the graph", expanded=False):
        st.pills(
            "Node kinds",
            kinds,
            selection_mode="multi",
            format_func=kind_name,
            key=NETWORK_KINDS,
            help="Perceptions, observations and purposes appear only where a link touches them.",
        )
        left, right = st.columns(2)
        left.multiselect("Groups", groups, key=NETWORK_GROUPS, help="Findings from these groups are drawn.")
        if audiences:
            right.multiselect(
                "Recommendation audiences",
                audiences,
                key=NETWORK_AUDIENCES,
                help="Recommendations for these audiences are drawn.",
            )
        st.toggle(
            "Hide inferred links (show only links the source states)",
            key=NETWORK_STATED_ONLY,
            help="Inferred links are this app's reading of how findings connect; the source does not state them.",
        )
    chosen = GraphFilters(
        kinds=tuple(st.session_state[NETWORK_KINDS]),
        groups=tuple(st.session_state[NETWORK_GROUPS]),
        audiences=tuple(st.session_state[NETWORK_AUDIENCES]) if audiences else None,
        hide_inferred=st.session_state[NETWORK_STATED_ONLY],
    )
    return chosen, dropped


def seed_focus_and_trace(dataset: Dataset, view: NetworkView, dropped: dict[str, list[str]]) -> None:
    """Seed the focus from ?focus= and the traced barrier from ?trace= once, before the focus part of the page
    (which writes the URL) runs; say when the focus names a node the filters hide, or nothing known."""
    requested = st.query_params.get("focus") if NETWORK_FOCUS not in st.session_state else None
    url_state.seed_single(NETWORK_FOCUS, "focus", view.node_ids, None)
    if requested and requested not in view.node_ids:
        if requested in dataset.link_index.kinds:
            st.caption(f"{escape_markdown(requested)} is hidden by the current filters, so nothing is in focus.")
        else:
            dropped["Focus"] = [requested]
    starts = list(view.trace_starts)
    focus = current_focus()
    default_trace = focus if focus in starts else (starts[0] if starts else None)
    dropped["Trace"] = url_state.seed_single(NETWORK_TRACE, "trace", starts, default_trace)
    url_state.notice_dropped(dropped)


def all_or_chosen(key: str, available: tuple[str, ...]) -> list[str]:
    """A filter for the URL: nothing when everything is chosen, so links stay short."""
    return [] if set(st.session_state[key]) == set(available) else st.session_state[key]


def write_url(options: FilterOptions, trace_starts: tuple[str, ...]) -> None:
    trace = st.session_state.get(NETWORK_TRACE)
    url_state.write_url(
        {
            "focus": st.session_state.get(NETWORK_FOCUS),
            # The first barrier is the default trace: leave it out so links stay short.
            "trace": None if trace in (None, *trace_starts[:1]) else trace,
            "group": all_or_chosen(NETWORK_GROUPS, options.groups),
            "kind": all_or_chosen(NETWORK_KINDS, options.kinds),
            "audience": all_or_chosen(NETWORK_AUDIENCES, options.audiences),
            "stated": st.session_state[NETWORK_STATED_ONLY] or None,
        }
    )


# ---------------------------------------------------------------------------------------------
# The focused node


def node_details(view: NetworkView, node: str) -> None:
    """The focused node: its words, the verbatim evidence and source, and each link with its note."""
    graph = view.graph
    data = graph.nodes[node]
    kind = kind_name(data["kind"])
    where = f" · Group: {escape_markdown(data['group'])}" if data["group"] else ""
    if data["audience"]:
        where = f" · For: {escape_markdown(data['audience'])}"
    words, links_column = st.columns([1, 1], gap="large")
    with words:
        st.markdown(f":gray-badge[{escape_markdown(kind)}] {escape_markdown(node)}{where}")
        # A recommendation's basis qualifies its lens element only (`theme` here): without one, nothing is marked.
        if data["kind"] == RECOMMENDATION:
            badge = quotes.basis_badge(data["basis"], "element") if data["theme"] else ""
        else:
            badge = quotes.basis_badge(data["basis"])
        st.markdown(f"**{escape_markdown(data['label'])}**{badge}")
        quotes.show_quote(data["evidence"], data["source"], node, f"{kind.lower()} {node}")
        if data["detail"]:
            st.markdown(f"Detail from the source: “{escape_markdown(data['detail'])}”")
    links = node_links(graph, node)
    with links_column:
        if links.empty:
            st.markdown("No links to this in the graph as filtered.")
            return
        for phrase, rows in links.groupby("phrase", sort=False):
            lines = [f"**{escape_markdown(phrase.capitalize())}** ({len(rows)})"]
            for _, link in rows.iterrows():
                note = f"  \n  Why linked: _{escape_markdown(link['note'])}_" if link["note"] else ""
                lines.append(
                    f"- **{escape_markdown(link['other_id'])}** {escape_markdown(link['other_label'])}"
                    f"{quotes.basis_badge(link['basis'])}{note}"
                )
            st.markdown("\n".join(lines))


@st.dialog("Focused node", width="large")
def node_dialog(view: NetworkView, node: str) -> None:
    node_details(view, node)
    st.caption("Close this box to see the graph with this node's neighbours highlighted.")


def focus_picker(view: NetworkView) -> str | None:
    """The pick-list (and Clear button) for the focus; opens the details box after a pick or a click."""
    focus = st.session_state.get(NETWORK_FOCUS)
    pick_column, clear_column = st.columns([4, 1], vertical_alignment="bottom")
    pick_column.selectbox(
        "Focus on a node: type part of its words or its id",
        view.node_ids,
        format_func=lambda node: node_title(view.graph, node),
        key=NETWORK_FOCUS,
        index=None,
        placeholder="Type to search, or click a node in the graph",
        filter_mode="contains",
        on_change=focus_from_list,
    )
    if focus:
        clear_column.button("Clear focus", key=NETWORK_CLEAR_FOCUS, on_click=clear_focus, width="stretch")
    if st.session_state.pop(NETWORK_OPEN_DIALOG, False) and focus:
        node_dialog(view, focus)
    return focus


def current_focus() -> str | None:
    return st.session_state.get(NETWORK_FOCUS)


@st.fragment
def focus_and_graph(dataset: Dataset, options: FilterOptions, filters: GraphFilters, view: NetworkView) -> None:
    """The focus list, the graph and the focused node's details. A new focus (a pick, a click on a node, Clear)
    reruns only this part: the filters, paths and levers around it are not built or sent again."""
    focus = focus_picker(view)
    # Built once per dataset, filters and focus (components.ui.view_cache): sessions on the bundled study share it.
    figure = network_figure(dataset, filters, focus)
    graph_chart(dataset, view, figure, focus)
    focus_panel(view, focus)
    # The page writes the URL at its end too; a run of this part alone must keep ?focus= up to date itself.
    write_url(options, view.trace_starts)


def focus_panel(view: NetworkView, focus: str | None) -> None:
    """Kept under the graph as well as in the box a pick opens, so a shared ?focus= link shows it."""
    if focus:
        with st.container(border=True, key=NETWORK_FOCUS_PANEL):
            node_details(view, focus)


# ---------------------------------------------------------------------------------------------
# The graph, the paths, the levers


PHONE_LIST, PHONE_GRAPH = "List of links", "Graph"


def graph_chart(dataset: Dataset, view: NetworkView, figure: go.Figure, focus: str | None) -> None:
    # Above the graph: what a big graph's figure leaves out is read before the figure.
    note = view.figure_note(focus)
    if note:
        st.info(escape_markdown(note), icon=":material/info:")
    # On a phone the graph's three columns of labels need twice the screen's width: the same links come as a
    # list that fits it, and the graph is one tap away, said to scroll sideways before it is seen.
    if viewport.is_phone(VIEWPORT_REPORTER):
        shown = st.segmented_control(
            "Show the links as",
            [PHONE_LIST, PHONE_GRAPH],
            default=PHONE_LIST,
            required=True,
            key=NETWORK_PHONE_LAYOUT,
        )
        if shown != PHONE_GRAPH:
            with st.container(key=NETWORK_LINKS_LIST):
                st.markdown(links_list(view.graph))
            return
        st.markdown(
            ":material/swipe: **The graph is wider than your screen: swipe it sideways** to see the "
            "recommendations' column."
        )
    charts.chart(
        figure,
        key=NETWORK_GRAPH,
        title="Barriers, what helps and recommendations, and the links between them",
        source=chart_source(dataset),
        caveat="Each node is a coded statement or a recommendation; a link marked inferred is this app's "
        "reading, not the source's.",
        on_select=focus_from_click,
        selection_mode="points",
        config={"scrollZoom": False},
        # Built once per filters and focus (pages/network.py through view_cache), never changed.
        cached_figure=True,
        alt="Network of barriers, what helps and recommendations. The table below lists every link.",
        phone_min_width=GRAPH_MIN_WIDTH,
    )
    hint = "Click a node to focus it and read its evidence and links. Hover over a link for its note."
    if view.large:
        hint += " This graph is large, so labels show on hover and around the focused node."
    st.caption(hint)


def text_alternative(view: NetworkView) -> None:
    # The table of every link is sent only while its box is open: on a big graph it is most of what the page
    # would send (4,000 rows on data 100x the study), and most visitors never open it.
    charts.text_alternative(view.summary, view.adjacency, NETWORK_ADJACENCY, box_key=NETWORK_ADJACENCY_BOX)


def trace_section(dataset: Dataset, filters: GraphFilters, view: NetworkView) -> None:
    """Trace a barrier: its chains to what helps and to recommendations, to read, copy or download."""
    st.subheader("Trace a barrier")
    starts = list(view.trace_starts)  # the selection was seeded from the URL by seed_focus_and_trace
    if not starts:
        st.markdown("No barriers are in the graph with these filters.")
        return
    trace = st.selectbox(
        "Barrier to trace",
        starts,
        format_func=lambda node: node_title(view.graph, node),
        key=NETWORK_TRACE,
        filter_mode="contains",
        help="The chain barrier → what helps → recommendations that build on it, from the links in the data.",
    )
    if not trace:
        return
    traced = network_paths(dataset, filters, trace)
    with st.container(border=True):
        st.markdown(traced.markdown)
    # Built only while open: the code block costs every browser that opens the page its syntax highlighter.
    box = lazy_expander("Copy or download this list", NETWORK_COPY_BOX)
    if not box:
        return
    with box:
        st.markdown("The copy button is at the top right of the box.")
        st.code(traced.text, language=None, wrap_lines=True)
        if traced.csv:
            st.download_button(
                "Download these paths (CSV)",
                data=traced.csv,
                file_name=traced.file_name,
                mime="text/csv",
                key=NETWORK_DOWNLOAD_PATHS,
            )


def levers_section(view: NetworkView) -> None:
    st.subheader("Levers")
    if view.levers.empty:
        st.markdown("No enablers or recommendations are in the graph with these filters.")
        return
    st.markdown("Enablers and recommendations that reach the most barriers, directly or through what they build on.")
    st.dataframe(view.levers, hide_index=True, width="stretch", key=NETWORK_LEVERS, column_config=LEVER_COLUMNS_CONFIG)
    st.markdown(
        "**Read with care:** this measures the structure of the coding (how the links were drawn), not the "
        "strength of the evidence. A well-connected node is not better supported by what the sources "
        "say."
    )
