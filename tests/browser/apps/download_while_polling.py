"""A page with what the presenter window has, cut to the bone: a part that polls, and a download built on click.

It calls `keep_built_downloads` as app.py does; tests/browser/test_downloads_while_polling.py drives it.
"""

import sys
import time
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for components/

from components.ui.downloads import keep_built_downloads

keep_built_downloads()


@st.fragment(run_every=0.2)
def poll() -> None:
    st.caption(f"polled at {time.monotonic():.1f}")


poll()
st.download_button(
    "Build and download",
    data=lambda: b"answer,count\n" + f"built,{time.monotonic()}\n".encode() * 500,
    file_name="built.csv",
    mime="text/csv",
    on_click="ignore",
)
