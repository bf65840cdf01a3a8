"""A deep link as the very first request to a freshly started server.

Streamlit 1.67 serves the first session after a server start in its legacy `pages/` folder mode, so a
deep link would run the page file without app.py (no navigation, no page config). The app reroutes such
a run once through app.py (components.ui.frame.ensure_router). These tests start their own server so that
nothing has been requested before the link, which the shared session server cannot give.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import assert_no_exception, open_page, served_app, track_runs

AUDIENCE = "Children's social care"


@pytest.fixture
def cold_server():
    with served_app() as url:
        yield url


def test_first_request_deep_link_opens_inside_the_navigation_with_its_filter(browser: Browser, cold_server: str):
    context = track_runs(browser.new_context(viewport={"width": 1280, "height": 720}))
    page = context.new_page()
    try:
        open_page(page, f"{cold_server}/recommendations?audience={quote(AUDIENCE)}")
        assert_no_exception(page)
        # Inside the app's navigation: the sidebar lists every page, the current one marked.
        navigation = page.locator('[data-testid="stSidebarNav"]')
        expect(navigation.get_by_role("link", name="Compare groups")).to_have_count(1)
        expect(navigation.get_by_role("link", name="Self-assessment")).to_have_count(1)
        # app.py's page config ran: the browser tab carries the app's title.
        expect(page).to_have_title(re.compile(r"^Collaboration Findings Explorer"))
        # The filter from the link is applied: its chip is in the audience picker and the URL keeps it.
        expect(page.get_by_role("button", name=f"Remove {AUDIENCE}")).to_have_count(1)
        assert "audience=Children" in page.url
    finally:
        context.close()
