"""Home page in a real Chromium against a real server."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from components.data.load import load_dataset_dir
from components.home import view as home
from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    track_runs,
)


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
    card = page.locator(".st-key-home_cards").get_by_role("link", name="Compare groups")
    card.scroll_into_view_if_needed()
    # The click must reach the app as a page switch (a run of the compare page), not only change the URL.
    rerun_after(page, card.click)
    # The compare page then writes its view into the URL (?left=…), so only the path is checked.
    expect(page).to_have_url(re.compile(r"/compare(\?|$)"))
    expect(page.get_by_role("heading", name="Compare perspectives")).to_be_visible()


# Each card's title, whether any part of it is cut off (laid out narrower than its text needs), and the card's box.
CARD_TITLES = """() => Array.from(
    document.querySelectorAll('.st-key-home_cards [data-testid="stPageLink"]')
).map(link => {
    const card = link.closest('[data-testid="stVerticalBlock"]');
    const clipped = [link, ...link.querySelectorAll('*')].some(el => el.scrollWidth > el.clientWidth + 1);
    const text = link.innerText.trim();
    return {text, clipped, ellipsis: text.endsWith('…'), height: card.getBoundingClientRect().height,
            top: card.getBoundingClientRect().top};
})"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])
def test_where_to_go_next_cards_show_full_titles(browser: Browser, app_url: str, width: int, height: int):
    context = track_runs(browser.new_context(viewport={"width": width, "height": height}))
    try:
        page = context.new_page()
        open_page(page, app_url)
        cards = page.locator(".st-key-home_cards")
        cards.scroll_into_view_if_needed()
        titles = page.evaluate(CARD_TITLES)
        assert [title["text"] for title in titles] == [card.title for card in home.NEXT_PAGES]
        assert not [title["text"] for title in titles if title["clipped"] or title["ellipsis"]]
        if width == 1280:
            # Four cards a row, and every card in a row as tall as the others.
            rows: dict[int, list[float]] = {}
            for title in titles:
                rows.setdefault(round(title["top"]), []).append(title["height"])
            assert [len(heights) for heights in rows.values()] == [4, 4]
            assert all(max(heights) - min(heights) < 1 for heights in rows.values())
        assert horizontal_overflow(page) == 0
        screenshot(page, f"home-cards-{width}")
    finally:
        context.close()


def test_a_headline_finding_opens_its_evidence_in_the_same_session(page: Page, app_url: str):
    open_page(page, app_url)
    finding = home.home_view(load_dataset_dir()).headline[0]
    link = page.locator(".st-key-home_headlines").get_by_role("link", name=finding["statement"][:40])
    link.scroll_into_view_if_needed()
    rerun_after(page, link.click)
    expect(page).to_have_url(re.compile(rf"/explore\?id={finding['finding_id']}$"))
    expect(page.get_by_role("heading", name=f"Finding {finding['finding_id']}")).to_be_visible()
    expect(page.get_by_text("From the", exact=False).first).to_be_visible()
