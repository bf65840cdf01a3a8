"""Router: page config and navigation only. Each page lives in pages/ and keeps its URL path."""

from pathlib import Path

import streamlit as st

st.set_page_config(
    page_title="Collaboration Findings Explorer",
    # A bundled image, served by this app: a Material icon here makes the browser fetch it from
    # fonts.gstatic.com, which fails offline.
    page_icon=str(Path(__file__).with_name("assets") / "page-icon.png"),
    layout="wide",
)

# Page files are named after their URL paths: on a fresh server Streamlit first serves a deep link from
# the pages/ folder by file name, and components.ui.ensure_router then reroutes it through this file.
# One flat list: with sections, Streamlit 1.67 puts the section headings straight inside the nav's <ul>,
# which axe-core reports as a serious list-structure violation for screen readers.
PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/compare.py", title="Compare MHSW and CSW", icon=":material/compare:", url_path="compare"),
    st.Page("pages/network.py", title="Barriers network", icon=":material/hub:", url_path="network"),
    st.Page(
        "pages/recommendations.py",
        title="Recommendations planner",
        icon=":material/checklist:",
        url_path="recommendations",
    ),
    st.Page("pages/present.py", title="Present", icon=":material/co_present:", url_path="present"),
    st.Page("pages/explore.py", title="Explore findings", icon=":material/search:", url_path="explore"),
    st.Page("pages/about.py", title="About the study", icon=":material/menu_book:", url_path="about"),
    st.Page("pages/your-data.py", title="Your data", icon=":material/upload_file:", url_path="your-data"),
    st.Page(
        "pages/self-assessment.py",
        title="Self-assessment",
        icon=":material/fact_check:",
        url_path="self-assessment",
    ),
]

# Embedded in another site (`?embed=true`, e.g. a course page's iframe) or projecting a slide, a page shows
# only its content: Streamlit's embed mode hides its header but not the sidebar navigation. Pages stay
# registered, so links inside a page still work.
CONTENT_ONLY = bool(st.context.is_embedded) or st.query_params.get("view") == "projector"
st.navigation(PAGES, position="hidden" if CONTENT_ONLY else "sidebar").run()
