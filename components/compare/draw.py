"""The Compare page's Streamlit pieces: its views from the view cache, the partner matrix's column (a fragment),
the statements behind a bar or a cell (inline and in a dialog), and the chart-click callbacks that open them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.compare import view as compare_view
from components.compare.figures import partner_figure, theme_figure
from components.compare.partners import cell_from_selection
from components.compare.themes import theme_from_selection
from components.data.model import Dataset
from components.shared.citation import chart_source
from components.shared.session_keys import (
    COMPARE_CELL,
    COMPARE_CHART,
    COMPARE_CHILDREN_CITE,
    COMPARE_CLICKED_CELL,
    COMPARE_CLICKED_THEME,
    COMPARE_PARTNER_CHART,
    COMPARE_PARTNERS_TABLE,
    COMPARE_PARTNERS_TABLE_BOX,
    COMPARE_THEME,
)
from components.shared.text import escape_markdown
from components.ui import charts, quotes, view_cache
from components.ui.picks import open_on_click, open_on_pick

# ---------------------------------------------------------------------------------------------
# Views, built once per dataset fingerprint and parameters (components.ui.view_cache), never per rerun


group_choice = view_cache.cached_view(compare_view.group_choice)
page_view = view_cache.cached_view(compare_view.compare_view)


def _theme_chart(dataset: Dataset, category: str, groups: tuple[str, ...], theme: str | None, phone: bool) -> go.Figure:
    shown = page_view(dataset, category, groups)
    return theme_figure(shown.comparison, shown.colours, selected_theme=theme, phone=phone)


def _partner_chart(dataset: Dataset, category: str, groups: tuple[str, ...], cell: tuple[str, str] | None) -> go.Figure:
    shown = page_view(dataset, category, groups)
    return partner_figure(shown.matrix, shown.colours, selected_cell=cell)


_theme_charts = view_cache.cached_view(_theme_chart)
_partner_charts = view_cache.cached_view(_partner_chart)


def theme_chart(dataset: Dataset, shown: compare_view.CompareView, theme: str | None, phone: bool = False) -> go.Figure:
    """The theme chart; `phone`: its panels stacked for a phone's width (components/ui/viewport.py)."""
    return _theme_charts(dataset, shown.category, shown.groups, theme, phone)


def partner_chart(dataset: Dataset, shown: compare_view.CompareView, cell: tuple[str, str] | None) -> go.Figure:
    return _partner_charts(dataset, shown.category, shown.groups, cell)


theme_words = view_cache.cached_view(compare_view.theme_words)
_cell_words = view_cache.cached_view(compare_view.cell_words)


def cell_words(dataset: Dataset, cell: tuple[str, str]) -> compare_view.CellWords:
    return _cell_words(dataset, *cell)


# ---------------------------------------------------------------------------------------------
# Chart clicks and pick-lists


# A bar or a cell opens its statements by a click or, from the keyboard, by its pick-list.
open_clicked_theme = open_on_click(COMPARE_CHART, theme_from_selection, COMPARE_THEME, COMPARE_CLICKED_THEME)
open_clicked_cell = open_on_click(COMPARE_PARTNER_CHART, cell_from_selection, COMPARE_CELL, COMPARE_CLICKED_CELL)
open_picked_cell = open_on_pick(COMPARE_CELL, COMPARE_CLICKED_CELL)


# ---------------------------------------------------------------------------------------------
# The statements behind a cell or a bar


def show_cell(words: compare_view.CellWords) -> None:
    """The statements and verbatim quotes one partner-matrix cell counts, or why it is zero."""
    cell = words.cell
    st.markdown(f"##### {escape_markdown(cell.title)}")
    if cell.why_zero:
        st.markdown(escape_markdown(cell.why_zero))
        if cell.note is not None:
            point = escape_markdown(cell.note["statement"]) + quotes.basis_badge(cell.note.get("basis"))
            st.markdown(f"**The source's own point:** {point}")
            st.markdown(quotes.quote_markdown(cell.note.get("evidence"), cell.note.get("source")))
    for finding in words.rows:
        with st.container(border=True):
            quotes.show_finding(finding)


