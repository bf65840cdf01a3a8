"""Home page in a real Chromium against a real server."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_exception, horizontal_overflow, open_page, screenshot


def test_home_renders_study_and_links(page: Page, app_url: str):
    open_page(page, app_url)
    assert_no_exception(page)
    expect(page.get_by_role("heading", name="Why social workers do")).to_be_visible()
    expect(page.get_by_text("Coded statements", exact=True)).to_be_visible()
    expect(page.get_by_text("None of the social workers mentioned children", exact=False)).to_have_count(0)
    expect(page.get_by_text("No social worker mentioned children when talking about collaboration.")).to_be_visible()
    expect(page.get_by_text("Licence: Creative Commons", exact=False)).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot(page, "home")


def test_home_card_opens_compare(page: Page, app_url: str):
    open_page(page, app_url)
    page.get_by_role("link", name="Compare MHSW and CSW").last.click()
    page.wait_for_url("**/compare")
    assert page.url.endswith("/compare")
