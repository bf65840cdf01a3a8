"""Barriers network: how the barriers connect to what helps and to the recommendations that answer them."""

import re

import streamlit as st

from components import network
from components.data.exports import safe_csv_bytes
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import url_state, view_cache
from components.ui.session_keys import NETWORK_OPEN_DIALOG

FOCUS_KEY = "network_focus"
TRACE_KEY = "network_trace"
CHART_KEY = "network_graph"
OPEN_DIALOG_KEY = NETWORK_OPEN_DIALOG


def focus_from_click() -> None:
    """A click on a node focuses it. Runs before the script, so it may set the pick-list's value."""
    selection = st.session_state.get(CHART_KEY)
    points = (selection or {}).get("selection", {}).get("points", []) if selection else []
    for point in points:
        node = point.get("customdata")
        if isinstance(node, list):
            node = node[0] if node else None
        if isinstance(node, str) and node:
            st.session_state[FOCUS_KEY] = node
            # The details open over the graph too, so a click needs no scrolling to read them.
            st.session_state[OPEN_DIALOG_KEY] = True
            return


def focus_from_list() -> None:
    if st.session_state.get(FOCUS_KEY):
        st.session_state[OPEN_DIALOG_KEY] = True


def clear_focus() -> None:
    st.session_state[FOCUS_KEY] = None


def show_node(graph, node: str) -> None:
    """The focused node: its words, the verbatim evidence and source, and each link with its note."""
    data = graph.nodes[node]
    kind = network.KIND_NAMES.get(data["kind"], data["kind"])
    where = f" · Group: {escape_markdown(data['group'])}" if data["group"] else ""
    if data["audience"]:
        where = f" · For: {escape_markdown(data['audience'])}"
    words, links_column = st.columns([1, 1], gap="large")
    with words:
        st.markdown(f":gray-badge[{escape_markdown(kind)}] {escape_markdown(node)}{where}")
        qualifies = "Communities of Practice element" if data["kind"] == network.RECOMMENDATION else ""
        st.markdown(f"**{escape_markdown(data['label'])}**{ui.basis_badge(data['basis'], qualifies)}")
        ui.show_quote(data["evidence"], data["source"], node, f"{kind.lower()} {node}")
        if data["detail"]:
            st.markdown(f"Detail from the source: “{escape_markdown(data['detail'])}”")
    links = network.node_links(graph, node)
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
                    f"{ui.basis_badge(link['basis'])}{note}"
                )
            st.markdown("\n".join(lines))


@st.dialog("Focused node", width="large")
def node_dialog(graph, node: str) -> None:
    show_node(graph, node)
    st.caption("Close this box to see the graph with this node's neighbours highlighted.")


dataset = ui.page_start(
    "Barriers network",
    "How the barriers social workers named connect to what helps and to the recommendations that answer "
    "them. Click a node, or pick one from the list, to see its evidence and each of its links.",
)

kinds_available = network.available_kinds(dataset)
starts: list[str] = []
if dataset.links.empty:
    st.info(
        "This dataset has no links, so there is no network to draw. The network needs a **links.csv** file "
        "with the columns from_id, to_id and relation (optionally basis and note): one row for each barrier an "
        "enabler overcomes, and each barrier, perception or enabler a recommendation addresses or builds on. "
        "Add it to your upload on the Your data page."
    )
    st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")
elif not kinds_available:
    st.info(
        "This dataset has no barriers, enablers or recommendations to draw. Code some findings with the "
        "category barrier or enabler, or add a recommendations.csv, on the Your data page."
    )
    st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")
