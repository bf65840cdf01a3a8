"""A chart mark opens its box by a click or, from the keyboard, by the pick-list beside the chart.

Compare's theme bars and partner cells and the self-assessment's score dots all work the same way: a
click selects the mark's value into the pick-list and marks it "just opened", so its dialog shows once;
choosing from the pick-list does the same. These make the two callbacks for one chart.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def open_on_click(
    chart_key: str, read: Callable[[object], object], pick_key: str, opened_key: str
) -> Callable[[], None]:
    """The chart's on_select: runs before the rerun a click starts, so the pick-list can take the mark."""

    def open_clicked() -> None:
        picked = read(st.session_state.get(chart_key))
        if picked:
            st.session_state[pick_key] = picked
            st.session_state[opened_key] = picked

    return open_clicked


def open_on_pick(pick_key: str, opened_key: str) -> Callable[[], None]:
    """The pick-list's on_change: choosing a mark opens the same box a click does."""

    def open_picked() -> None:
        if st.session_state.get(pick_key):
            st.session_state[opened_key] = st.session_state[pick_key]

    return open_picked
