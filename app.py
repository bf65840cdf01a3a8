"""Router: page config and navigation only. The pages are listed in components/shared/navigation.py."""

import streamlit as st

from components.shared import navigation
from components.ui.app_pages import page_icon, pages_for_this_run
from components.ui.downloads import keep_built_downloads
from components.ui.fragment_runs import keep_finished_runs_output
from components.ui.startup_memory import freeze_what_is_loaded

# Files built when a download button is clicked must outlast the live room's polling (see components/ui/downloads.py).
keep_built_downloads()
# A poll's fragment rerun must not drop the end of the run before it, e.g. a phone's "Answer received"
# (see components/ui/fragment_runs.py).
keep_finished_runs_output()

# Page files are named after their URL paths: on a fresh server Streamlit first serves a deep link from
# the pages/ folder by file name, and components.ui.frame.ensure_router then reroutes it through this file.
# The pages themselves, their titles, icons and URL paths are listed once, in components/shared/navigation.py;
# components/ui/app_pages.py makes them st.Page objects once per process.
PAGES = pages_for_this_run()

st.set_page_config(
    page_title="Collaboration Findings Explorer",
    # A bundled image (components/ui/app_pages.py), set before st.navigation: a page config without an icon
    # when the navigation arrives has the browser show the page's own Material icon, fetched from
    # fonts.gstatic.com, which fails offline (tests/browser/test_offline.py).
    page_icon=page_icon(),
    layout=navigation.DEFAULT_LAYOUT,
)

# Embedded in another site (`?embed=true`, e.g. a course page's iframe) or projecting a slide, a page shows
# only its content: Streamlit's embed mode hides its header but not the sidebar navigation. Pages stay
# registered, so links inside a page still work.
CONTENT_ONLY = bool(st.context.is_embedded) or st.query_params.get("view") == "projector"
page = st.navigation(PAGES, position="hidden" if CONTENT_ONLY else "sidebar")
# A page with a layout or sidebar of its own (present, join) gets a second, small page config; the rest need none.
record = navigation.by_url_path(page.url_path)
if (record.layout, record.sidebar) != (navigation.DEFAULT_LAYOUT, navigation.DEFAULT_SIDEBAR):
    st.set_page_config(layout=record.layout, initial_sidebar_state=record.sidebar)
page.run()
# Once per process, after the first page ran: the modules and the study it loaded are set aside from the
# garbage collector's full walks (components/ui/startup_memory.py).
freeze_what_is_loaded()
