"""Every page in a real Chromium: renders without an exception on a projector and a phone, nothing
cut off sideways at 1280x720, and every control reachable with the keyboard. Screenshots of each
page at both sizes are saved under test-output/screenshots/."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    track_runs,
)
from tests.browser.steps import PAGES

VIEWPORTS = {"projector": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def sized_page(browser: Browser, request):
    context = track_runs(browser.new_context(viewport=VIEWPORTS[request.param]))
    page = context.new_page()
    yield request.param, page
    context.close()


@pytest.mark.parametrize("sized_page", list(VIEWPORTS), indirect=True)
@pytest.mark.parametrize("path", PAGES)
def test_page_renders(sized_page, path: str, app_url: str):
    size, page = sized_page
    open_page(page, f"{app_url}/{path}")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_text("Creative Commons", exact=False).last).to_be_attached()
    if size == "projector":
        assert horizontal_overflow(page) == 0
    else:
        # On a phone every chart is drawn for the phone's width (components/ui/viewport.py): the page reruns
        # once the browser has said how wide it is, so the wait allows for that run.
        page.wait_for_function(CHARTS_FIT_THE_SCREEN, timeout=30_000)
    screenshot(page, f"page-{path or 'home'}-{size}")


CHARTS_FIT_THE_SCREEN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')]
    .every(svg => svg.getBoundingClientRect().width <= window.innerWidth)"""


# Controls a person can operate: what the keyboard must reach. Plotly's own SVG internals are left out.
CONTROL_SELECTOR = ", ".join(
    f'[data-testid="stMain"] {kind}'
    for kind in (
        "button",
        "input",
        "textarea",
        "select",
        "a[href]",
        '[role="combobox"]',
        '[role="switch"]',
        '[role="checkbox"]',
        '[role="radio"]',
        '[role="tab"]',
    )
)
VISIBLE_CONTROLS = """Array.from(document.querySelectorAll('{}')).filter(el => {{
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !el.disabled
        && !el.closest('.modebar') && !el.closest('[aria-hidden="true"]') && el.tabIndex >= 0;
}})""".format(CONTROL_SELECTOR.replace("'", "\\'"))
COUNT_CONTROLS = f"() => {VISIBLE_CONTROLS}.length"
MARK_FOCUSED = """() => {
    const el = document.activeElement;
    if (el && el !== document.body) el.setAttribute('data-focus-seen', '1');
}"""
# A control counts as reached when it, or an element inside or around it, had focus.
UNREACHED = f"""() => {VISIBLE_CONTROLS}.filter(el => !el.hasAttribute('data-focus-seen')
    && !el.querySelector('[data-focus-seen]') && !el.closest('[data-focus-seen]'))
    .map(el => (el.getAttribute('aria-label') || el.innerText || el.tagName).slice(0, 60))"""


@pytest.mark.parametrize("path", PAGES)
def test_keyboard_reaches_every_control(page: Page, path: str, app_url: str):
    open_page(page, f"{app_url}/{path}")
    controls = page.evaluate(COUNT_CONTROLS)
    assert controls > 0
    # Tab from the top of the document: through the sidebar's page links, then the page itself.
    # Each control may take a few stops (a select's clear button, a chip's remove button).
    for _ in range(controls * 3 + 60):
        page.keyboard.press("Tab")
        page.evaluate(MARK_FOCUSED)
    assert page.evaluate(UNREACHED) == []


PAGE_ICON = """() => [...document.querySelectorAll('link[rel~="icon"]')].map(link => link.getAttribute('href'))"""


def test_the_page_icon_stays_through_page_changes(browser: Browser, app_url: str):
    """The page icon is the bundled image, set before each run's navigation (components/ui/app_pages.py, app.py):
    it stays as the session moves between pages, never replaced by a page's own Material icon."""
    context = track_runs(browser.new_context(viewport=VIEWPORTS["projector"]))
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/")
        page.wait_for_function(f"({PAGE_ICON})().some(href => href.startsWith('data:image/png;base64,'))")
        first = page.evaluate(PAGE_ICON)
        for title in ("Compare groups", "Recommendations planner", "Home"):
            rerun_after(page, lambda title=title: page.get_by_role("link", name=title).first.click())
            assert_no_exception(page)
            assert page.evaluate(PAGE_ICON) == first, title
    finally:
        context.close()
