"""Presenter mode in real Chromium at 1280x720, as a trainer uses it on a projector.

Steps through every slide with the keyboard, checks that text is projector-sized and high contrast,
that nothing scrolls sideways or hides behind the controls, reveals every prompt's findings, and
saves a screenshot of each slide (and each revealed prompt) under test-output/screenshots/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components.dataset import BUNDLED_DATA_DIR, load_dataset_dir
from components.deck import build_deck, handout_escape
from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    wait_for_app,
)

# The server reads the same folder (EXPLORER_DATA_DIR is inherited by the streamlit process).
DECK = build_deck(load_dataset_dir(os.environ.get("EXPLORER_DATA_DIR") or BUNDLED_DATA_DIR))
PROMPTS = [index for index, slide in enumerate(DECK) if slide.kind == "prompt"]

# Measured once the web fonts are in: text set in a fallback font wraps differently.
MEASURE = """async () => {
    await document.fonts.ready;
    const slide = document.querySelector('.st-key-present_slide');
    const controls = document.querySelector('.st-key-present_controls');
    const main = document.querySelector('[data-testid="stMain"]');
    const text = '[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li';
    const body = [...slide.querySelectorAll(text)]
        .filter(el => !el.closest('.st-key-present_sources') && el.textContent.trim());
    const content = [...slide.querySelectorAll('[data-testid="stElementContainer"]')]
        .filter(el => el.getBoundingClientRect().height > 0);
    const title = document.querySelector('[data-testid="stMain"] h1');
    return {
        bodySizes: body.map(el => parseFloat(getComputedStyle(el).fontSize)),
        bodyColours: body.map(el => getComputedStyle(el).color),
        titleSize: parseFloat(getComputedStyle(title).fontSize),
        titleBottom: title.getBoundingClientRect().bottom,
        contentBottom: Math.max(...content.map(el => el.getBoundingClientRect().bottom)),
        contentRight: Math.max(...[...slide.querySelectorAll('*')].map(el => el.getBoundingClientRect().right)),
        controlsTop: controls.getBoundingClientRect().top,
        controlsBottom: controls.getBoundingClientRect().bottom,
        mainOverflow: main.scrollWidth - main.clientWidth,
        viewportWidth: document.documentElement.clientWidth,
        viewportHeight: window.innerHeight,
    };
}"""


def open_present(page: Page, app_url: str, slide: int | None = None) -> None:
    """Open the page and wait for the deck itself: the first run after a cold start can look finished early."""
    open_page(page, f"{app_url}/present" + (f"?slide={slide}" if slide else ""))
    page.wait_for_selector(".st-key-present_controls")
    wait_for_app(page)


def contrast_with_white(colour: str) -> float:
    red, green, blue = (int(value) / 255 for value in re.findall(r"\d+", colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return 1.05 / (luminance + 0.05)


def assert_readable_and_whole(page: Page, where: str) -> None:
    """Projector-size, high-contrast text; nothing off to the side or hidden behind the controls."""
    measured = page.evaluate(MEASURE)
    assert measured["bodySizes"], f"{where}: no body text found"
    assert min(measured["bodySizes"]) >= 24, f"{where}: body text {min(measured['bodySizes'])}px"
    assert measured["titleSize"] > max(measured["bodySizes"]), f"{where}: heading not larger than body"
    assert min(contrast_with_white(colour) for colour in measured["bodyColours"]) >= 7, f"{where}: low contrast"
    assert horizontal_overflow(page) == 0, where
    assert measured["mainOverflow"] <= 0, f"{where}: the page scrolls sideways"
    assert measured["contentRight"] <= measured["viewportWidth"], f"{where}: content runs off to the right"
    assert measured["contentBottom"] <= measured["controlsTop"] + 1, f"{where}: content hidden behind the controls"
    assert measured["controlsBottom"] <= measured["viewportHeight"] + 1, f"{where}: controls below the window"


def slide_number(page: Page) -> int:
    return int(re.search(r"slide=(\d+)", page.url).group(1))


def test_step_through_every_slide_with_the_keyboard(page: Page, app_url: str):
    open_present(page, app_url)
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert sidebar is None or sidebar["x"] + sidebar["width"] <= 0, "the sidebar should start collapsed"
    for index, slide in enumerate(DECK):
        where = f"slide {index + 1} ({slide.heading})"
        assert_no_exception(page)
        assert slide_number(page) == index + 1
        expect(page.locator('[data-testid="stMain"] h1')).to_have_text(slide.heading)
        expect(page.get_by_text(f"Slide {index + 1} of {len(DECK)}", exact=True)).to_be_visible()
        assert_readable_and_whole(page, where)
        screenshot(page, f"present-{index + 1:02d}-{slide.kind}")
        if slide.kind == "prompt":
            first = slide.reveal[0].text
            expect(page.get_by_text(first, exact=False)).to_have_count(0)
            rerun_after(page, lambda: page.keyboard.press("s"))
            expect(page.get_by_text(first, exact=False).first).to_be_visible()
            assert_readable_and_whole(page, f"{where}, findings revealed")
            screenshot(page, f"present-{index + 1:02d}-{slide.kind}-revealed")
        if index + 1 < len(DECK):
            rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    rerun_after(page, lambda: page.keyboard.press("ArrowLeft"))
    assert slide_number(page) == len(DECK) - 1
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(DECK[-2].heading)


def test_a_prompt_reveals_its_findings_on_the_button(page: Page, app_url: str):
    index = PROMPTS[0]
    prompt = DECK[index]
    open_present(page, app_url, index + 1)
    expect(page.get_by_text(prompt.lead, exact=True)).to_be_visible()
    for point in prompt.reveal:
        expect(page.get_by_text(point.text, exact=False)).to_have_count(0)
    rerun_after(page, lambda: page.get_by_role("button", name="Show the related findings").click())
    for point in prompt.reveal:
        expect(page.get_by_text(point.text, exact=False).first).to_be_visible()
    screenshot(page, "present-prompt-revealed-by-button")
    # The arrows still work with the reveal button focused.
    rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
    assert slide_number(page) == index + 2


def test_link_opens_its_slide_and_bad_numbers_clamp(page: Page, app_url: str):
    open_present(page, app_url, 4)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(DECK[3].heading)
    open_page(page, f"{app_url}/present?slide=9999")
    page.wait_for_selector(".st-key-present_controls")
    wait_for_app(page)
    assert_no_exception(page)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(DECK[-1].heading)
    assert slide_number(page) == len(DECK)


@pytest.mark.parametrize("jump_to", [PROMPTS[-1]])
def test_jump_menu_and_speaker_notes(page: Page, app_url: str, jump_to: int):
    open_present(page, app_url)
    expect(page.get_by_text("Speaker notes.", exact=False)).to_have_count(0)
    rerun_after(page, lambda: page.get_by_text("Speaker notes", exact=True).click())
    expect(page.get_by_text("Speaker notes.", exact=False)).to_be_visible()
    screenshot(page, "present-speaker-notes")
    page.locator(".st-key-present_jump").get_by_role("combobox").click()
    label = f"{jump_to + 1}. {DECK[jump_to].heading}"
    rerun_after(page, lambda: page.get_by_role("option", name=label).click())
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(DECK[jump_to].heading)
    assert slide_number(page) == jump_to + 1


def test_handout_downloads_every_quote_with_its_source(page: Page, app_url: str):
    open_present(page, app_url)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Handout").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".md")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.count("\n## ") == len(DECK)
    quoted = [point for slide in DECK for point in slide.points() if point.quote]
    assert quoted
    for point in quoted:
        assert f"“{handout_escape(point.quote)}” — {handout_escape(point.source)}" in text
    assert "Creative Commons" in text
