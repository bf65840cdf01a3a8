"""The app's st.Page objects, described once per process and copied for each run; and its page icon, sent once
per session.

st.Page finds its script on the disk when it is made (a stat of every folder on the way to the file). Made anew
on every run for ten pages, that was 42% of the script threads' time during a room's 30 phones' first views
(scripts/bench_join.py, every thread sampled): each stat lets go of the interpreter lock, and getting it back
waits behind the other sessions' runs. st.navigation marks the page it returns on the object itself (that page
may then be run once), so each run gets shallow copies of the process's pages, never the shared objects.

The page icon was 12% of the same time: given as a file, Streamlit reads it and registers it with its media
files on every run. It is a data: URL of the bundled image instead (nothing to serve, nothing a later run must
keep alive), and only a session's first full run sends it: the browser keeps a page icon until the app's main
script changes, so later runs leave it out (and are 5 KB lighter).
"""

from __future__ import annotations

import base64
import copy

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components.shared import navigation
from components.shared import session_keys as keys
from components.shared.navigation import REPO

PAGE_ICON_FILE = REPO / "assets" / "page-icon.png"


@st.cache_resource(show_spinner=False)
def _pages_of_this_process() -> tuple[StreamlitPage, ...]:
    return tuple(
        st.Page(
            REPO / page.script,  # absolute: the same file whichever script is the main one (a test's too)
            title=page.title,
            icon=page.icon,
            # The home page keeps Streamlit's own name for it ("home") and is served at the root as the default.
            url_path=page.url_path or None,
            default=page.is_home,
        )
        for page in navigation.PAGES
    )


def pages_for_this_run() -> list[StreamlitPage]:
    """Every page of components/shared/navigation.py as an st.Page, this run's own copies."""
    return [copy.copy(page) for page in _pages_of_this_process()]


@st.cache_resource(show_spinner=False)
def _page_icon_data_url() -> str:
    return "data:image/png;base64," + base64.b64encode(PAGE_ICON_FILE.read_bytes()).decode("ascii")


def page_icon_for_this_run() -> str | None:
    """The page icon for st.set_page_config: on this session's first full run, else None (the browser keeps it)."""
    if st.session_state.get(keys.PAGE_ICON_SENT):
        return None
    st.session_state[keys.PAGE_ICON_SENT] = True
    return _page_icon_data_url()
