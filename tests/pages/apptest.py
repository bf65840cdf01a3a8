"""Shared AppTest plumbing: the app's page files and a way to open one page with URL and session state."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")

PAGES = [
    "pages/home.py",
    "pages/compare.py",
    "pages/network.py",
    "pages/recommendations.py",
    "pages/present.py",
    "pages/explore.py",
    "pages/about.py",
    "pages/your-data.py",
    "pages/self-assessment.py",
]


def open_app_page(page: str, query: dict | None = None, state: dict | None = None) -> AppTest:
    """Run the app, switch to `page` with the given URL parameters and session state, and check it ran clean."""
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    for key, value in (state or {}).items():
        app.session_state[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app
