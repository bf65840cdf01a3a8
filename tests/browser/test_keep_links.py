"""Keeping a plan or a self-assessment in a real Chromium: kept in one browser, reopened in another (a second
browser context: its own cookies and storage, as another device would have)."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_no_exception, open_page, rerun_after, screenshot, track_runs, wait_for_app
from tests.browser.test_recommendations import (
    OWNER_X,
    R05_START,
    R06_START,
    card,
    choose_audience,
    download,
    go_to_planner,
    tick,
    type_in_plan_cell,
)

CHILDRENS = "Children's social care"


def kept_link(page: Page, app_url: str, page_path: str, param: str) -> str:
    code = page.get_by_test_id("stCode").filter(has_text=f"{param}=").last
    expect(code).to_be_visible()
    link = code.inner_text().strip()
    assert re.fullmatch(rf"{re.escape(app_url)}/{page_path}\?{param}=[A-Za-z0-9_-]{{32}}", link), link
    return link


def other_browser(browser: Browser) -> Page:
    return track_runs(browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)).new_page()


def test_a_plan_kept_in_one_browser_reopens_in_another(page: Page, app_url: str, browser: Browser) -> None:
    go_to_planner(page, app_url)
    choose_audience(page, CHILDRENS)
    tick(page, R05_START)
    tick(page, R06_START)
    type_in_plan_cell(page, 0, OWNER_X, "Sam Lee")
    keep = page.get_by_role("button", name="Keep this plan")
    keep.scroll_into_view_if_needed()
    rerun_after(page, keep.click)
    link = kept_link(page, app_url, "recommendations", "plan")
    expect(page.get_by_text("Kept. This private link opens it again, on any device:")).to_be_visible()
    screenshot(page, "keep-plan-link")

    elsewhere = other_browser(browser)
    try:
        open_page(elsewhere, link)
        expect(elsewhere.get_by_text("Opened the action plan kept at this link: 2 recommendations.")).to_be_visible()
        assert "plan=" not in elsewhere.url, "the private id leaves the address bar"
        assert_no_exception(elsewhere)
        for text in (R05_START, R06_START):
            expect(card(elsewhere, text).get_by_role("checkbox", name="In my plan")).to_be_checked()
        expect(elsewhere.get_by_text("Your plan has 2")).to_be_visible()
        csv_text = download(elsewhere, "Download the plan for a spreadsheet (CSV)").decode("utf-8-sig")
        assert "Sam Lee" in csv_text, "what was typed came with the plan"
        screenshot(elsewhere, "keep-plan-reopened")
    finally:
        elsewhere.context.close()


def test_a_tampered_plan_link_opens_nothing(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/recommendations?plan={'A' * 32}")
    expect(page.get_by_text("Nothing is kept at this link.", exact=False)).to_be_visible()
    assert_no_exception(page)


def test_answers_kept_in_one_browser_reopen_in_another(page: Page, app_url: str, browser: Browser) -> None:
    open_page(page, f"{app_url}/self-assessment")
    radios = page.get_by_test_id("stRadio")
    expect(radios.first).to_be_visible()
    rerun_after(page, lambda: radios.nth(0).get_by_text("Fully in place", exact=False).click())
    rerun_after(page, lambda: radios.nth(1).get_by_text("Not in place", exact=False).click())
    keep = page.get_by_role("button", name="Keep these answers")
    keep.scroll_into_view_if_needed()
    rerun_after(page, keep.click)
    link = kept_link(page, app_url, "self-assessment", "assessment")

    elsewhere = other_browser(browser)
    try:
        open_page(elsewhere, link)
        expect(elsewhere.get_by_text("Opened the self-assessment kept at this link: 2 answers.")).to_be_visible()
        wait_for_app(elsewhere)
        checked = elsewhere.get_by_test_id("stRadio").nth(0).get_by_role("radio", checked=True)
        expect(checked).to_have_count(1)
        expect(elsewhere.get_by_test_id("stRadio").nth(1).get_by_role("radio", checked=True)).to_have_count(1)
        expect(elsewhere.get_by_test_id("stRadio").nth(2).get_by_role("radio", checked=True)).to_have_count(0)
        assert_no_exception(elsewhere)
    finally:
        elsewhere.context.close()