@st.dialog("The statements behind the cell", width="large")
def cell_dialog(words: compare_view.CellWords) -> None:
    show_cell(words)
    st.markdown("They stay under the matrix when you close this.")


def picked_cell(words: compare_view.CellWords, just_picked: bool) -> None:
    """A picked cell's statements under the matrix, and in a dialog on the run straight after the pick."""
    if just_picked:
        cell_dialog(words)
    with st.expander(f"Behind the cell {escape_markdown(words.cell.title)}"):
        show_cell(words)


@st.fragment
def partner_panel(dataset: Dataset, view: compare_view.CompareView) -> None:
    """The partner matrix with its text alternative, pick-list and the statements behind a picked cell.

    A fragment: clicking a cell, picking one or changing the image format reruns this column only, not
    the theme chart beside it. Everything it shows depends on the dataset, the groups and the cell.
    """
    if not view.has_partners:
        st.markdown("**Who collaboration is with**")
        st.info(view.partner_empty_message)
    else:
        if st.session_state.get(COMPARE_CELL) not in view.cells:
            st.session_state[COMPARE_CELL] = None
        st.markdown("**Who collaboration is with**  \nClick a cell for the statements it counts.")
        charts.chart(
            partner_chart(dataset, view, st.session_state[COMPARE_CELL]),
            cached_figure=True,
            key=COMPARE_PARTNER_CHART,
            title="Who collaboration is with",
            source=chart_source(dataset),
            line_chars=32,
            on_select=open_clicked_cell,
            selection_mode="points",
            theme=None,
            alt=view.partner_summary,
        )
        if view.children_note is not None:
            children_note(view.children_note)
        charts.text_alternative(
            view.partner_summary,
            view.partner_table,
            key=COMPARE_PARTNERS_TABLE,
            box_key=COMPARE_PARTNERS_TABLE_BOX,
        )
        cell = st.selectbox(
            "Read the statements behind a cell",
            view.cells,
            format_func=view.cell_labels.get,
            key=COMPARE_CELL,
            placeholder="Click a cell above, or choose one here",
            on_change=open_picked_cell,
        )
        if cell:
            # The dialog opens only on the run straight after a pick, like the bars' words.
            just_picked = st.session_state.pop(COMPARE_CLICKED_CELL, None) == cell
            picked_cell(cell_words(dataset, cell), just_picked)
    st.session_state.pop(COMPARE_CLICKED_CELL, None)


def children_note(note: pd.Series) -> None:
    """Why the matrix shows children at 0: the source's own point, with its quote."""
    st.markdown(f"**Why children is 0:** {escape_markdown(note['statement'])}{quotes.basis_badge(note.get('basis'))}")
    # "Cite this" built only while open: on every run it would add six elements to the page's first view.
    quotes.show_quote(note.get("evidence"), note.get("source"), note.get("finding_id"), cite_key=COMPARE_CHILDREN_CITE)


def show_words(words: compare_view.ThemeWords) -> None:
    """Each group's statements on one theme, side by side, with verbatim evidence and source."""
    for column, (group, heading, rows) in zip(st.columns(len(words.panels)), words.panels, strict=True):
        with column:
            st.markdown(f"##### {heading}")
            if not rows:
                st.markdown(f"No {escape_markdown(group)} statements on this theme.")
            for finding in rows:
                with st.container(border=True):
                    quotes.show_finding(finding)


@st.dialog("The evidence behind the bar", width="large")
def words_dialog(words: compare_view.ThemeWords) -> None:
    st.markdown(f"#### {escape_markdown(words.theme)}")
    show_words(words)
    st.markdown("They stay below the chart when you close this.")
