"""Compare: two groups' themes side by side, who each says collaboration is with, and the words behind a theme."""

import pandas as pd
import streamlit as st

from components import compare
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import url_state, view_cache
from components.ui.colours import group_colours
from components.ui.session_keys import COMPARE_CLICKED_CELL, COMPARE_CLICKED_THEME

LEFT, RIGHT, CATEGORY, THEME = "compare_left", "compare_right", "compare_category", "compare_theme"
CHART = "compare_chart"
PARTNER_CHART, CELL = "compare_partners_chart", "compare_cell"
# Set by a bar click for the next run only: that run opens the clicked theme's words in a dialog.
CLICKED = COMPARE_CLICKED_THEME


def _open_clicked_theme() -> None:
    # Runs before the rerun a bar click starts, so the theme pick-list can take the clicked theme.
    picked = compare.theme_from_selection(st.session_state.get(CHART))
    if picked:
        st.session_state[THEME] = picked
        st.session_state[CLICKED] = picked


def _open_clicked_cell() -> None:
    # Runs before the rerun a cell click starts, so the cell pick-list can take the clicked cell.
    picked = compare.cell_from_selection(st.session_state.get(PARTNER_CHART))
    if picked:
        st.session_state[CELL] = picked
        st.session_state[COMPARE_CLICKED_CELL] = picked


def _open_picked_cell() -> None:
    # The pick-list is the keyboard's way to a cell: choosing one opens the same box a click does.
    if st.session_state.get(CELL):
        st.session_state[COMPARE_CLICKED_CELL] = st.session_state[CELL]


def _show_cell(cell: compare.PartnerCell) -> None:
    """The statements and verbatim quotes one partner-matrix cell counts, or why it is zero."""
    st.markdown(f"##### {escape_markdown(cell.title)}")
    if cell.why_zero:
        st.markdown(escape_markdown(cell.why_zero))
        if cell.note is not None:
            point = escape_markdown(cell.note["statement"]) + ui.basis_badge(cell.note.get("basis"))
            st.markdown(f"**The source's own point:** {point}")
            st.markdown(ui.quote_markdown(cell.note.get("evidence"), cell.note.get("source")))
    for _, finding in cell.statements.iterrows():
        with st.container(border=True):
            ui.show_finding(finding)


@st.dialog("The statements behind the cell", width="large")
def _cell_dialog(cell: compare.PartnerCell) -> None:
    _show_cell(cell)
    st.markdown("They stay under the matrix when you close this.")


def _show_words(findings: pd.DataFrame, theme: str, category: str, panels: list[str]) -> None:
    """Each group's statements on one theme, side by side, with verbatim evidence and source."""
    statements = compare.theme_statements(findings, category, theme, panels)
    for column, (group, rows) in zip(st.columns(len(statements)), statements.items(), strict=True):
        with column:
            st.markdown(
                f"##### {escape_markdown(compare.panel_label(group))}: {len(rows)} coded "
                f"statement{'' if len(rows) == 1 else 's'}"
            )
            if rows.empty:
                st.markdown(f"No {escape_markdown(group)} statements on this theme.")
            for _, finding in rows.iterrows():
                with st.container(border=True):
                    ui.show_finding(finding)


@st.dialog("The evidence behind the bar", width="large")
def _words_dialog(findings: pd.DataFrame, theme: str, category: str, panels: list[str]) -> None:
    st.markdown(f"#### {escape_markdown(theme)}")
    _show_words(findings, theme, category, panels)
    st.markdown("They stay below the chart when you close this.")


# No intro paragraph: the first chart has to fit a 1280x720 projector without scrolling.
dataset = ui.page_start("Compare perspectives")
# Static CSS, no data: less space above the title, so the first chart fits a 1280x720 projector whole.
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>")
findings = dataset.findings
colours = group_colours(dataset.groups)
pickable = compare.comparable_groups(dataset.groups)
default_left, default_right = compare.default_pair(dataset.groups)
# Observations (points to note) are mostly the shared group's; the partner matrix carries their headline.
categories = [category for category in compare.CATEGORY_LABELS if category != "observation"]

dropped = {
    "Group": url_state.seed_single(LEFT, "left", pickable, default_left)
    + url_state.seed_single(RIGHT, "right", pickable, default_right),
    "Category": url_state.seed_single(CATEGORY, "category", categories, categories[0]),
}

controls = st.columns([1, 1, 4] if len(pickable) >= 2 else [1], vertical_alignment="bottom")
if len(pickable) >= 2:
    # Labels stay for screen readers; the line above the chart says what is compared, in fewer pixels.
    controls[0].selectbox("Compare group", pickable, key=LEFT, label_visibility="collapsed")
    controls[1].selectbox("With group", pickable, key=RIGHT, label_visibility="collapsed")
controls[-1].segmented_control(
    "Category",
    categories,
    format_func=compare.category_label,
    key=CATEGORY,
    required=True,
    label_visibility="collapsed",
    wrap=True,
)
left, right = st.session_state[LEFT], st.session_state[RIGHT]
category = st.session_state[CATEGORY] or categories[0]
label = compare.category_label(category)
groups = compare.chosen_groups(left, right)

if len(pickable) == 1:
    st.info(
        f"This dataset has one group, {escape_markdown(pickable[0])}, so there is no second group to compare "
        "it with: its themes are shown alone, beside any common ground."
    )
elif not pickable:
    st.info(
        "Every statement in this dataset belongs to the shared group, so there are no groups to compare: "
        "its statements are shown as common ground."
    )
