"""`?embed=true`, as a learning platform's course page frames the app: content only, no sidebar navigation.

Streamlit's embed mode hides its own header and toolbar; app.py hides the page navigation. Links inside a
page still work, and the page they open stays embedded.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_exception, horizontal_overflow, open_page, screenshot, wait_for_app


def assert_content_only(page: Page, where: str) -> None:
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stSidebarCollapsedControl")).to_be_hidden()
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_hidden()
    expect(page.get_by_test_id("stToolbar")).to_be_hidden()
    assert_no_exception(page)
    # The content has the whole width: nothing is set aside for a sidebar.
    main = page.get_by_test_id("stMain").bounding_box()
    assert main["x"] == 0, f"{where}: the main area starts at {main['x']}px"
    assert horizontal_overflow(page) == 0, where


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("", "What it found"),
        ("compare", "Compare"),
        ("about", "About"),
        ("recommendations", "Recommendations"),
    ],
)
def test_an_embedded_page_shows_its_content_without_the_navigation(page: Page, app_url: str, path, heading):
    open_page(page, f"{app_url}/{path}?embed=true")
    assert_content_only(page, path or "home")
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    screenshot(page, f"embed-{path or 'home'}")


def test_links_inside_an_embedded_page_still_work_and_stay_embedded(page: Page, app_url: str):
    open_page(page, f"{app_url}/?embed=true")
    page.locator('[data-testid="stPageLink"]').get_by_text("About the study", exact=True).click()
    expect(page.get_by_role("heading", name="About", exact=False).first).to_be_visible(timeout=30_000)
    page.wait_for_url("**/about**")
    wait_for_app(page)
    assert_content_only(page, "about, reached by a link")


def test_without_embed_the_navigation_is_there(page: Page, app_url: str):
    open_page(page, f"{app_url}/compare")
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(1)
