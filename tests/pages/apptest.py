"""Shared AppTest plumbing: the app's page files and a way to open one page with URL and session state."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.shared import navigation

APP = str(Path(__file__).resolve().parents[2] / "app.py")

PAGES = navigation.page_scripts()  # every page file, in navigation order


def open_app_page(page: str, query: dict | None = None, state: dict | None = None, timeout: float = 60) -> AppTest:
    """Run the app, switch to `page` with the given URL parameters and session state, and check it ran clean.

    The one opener for page tests: a user arriving by a link, the URL and any session state (an upload)
    in place before the first run.
    """
    app = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    for key, value in (state or {}).items():
        app.session_state[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def element_count(app: AppTest) -> int:
    """Every element and block the run sent, as the benchmark's count_elements counts them."""

    def count(node) -> int:
        children = getattr(node, "children", None) or {}
        return 1 + sum(count(child) for child in (children.values() if isinstance(children, dict) else children))

    return count(app._tree)