elif left == right:
    st.info(f"Both sides show {escape_markdown(left)}. Choose a different group on one side to compare two groups.")

# Counts and figures are built once per dataset and view (components.ui.view_cache), not on every rerun.
comparison = view_cache.view(
    dataset,
    "compare themes",
    lambda data, category, groups: compare.compare_themes(data.findings, category, groups),
    category,
    tuple(groups),
)
dropped["Theme"] = url_state.seed_single(THEME, "theme", comparison.themes, None)
url_state.notice_dropped(dropped)

names = " and ".join(escape_markdown(group) for group in groups) or "common ground"
chart_side, partner_side = st.columns([2, 1], gap="medium")
with chart_side:
    if comparison.is_empty:
        others = compare.other_groups_with_statements(findings, category, groups)
        hint = (
            " Other groups have some: "
            + ", ".join(f"{escape_markdown(group)} ({count})" for group, count in others.items())
            + ". Pick one above."
            if others
            else " Choose another category above, or add rows with this category to your findings file (Your data)."
        )
        st.info(f"No coded statements under “{escape_markdown(label)}” for {names}.{hint}")
    else:
        st.markdown(f"**{escape_markdown(label)}: {names}.** Click a bar to read the evidence.")
        summary = compare.theme_summary(comparison)
        ui.chart(
            view_cache.view(
                dataset,
                "compare theme figure",
                lambda _, _category, _groups, theme: compare.theme_figure(comparison, colours, selected_theme=theme),
                category,
                tuple(groups),
                st.session_state[THEME],
            ),
            key=CHART,
            title=f"{label}: statements by theme",
            source=ui.chart_source(dataset),
            # What is left of a 1280x720 projector under the page's controls: the whole chart stays in view.
            max_height=compare.PROJECTOR_CHART_HEIGHT,
            line_chars=60,
            on_select=_open_clicked_theme,
            selection_mode="points",
            theme=None,
            alt=summary,
        )
        if len(comparison.themes) > compare.MAX_CHART_THEMES:
            st.markdown(
                f"The chart shows the first {compare.MAX_CHART_THEMES} of {len(comparison.themes)} themes; "
                "the table has them all."
            )
        ui.text_alternative(summary, compare.theme_table(comparison), key="compare_themes_table")

with partner_side:
    partner_label = compare.category_label(compare.PARTNER_CATEGORY)
    st.markdown("**Who collaboration is with**")
    matrix = view_cache.view(
        dataset,
        "compare partner matrix",
        lambda data, groups: compare.partner_matrix(data.findings, groups),
        tuple(groups),
    )
    named = matrix.drop(columns=[compare.NO_PARTNER], errors="ignore")
    if matrix.empty or int(named.to_numpy().sum()) == 0:
        st.info(
            f"No “{escape_markdown(partner_label.lower())}” statements here name a partner. Fill the partner "
            "column of the findings file (clients, families, professionals, MDT, children) to see this matrix."
        )
    else:
        children = compare.children_observation(findings)
        shows_children_note = compare.children_all_zero(matrix) and children is not None
        partner_summary = compare.partner_summary(matrix)
        cells = compare.matrix_cells(matrix)
        if st.session_state.get(CELL) not in cells:
            st.session_state[CELL] = None
        st.markdown("Click a cell for the statements it counts.")
        ui.chart(
            view_cache.view(
                dataset,
                "compare partner figure",
                lambda _, _groups, cell: compare.partner_figure(matrix, colours, selected_cell=cell),
                tuple(groups),
                st.session_state[CELL],
            ),
            key=PARTNER_CHART,
            title="Who collaboration is with",
            source=ui.chart_source(dataset),
            line_chars=32,
            on_select=_open_clicked_cell,
            selection_mode="points",
            theme=None,
            alt=partner_summary,
        )
        if shows_children_note:
            st.markdown(
                f"**Why children is 0:** {escape_markdown(children['statement'])}"
                f"{ui.basis_badge(children.get('basis'))}"
            )
            ui.show_quote(children.get("evidence"), children.get("source"), children.get("finding_id"))
        ui.text_alternative(partner_summary, compare.partner_table(matrix), key="compare_partners_table")
        picked_cell = st.selectbox(
            "Read the statements behind a cell",
            cells,
            format_func=lambda cell: compare.cell_label(matrix, cell),
            key=CELL,
            placeholder="Click a cell above, or choose one here",
            on_change=_open_picked_cell,
        )
        if picked_cell:
            cell = compare.partner_cell(findings, *picked_cell)
            # Opened only on the run straight after a pick, like the bars' words.
            if st.session_state.pop(COMPARE_CLICKED_CELL, None) == picked_cell:
                _cell_dialog(cell)
            with st.expander(f"Behind the cell {escape_markdown(cell.title)}"):
                _show_cell(cell)
st.session_state.pop(COMPARE_CLICKED_CELL, None)

if not comparison.is_empty:
    st.markdown("#### Read the evidence behind a theme")
    theme = st.selectbox(
        "Theme",
        comparison.themes,
        key=THEME,
        placeholder="Click a bar above, or choose a theme here",
        help="Themes are this app's coding of the source; inferred theme names are marked.",
    )
    if theme:
        _show_words(findings, theme, category, comparison.panels)
    # Opened only on the run straight after a click, so the words appear where the user is looking.
    if theme and st.session_state.pop(CLICKED, None) == theme:
        _words_dialog(findings, theme, category, comparison.panels)
st.session_state.pop(CLICKED, None)

url_state.write_url({"left": left, "right": right, "category": category, "theme": st.session_state.get(THEME) or None})
ui.page_end(dataset)