else:
    groups_available = dataset.groups
    audiences_available = dataset.audiences
    dropped = {
        "Group": url_state.seed_multi("network_groups", "group", groups_available, groups_available),
        "Node kind": url_state.seed_multi("network_kinds", "kind", kinds_available, kinds_available),
        "Audience": url_state.seed_multi("network_audiences", "audience", audiences_available, audiences_available),
    }
    url_state.seed_flag("network_stated_only", "stated")

    with st.expander("Filter the graph", expanded=False):
        st.pills(
            "Node kinds",
            kinds_available,
            selection_mode="multi",
            format_func=lambda kind: network.KIND_NAMES.get(kind, kind),
            key="network_kinds",
            help="Perceptions, observations and purposes appear only where a link touches them.",
        )
        left, right = st.columns(2)
        left.multiselect("Groups", groups_available, key="network_groups", help="Findings from these groups are drawn.")
        if audiences_available:
            right.multiselect(
                "Recommendation audiences",
                audiences_available,
                key="network_audiences",
                help="Recommendations for these audiences are drawn.",
            )
        st.toggle(
            "Hide inferred links (show only links the source states)",
            key="network_stated_only",
            help="Inferred links are this app's reading of how findings connect; the source does not state them.",
        )

    filters = network.GraphFilters(
        kinds=tuple(st.session_state["network_kinds"]),
        groups=tuple(st.session_state["network_groups"]),
        audiences=tuple(st.session_state["network_audiences"]) if audiences_available else None,
        hide_inferred=st.session_state["network_stated_only"],
    )
    # Built once per dataset and filters (components.ui.view_cache): every session on the bundled study shares it.
    graph = view_cache.view(dataset, "network graph", network.build_graph, filters)
    nodes, edges = network.graph_inputs(graph)
    node_ids = [node for node, _ in nodes]

    requested_focus = st.query_params.get("focus") if FOCUS_KEY not in st.session_state else None
    url_state.seed_single(FOCUS_KEY, "focus", node_ids, None)
    known_ids = set(dataset.findings["finding_id"]) | set(dataset.recommendations["recommendation_id"])
    if requested_focus and requested_focus not in node_ids:
        if requested_focus in known_ids:
            st.caption(f"{escape_markdown(requested_focus)} is hidden by the current filters, so nothing is in focus.")
        else:
            dropped["Focus"] = [requested_focus]
    url_state.notice_dropped(dropped)

    stated_only = st.session_state["network_stated_only"]
    if graph.number_of_nodes() == 0:
        st.info("Nothing matches these filters. Open **Filter the graph** and choose more node kinds or groups.")
    elif graph.number_of_edges() == 0:
        inferred_all = bool((dataset.links["basis"].astype(str) != "stated").all())
        if stated_only and inferred_all:
            st.info(
                "Every link in this dataset is inferred (this app's interpretation), so hiding inferred links "
                "leaves nothing to draw. Turn off **Hide inferred links** under Filter the graph."
            )
        else:
            st.info("No links join the nodes these filters leave. Open **Filter the graph** and widen them.")
    else:
        focus = st.session_state.get(FOCUS_KEY)
        large = graph.number_of_nodes() > network.LABEL_LIMIT
        pick_column, clear_column = st.columns([4, 1], vertical_alignment="bottom")
        pick_column.selectbox(
            "Focus on a node: type part of its words or its id",
            node_ids,
            format_func=lambda node: network.node_title(graph, node),
            key=FOCUS_KEY,
            index=None,
            placeholder="Type to search, or click a node in the graph",
            filter_mode="contains",
            on_change=focus_from_list,
        )
        if focus:
            clear_column.button("Clear focus", key="network_clear_focus", on_click=clear_focus, width="stretch")
        if st.session_state.pop(OPEN_DIALOG_KEY, False) and focus:
            node_dialog(graph, focus)
        # The layout depends on the graph only, so a new focus redraws the figure without laying it out again.
        layout = view_cache.view(
            dataset, "network layout", lambda _, _filters: network.layered_positions(nodes, edges), filters
        )
        figure = view_cache.view(
            dataset,
            "network figure",
            lambda _, _filters, focus: network.network_figure(graph, layout, focus=focus),
            filters,
            focus,
            spinner="Drawing the network…",
        )
        st.html(network.PHONE_STYLE)
        with st.container(key=network.GRAPH_BOX_KEY), st.container(key=network.GRAPH_CANVAS_KEY):
            ui.chart(
                figure,
                key=CHART_KEY,
                title="Barriers, what helps and recommendations, and the links between them",
                source=ui.chart_source(dataset),
                caveat="Each node is a coded statement or a recommendation; a link marked inferred is this app's "
                "reading, not the source's.",
                on_select=focus_from_click,
                selection_mode="points",
                config={"scrollZoom": False},
                alt="Network of barriers, what helps and recommendations. The table below lists every link.",
            )
        hint = (
            "Click a node to focus it and read its evidence and links. Hover over a link for its note. "
            "On a phone, swipe the graph sideways to see every column."
        )
        if large:
            hint += " This graph is large, so labels show on hover and around the focused node."
        st.caption(hint)
        if focus:
            # Kept under the graph as well as in the box a pick opens, so a shared ?focus= link shows it.
            with st.container(border=True, key="network_focus_panel"):
                show_node(graph, focus)
        ui.text_alternative(network.graph_summary(graph), network.adjacency_table(graph), key="network_adjacency")

        st.subheader("Trace a barrier")
        starts = network.traceable_nodes(graph)
        default_trace = focus if focus in starts else (starts[0] if starts else None)
        dropped_trace = url_state.seed_single(TRACE_KEY, "trace", starts, default_trace)
        url_state.notice_dropped({"Trace": dropped_trace})
        if starts:
            trace = st.selectbox(
                "Barrier to trace",
                starts,
                format_func=lambda node: network.node_title(graph, node),
                key=TRACE_KEY,
                filter_mode="contains",
                help="The chain barrier → what helps → recommendations that build on it, from the links in the data.",
            )
            if trace:
                paths = network.trace_paths(graph, trace)
                with st.container(border=True):
                    st.markdown(network.paths_text(graph, trace, paths, markdown=True))
                with st.expander("Copy or download this list"):
                    st.markdown("The copy button is at the top right of the box.")
                    st.code(network.paths_text(graph, trace, paths), language=None, wrap_lines=True)
                    if not paths.empty:
                        st.download_button(
                            "Download these paths (CSV)",
                            data=safe_csv_bytes(network.paths_for_download(paths)),
                            file_name=f"paths-{re.sub(r'[^A-Za-z0-9_-]+', '_', trace)}.csv",
                            mime="text/csv",
                            key="network_download_paths",
                        )
        else:
            st.markdown("No barriers are in the graph with these filters.")

        st.subheader("Levers")
        lever_table = network.levers(
            graph,
            view_cache.view(
                dataset, "network betweenness", lambda _, _filters: network.betweenness(nodes, edges), filters
            ),
        )
        if lever_table.empty:
            st.markdown("No enablers or recommendations are in the graph with these filters.")
        else:
            st.markdown(
                "Enablers and recommendations that reach the most barriers, directly or through what they build on."
            )
            st.dataframe(
                lever_table.head(15),
                hide_index=True,
                width="stretch",
                key="network_levers",
                column_config={
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
                        format="%.3f",
                        help="How often it lies on the shortest route between two other nodes (0 to 1).",
                    ),
                },
            )
            st.markdown(
                "**Read with care:** this measures the structure of the coding (how the links were drawn), not the "
                "strength of the evidence. A well-connected node is not better supported by what the social workers "
                "said."
            )

    url_state.write_url(
        {
            "focus": st.session_state.get(FOCUS_KEY),
            # The first barrier is the default trace: leave it out so links stay short.
            "trace": None if st.session_state.get(TRACE_KEY) in (None, *starts[:1]) else st.session_state[TRACE_KEY],
            "group": []
            if set(st.session_state["network_groups"]) == set(groups_available)
            else st.session_state["network_groups"],
            "kind": []
            if set(st.session_state["network_kinds"]) == set(kinds_available)
            else st.session_state["network_kinds"],
            "audience": []
            if set(st.session_state["network_audiences"]) == set(audiences_available)
            else st.session_state["network_audiences"],
            "stated": stated_only or None,
        }
    )

ui.page_end(dataset)
