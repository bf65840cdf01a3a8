"""Presenter mode in real Chromium at 1280x720, as a trainer uses it on a projector.

Steps through every slide with the keyboard, checks that text is projector-sized and high contrast,
that nothing scrolls sideways or hides behind the controls, reveals every prompt's findings, and
saves a screenshot of each slide (and each revealed prompt) under test-output/screenshots/.
Then the keys a clicker sends, with focus on a control, and the presenter and projector windows of a
room: two pages of one browser context that stay in step, and another browser that is kept out.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components.data.load import build_dataset, load_dataset_dir
from components.data.vocabulary import BUNDLED_DATA_DIR
from components.present.deck import build_deck
from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    track_runs,
    wait_for_app,
)
from tests.browser.steps import FIXTURES, go_to, open_your_data, press_check, upload_file
from tests.pdf_text import body, flat, pages_text

# The server reads the same folder (EXPLORER_DATA_DIR is inherited by the streamlit process).
DECK = build_deck(load_dataset_dir(os.environ.get("EXPLORER_DATA_DIR") or BUNDLED_DATA_DIR))
PROMPTS = [index for index, slide in enumerate(DECK) if slide.kind == "prompt"]

# Text is scaled to fill the slide in the browser (components/present/draw_autofit.py), on the frame after
# the page changed: every measurement waits for the web fonts and two frames more.
SETTLED = """await document.fonts.ready;
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));"""

# Measured once the web fonts are in: text set in a fallback font wraps differently.
MEASURE = """async () => {
    SETTLED
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
}""".replace("SETTLED", SETTLED)


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
    # The notes come under the controls: slide 1's last lines stay above the control bar.
    assert_readable_and_whole(page, "slide 1 with the speaker notes on")
    screenshot(page, "present-speaker-notes")
    page.locator(".st-key-present_jump").get_by_role("combobox").click()
    label = f"{jump_to + 1}. {DECK[jump_to].heading}"
    rerun_after(page, lambda: page.get_by_role("option", name=label).click())
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(DECK[jump_to].heading)
    assert slide_number(page) == jump_to + 1


def _download_handout(page: Page, label: str) -> str:
    page.get_by_role("button", name="Handouts").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name=label).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    return body(pages_text(Path(download.path()).read_bytes()))


def test_handouts_download_as_pdfs_with_quotes_and_answers_only_for_the_presenter(page: Page, app_url: str):
    open_present(page, app_url)
    participant = _download_handout(page, "Participant handout (PDF)")
    quoted = [point for slide in DECK for point in slide.points() if point.quote and point not in slide.reveal]
    assert quoted
    for point in quoted:
        assert flat(f"“{point.quote}” — {point.source}") in participant
    assert "Creative Commons" in participant
    assert not re.findall(r"\b[FR]\d{3}\b", participant), "finding ids on the participants' paper"
    notes = [slide.notes for slide in DECK if slide.notes]
    assert notes
    assert not any(flat(note)[:60] in participant for note in notes)

    page.keyboard.press("Escape")
    presenter = _download_handout(page, "Presenter handout (PDF)")
    assert all(flat(note)[:60] in presenter for note in notes)
    assert "Creative Commons" in presenter
    assert_no_exception(page)


def test_the_jump_list_shows_whole_titles(page: Page, app_url: str):
    longest = max(range(len(DECK)), key=lambda index: len(DECK[index].heading))
    open_present(page, app_url, longest + 1)
    jump = page.locator(".st-key-present_jump").get_by_role("combobox")
    expect(jump).to_have_value(f"{longest + 1}. {DECK[longest].heading}")
    cut = jump.evaluate("box => box.scrollWidth > box.clientWidth + 1")
    assert not cut, "the jump list cuts the slide's title"
    # Every control still on one row, above the slide's foot.
    assert page.locator(".st-key-present_controls").bounding_box()["height"] < 80
    assert_readable_and_whole(page, "the longest title")


# Streamlit puts a page's stylesheet outside the main area, so it can arrive with nothing changing inside
# the slide. As happened: the slide was fitted before its stylesheet applied (unstyled, the text ignores the
# scale, so the largest scale "fits"), then the stylesheet came and the text ran behind the controls.
FITTED_UNSTYLED_THEN_STYLED = """async () => {
    const sheet = [...document.querySelectorAll('style')].find(style => style.textContent.includes('--present-fit:'));
    const frames = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    sheet.disabled = true;
    window.dispatchEvent(new Event('resize'));
    await frames();
    const unstyled = document.documentElement.dataset.presentFit;
    sheet.disabled = false;
    await frames();
    return unstyled;
}"""


def test_a_stylesheet_that_comes_late_is_fitted_too(page: Page, app_url: str):
    longest = max(range(len(DECK)), key=lambda index: len(DECK[index].heading))
    open_present(page, app_url, longest + 1)
    assert_readable_and_whole(page, "the longest slide")
    fitted = page.evaluate("document.documentElement.dataset.presentFit")
    unstyled = page.evaluate(FITTED_UNSTYLED_THEN_STYLED)
    assert float(unstyled) > float(fitted)
    assert_readable_and_whole(page, "the longest slide, its stylesheet applied late")
    assert page.evaluate("document.documentElement.dataset.presentFit") == fitted


SCROLL = """() => [document.querySelector('[data-testid="stMain"]').scrollTop, window.scrollY]"""


def assert_on_slide(page: Page, index: int, where: str) -> None:
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(DECK[index].heading)
    assert slide_number(page) == index + 1, where
    assert page.evaluate(SCROLL) == [0, 0], f"{where}: the page scrolled"


def test_clicker_keys_step_the_deck_with_focus_on_a_toggle(page: Page, app_url: str):
    open_present(page, app_url, 3)
    toggle = page.get_by_role("switch", name="Speaker notes")
    rerun_after(page, lambda: page.get_by_text("Speaker notes", exact=True).click())
    # A click on the label usually leaves focus on the switch; when the rerun redraws it, put it back.
    toggle.focus()
    expect(toggle).to_be_focused()
    expect(toggle).to_be_checked()
    last = len(DECK) - 1
    for key, index in [("PageDown", 3), ("Space", 4), ("PageUp", 3), ("Shift+Space", 2), ("End", last), ("Home", 0)]:
        rerun_after(page, lambda key=key: page.keyboard.press(key))
        assert_on_slide(page, index, f"after {key}")
        # Space stepped the deck: it did not also flip the focused toggle.
        expect(toggle).to_be_checked()
    screenshot(page, "present-keys-after-home")


def test_clicker_keys_still_step_after_the_jump_list_was_used(page: Page, app_url: str):
    open_present(page, app_url)
    jump = page.locator(".st-key-present_jump").get_by_role("combobox")
    jump.click()
    rerun_after(page, lambda: page.get_by_role("option", name=f"5. {DECK[4].heading}").click())
    assert_on_slide(page, 4, "after the jump")
    rerun_after(page, lambda: page.keyboard.press("PageDown"))
    assert_on_slide(page, 5, "PageDown after the jump")
    rerun_after(page, lambda: page.keyboard.press("ArrowLeft"))
    assert_on_slide(page, 4, "ArrowLeft after the jump")
    rerun_after(page, lambda: page.keyboard.press("Shift+Space"))
    assert_on_slide(page, 3, "Shift+Space after the jump")


# ---------------------------------------------------------------------------------------------
# Presenter and projector windows

# Every piece of text on the projected page (shadow roots included: components draw there), its size
# and where it ends, and whether the page would have to scroll to show it all.
MEASURE_PROJECTOR = """async () => {
    SETTLED
    const main = document.querySelector('[data-testid="stMain"]');
    const texts = [];
    const roots = [main, ...[...main.querySelectorAll('*')].filter(el => el.shadowRoot).map(el => el.shadowRoot)];
    for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            const element = node.parentElement;
            if (!node.textContent.trim() || !element) continue;
            const box = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            if (!box.width || !box.height || style.visibility === 'hidden' || element.closest('[hidden]')) continue;
            texts.push({text: node.textContent.trim().slice(0, 50), size: parseFloat(style.fontSize),
                        top: box.top, bottom: box.bottom, right: box.right});
        }
    }
    return {texts, scrollHeight: main.scrollHeight, clientHeight: main.clientHeight,
            documentScroll: document.documentElement.scrollHeight - window.innerHeight,
            width: window.innerWidth, height: window.innerHeight};
}""".replace("SETTLED", SETTLED)


def current_title(presenter: Page):
    return presenter.locator(".st-key-present_current_title")


def open_room(page: Page, app_url: str, slide: int | None = None) -> Page:
    """From the single window: the presenter view, then its projector window. Returns the projector page."""
    open_present(page, app_url, slide)
    page.get_by_role("button", name="Presenter view").click()
    page.wait_for_selector(".st-key-present_room_bar")
    wait_for_app(page)
    assert re.search(r"[?&]view=presenter", page.url), page.url
    assert re.search(r"[?&]room=\w{8}", page.url), page.url
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open the projector window").click()
    projector = opened.value
    projector.wait_for_selector(".st-key-present_slide")
    wait_for_app(projector)
    assert "/present?" in projector.url, projector.url
    assert "view=projector" in projector.url, projector.url
    return projector


def assert_projected(projector: Page, index: int, where: str) -> None:
    expect(projector.locator('[data-testid="stMain"] h1')).to_have_text(DECK[index].heading, timeout=30_000)
    wait_for_app(projector)


def assert_no_chrome(projector: Page) -> None:
    expect(projector.get_by_test_id("stSidebarNav")).to_have_count(0)
    for test_id in ("stSidebar", "stHeader", "stToolbar", "stSidebarCollapsedControl", "stMainMenu"):
        expect(projector.get_by_test_id(test_id)).to_be_hidden()
    expect(projector.get_by_text("Speaker notes", exact=False)).to_have_count(0)
    expect(projector.get_by_role("button", name="Next")).to_have_count(0)


def assert_fits_at_projector_size(projector: Page, where: str) -> None:
    measured = projector.evaluate(MEASURE_PROJECTOR)
    assert measured["texts"], f"{where}: no text on the slide"
    small = [(text["text"], text["size"]) for text in measured["texts"] if text["size"] < 24]
    assert not small, f"{where}: text under 24px: {small}"
    assert measured["scrollHeight"] <= measured["clientHeight"] + 1, f"{where}: the slide runs below the window"
    assert measured["documentScroll"] <= 0, f"{where}: the window scrolls"
    below = [text["text"] for text in measured["texts"] if text["bottom"] > measured["height"] + 1]
    assert not below, f"{where}: cut off at the bottom: {below}"
    right = [text["text"] for text in measured["texts"] if text["right"] > measured["width"] + 1]
    assert not right, f"{where}: cut off at the right: {right}"
    assert horizontal_overflow(projector) == 0, where
    # The text fills the slide as presentation software's autofit would: not half a screen left empty.
    top = min(text["top"] for text in measured["texts"])
    bottom = max(text["bottom"] for text in measured["texts"])
    assert bottom - top >= 0.6 * measured["height"], f"{where}: text fills {(bottom - top) / measured['height']:.0%}"


# Every pane of the presenter view, and whether it hides any of what it holds.
MEASURE_PANES = """async () => {
    SETTLED
    return [...document.querySelectorAll(
        '.st-key-present_current, .st-key-present_next_preview, .st-key-present_notes_box')].map(pane => {
        const box = pane.getBoundingClientRect();
        // What is drawn: a folded expander's content is laid out but not shown.
        const inside = [...pane.querySelectorAll('[data-testid="stElementContainer"]')]
            .filter(el => el.checkVisibility({visibilityProperty: true}))
            .map(el => el.getBoundingClientRect()).filter(rect => rect.height > 0);
        return {pane: pane.className.match(/st-key-\\S+/)[0], scrollHeight: pane.scrollHeight,
                clientHeight: pane.clientHeight, bottom: box.bottom,
                contentBottom: Math.max(...inside.map(rect => rect.bottom))};
    });
}""".replace("SETTLED", SETTLED)


def assert_presenter_panes_whole(presenter: Page, where: str) -> None:
    """No pane of the presenter view cuts off its content (a pane that scrolls inside hides its end)."""
    panes = presenter.evaluate(MEASURE_PANES)
    assert len(panes) == 3, f"{where}: {panes}"
    for pane in panes:
        assert pane["scrollHeight"] <= pane["clientHeight"] + 1, f"{where}: {pane}"
        assert pane["contentBottom"] <= pane["bottom"] + 1, f"{where}: {pane}"


def test_the_projector_follows_the_presenter_and_shows_only_the_slide(page: Page, app_url: str):
    projector = open_room(page, app_url, 3)
    assert_projected(projector, 2, "opened")
    assert_no_chrome(projector)
    expect(current_title(page)).to_have_text(DECK[2].heading)
    expect(page.get_by_text("Speaker notes.", exact=False)).to_be_visible()
    screenshot(page, "presenter-view")
    screenshot(projector, "projector-window")
    page.bring_to_front()
    for key, index in [("PageDown", 3), ("Space", 4), ("PageUp", 3), ("End", len(DECK) - 1), ("Home", 0)]:
        page.keyboard.press(key)
        expect(current_title(page)).to_have_text(DECK[index].heading, timeout=30_000)
        assert_projected(projector, index, f"presenter pressed {key}")
        assert page.evaluate(SCROLL) == [0, 0], f"presenter scrolled on {key}"
    # A clicker's keys reach whichever window has focus: keys in the projector window step the room too.
    projector.bring_to_front()
    projector.keyboard.press("PageDown")
    assert_projected(projector, 1, "projector pressed PageDown")
    expect(current_title(page)).to_have_text(DECK[1].heading, timeout=30_000)
    # The presenter's buttons and jump list move the projector as well.
    page.bring_to_front()
    page.get_by_role("button", name="Next").click()
    assert_projected(projector, 2, "presenter clicked Next")
    prompt = PROMPTS[0]
    page.locator("[class*=st-key-present_jump_]").get_by_role("combobox").click()
    page.get_by_role("option", name=f"{prompt + 1}. {DECK[prompt].heading}").click()
    assert_projected(projector, prompt, "presenter jumped")
    jump = page.locator("[class*=st-key-present_jump_]").get_by_role("combobox")
    expect(jump).to_have_value(f"{prompt + 1}. {DECK[prompt].heading}")
    assert jump.evaluate("box => box.scrollWidth <= box.clientWidth + 1"), "the presenter's jump list cuts the title"
    # The presenter sees the findings at once; the room sees them when the trainer shows them.
    first = DECK[prompt].reveal[0].text
    expect(page.locator(".st-key-present_notes_box").get_by_text(first, exact=False)).to_be_visible()
    expect(projector.get_by_text(first, exact=False)).to_have_count(0)
    page.get_by_role("button", name="Show the related findings on the projector").click()
    expect(projector.get_by_text(first, exact=False).first).to_be_visible(timeout=30_000)
    screenshot(projector, "projector-window-revealed")
    screenshot(page, "presenter-view-prompt")
    # B blanks the projector, and again brings the slide back.
    page.keyboard.press("b")
    expect(projector.locator(".st-key-present_blank")).to_be_visible(timeout=30_000)
    expect(projector.locator('[data-testid="stMain"] h1')).to_have_count(0)
    page.keyboard.press("b")
    assert_projected(projector, prompt, "unblanked")
    # The handouts the closing slide's note asks for are in the presenter view too.
    participant = _download_handout(page, "Participant handout (PDF)")
    assert "Creative Commons" in participant


# Slides per test: a whole walk through both windows is longer than one test may take on a busy machine.
STRETCH = 6


@pytest.mark.parametrize("start", range(0, len(DECK), STRETCH))
def test_every_projected_slide_is_readable_from_the_back_and_fits(page: Page, app_url: str, start: int):
    projector = open_room(page, app_url, start + 1)
    projector.bring_to_front()
    for index in range(start, min(start + STRETCH, len(DECK))):
        slide = DECK[index]
        where = f"projected slide {index + 1} ({slide.heading})"
        assert_projected(projector, index, where)
        assert_fits_at_projector_size(projector, where)
        screenshot(projector, f"projector-{index + 1:02d}-{slide.kind}")
        expect(current_title(page)).to_have_text(slide.heading, timeout=30_000)
        wait_for_app(page)
        assert_presenter_panes_whole(page, f"presenter on {where}")
        if slide.kind == "prompt":
            page.get_by_role("button", name="Show the related findings on the projector").click()
            expect(projector.get_by_text(slide.reveal[0].text, exact=False).first).to_be_visible(timeout=30_000)
            wait_for_app(projector)
            assert_fits_at_projector_size(projector, f"{where}, findings revealed")
            screenshot(projector, f"projector-{index + 1:02d}-revealed")
            # The presenter's reveal button belongs to this slide: the next step starts from the projector.
            projector.bring_to_front()
        projector.keyboard.press("PageDown")


def test_a_room_and_its_uploaded_study_stay_in_the_browser_that_opened_it(page: Page, app_url: str, browser):
    findings = FIXTURES / "good" / "utf8" / "findings.csv"
    uploaded = build_deck(build_dataset({"findings.csv": findings.read_bytes()}, name="findings.csv"))
    open_your_data(page, app_url)
    upload_file(page, "findings", findings)
    press_check(page)
    go_to(page, "Present")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(uploaded[0].heading)
    page.get_by_role("button", name="Presenter view").click()
    page.wait_for_selector(".st-key-present_room_bar")
    wait_for_app(page)
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open the projector window").click()
    projector = opened.value
    expect(projector.locator('[data-testid="stMain"] h1')).to_have_text(uploaded[0].heading, timeout=30_000)
    statement = uploaded[0].columns[0].points[0].text
    expect(projector.get_by_text(statement, exact=False)).to_be_visible()

    stranger = track_runs(browser.new_context(viewport={"width": 1280, "height": 720}))
    try:
        for url in (projector.url, page.url):
            other = stranger.new_page()
            open_page(other, url)
            expect(other.get_by_role("heading", name="This presentation is not open here")).to_be_visible()
            expect(other.get_by_text(statement, exact=False)).to_have_count(0)
            expect(other.locator(".st-key-present_slide")).to_have_count(0)
            assert_no_exception(other)
    finally:
        stranger.close()
