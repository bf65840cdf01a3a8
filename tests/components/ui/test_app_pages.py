"""The app's pages are made once per process and copied for each run; the page icon is read once."""

from __future__ import annotations

import base64

from streamlit.testing.v1 import AppTest

from components.shared import navigation
from components.ui import app_pages


def _two_runs_worth_of_pages() -> None:
    import streamlit as st

    from components.ui import app_pages

    first, second = app_pages.pages_for_this_run(), app_pages.pages_for_this_run()
    made = app_pages._pages_of_this_process()
    st.session_state["url_paths"] = [[page.url_path for page in pages] for pages in (first, second, made)]
    st.session_state["titles"] = [page.title for page in first]
    st.session_state["shared"] = [
        len({id(page) for page in first} & {id(page) for page in second}),
        len({id(page) for page in made} & {id(page) for page in first + second}),
    ]
    st.session_state["made_once"] = made is app_pages._pages_of_this_process()


def test_each_run_gets_its_own_copies_of_pages_made_once() -> None:
    app = AppTest.from_function(_two_runs_worth_of_pages)
    app.run()
    assert not app.exception
    assert app.session_state["url_paths"] == [navigation.url_paths()] * 3
    assert app.session_state["titles"] == [record.title for record in navigation.PAGES]
    # Never the same objects: st.navigation marks the page it returns on the object itself.
    assert app.session_state["shared"] == [0, 0]
    assert app.session_state["made_once"]


def test_the_page_icon_is_the_bundled_image_read_once() -> None:
    icon = app_pages.page_icon()
    assert icon.startswith("data:image/png;base64,")
    assert base64.b64decode(icon.split(",", 1)[1]) == app_pages.PAGE_ICON_FILE.read_bytes()
    assert app_pages.page_icon() is icon  # read once per process
