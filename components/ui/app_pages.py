"""The app's st.Page objects, described once per process and copied for each run; and its page icon, read once.

st.Page finds its script on the disk when it is made (a stat of every folder on the way to the file). Made anew
on every run for ten pages, that was 42% of the script threads' time during a room's 30 phones' first views
(scripts/bench_join.py, every thread sampled): each stat lets go of the interpreter lock, and getting it back
waits behind the other sessions' runs. st.navigation marks the page it returns on the object itself (that page
may then be run once), so each run gets shallow copies of the process's pages, never the shared objects.

The page icon was 12% of the same time: given as a file, Streamlit reads it and registers it with its media
files on every run. It is a data: URL of the bundled image instead, read once per process (nothing to serve,
nothing a later run must keep alive). It is sent on every full run: Streamlit resumes a session when a tab
opens another page of the app, and a page config without an icon then lets the browser show the page's own
Material icon, fetched from fonts.gstatic.com (tests/browser/test_offline.py).
"""

from __future__ import annotations

import base64
import copy

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components.shared import navigation
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
def page_icon() -> str:
    """The page icon for st.set_page_config: the bundled image as a data: URL (about 5 KB), read once."""
    return "data:image/png;base64," + base64.b64encode(PAGE_ICON_FILE.read_bytes()).decode("ascii")
