"""Boxes whose content is built only while they are open.

Streamlit sends everything inside a closed expander on every run, and every element sent costs the
server its serialising, hashing and a hop through the event loop, in each session (docs/performance.md:
a page's 30-session time grows with its element count). A lazy expander tracks its own open state:
opening it reruns the page, which then builds its content. `quotes.cite_this` does the same for
"Cite this" when given a `cite_key`.
"""

from __future__ import annotations

import streamlit as st
from streamlit.elements.lib.mutable_expander_container import ExpanderContainer


def lazy_expander(label: str, key: str, *, icon: str | None = None, expanded: bool = False) -> ExpanderContainer | None:
    """An expander that reruns the page when opened or closed; its container while open, else None.

    Use as `box = lazy_expander(...)`, then `if box: with box: ...`. The key must be stable and unique
    on the page: it holds the open state (True/False) in st.session_state, so a test opens the box by
    setting it.
    """
    box = st.expander(label, expanded=expanded, key=key, icon=icon, on_change="rerun")
    return box if box.open else None
