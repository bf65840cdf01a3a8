"""The live room's results on a 1280x720 projector and the presenter's top band, in a real Chromium: the
options chart's labels and the sentence under it are at least 24 px and its bars wear the groups' colours; a
question of 14 options labels every one and still fits the window; the clicker steps the deck
from the projector while results are shown (and stepping back shows them again); the scale and the short
answers (approved answers and the word picture) fit without scrolling; the Live room drawer does not cover
the presenter's room bar."""

from __future__ import annotations

from playwright.sync_api import Browser, Locator, Page, expect

from components.shared.colours import GROUP_COLOURS, SHARED_GROUP_COLOUR, hex_to_rgb
from tests.browser.conftest import REPO, assert_no_exception, open_page, track_runs, wait_for_app
from tests.browser.steps import go_to, open_your_data, press_check, upload_file
from tests.browser.test_live_room import (
    BARRIER_PROMPT,
    BARRIERS,
    FOLLOW_MS,
    assert_fits_the_window,
    live_room,
    open_to_the_room,
    phone_context,
    pick,
)
from tests.browser.test_present import DECK, open_room

SHOTS = REPO / "test-output" / "screenshots"
MIN_PX = 24


def rgb(colour: str) -> str:
    red, green, blue = (round(channel * 255) for channel in hex_to_rgb(colour))
    return f"rgb({red}, {green}, {blue})"


def chart_texts(page: Page, selector: str) -> list[dict]:
    """Every visible text of the plotly charts under `selector`: its words and its drawn font size in px (the
    font size times any scale plotly put on it to fit a bar, read from the text's screen matrix)."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector + ' .main-svg text')]
            .filter((node) => node.textContent.trim() && node.getBoundingClientRect().width > 0)
            .map((node) => {
                const matrix = node.getScreenCTM();
                const scale = Math.sqrt(matrix.a * matrix.a + matrix.b * matrix.b);
                return {text: node.textContent, px: parseFloat(getComputedStyle(node).fontSize) * scale};
            })""",
        selector,
    )


def assert_chart_text_at_least(page: Page, selector: str, px: float = MIN_PX) -> None:
    chart = page.locator(f"{selector} .main-svg").first
    expect(chart).to_be_attached(timeout=FOLLOW_MS)
    texts = chart_texts(page, selector)
    assert texts, "the chart has text"
    small = [text for text in texts if text["px"] < px - 0.01]
    assert not small, small


def results_text_sizes(page: Page) -> list[dict]:
    """Every paragraph of the projector's results (the sentence under a chart, a short answer): its words
    and its drawn font size in px."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.st-key-live_results [data-testid="stMarkdownContainer"] p')]
            .filter((node) => node.textContent.trim())
            .map((node) => ({text: node.textContent, px: parseFloat(getComputedStyle(node).fontSize)}))"""
    )


def assert_results_text_at_least(page: Page, px: float = MIN_PX) -> None:
    texts = results_text_sizes(page)
    assert texts, "the results have a sentence"
    small = [text for text in texts if text["px"] < px - 0.01]
    assert not small, small


def reveal_and_measure(presenter: Page, projector: Page, count: str) -> Locator:
    """Reveal the answers, wait for the projector's results to say `count` ("1 answer"), and check their chart's
    text and the sentence under it read at MIN_PX at least and they fit the window; the results, to check more."""
    presenter.get_by_role("button", name="Reveal the answers").click()
    results = projector.locator(".st-key-live_results")
    expect(results).to_contain_text(count, timeout=FOLLOW_MS)
    assert_chart_text_at_least(projector, ".st-key-live_results")
    assert_results_text_at_least(projector)  # the sentence under the chart, as large as the chart's text
    assert_fits_the_window(projector, ".st-key-live_results")
    return results


def option_labels(page: Page) -> list[str]:
    """The options chart's category labels as drawn: the tick texts of its (shared) option axis."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.st-key-live_results .main-svg .ytick text')]
            .filter((node) => node.getBoundingClientRect().width > 0)
            .map((node) => node.textContent)"""
    )


def ask_on_the_spot(presenter: Page, question: str, kind_label: str) -> None:
    presenter.get_by_role("button", name="Add a question on the spot").click()
    presenter.get_by_role("textbox", name="Question").fill(question)
    presenter.get_by_text(kind_label, exact=True).click()
    presenter.get_by_role("button", name="Ask the room").click()
    presenter.keyboard.press("Escape")  # the popover closes, as a click elsewhere would
    expect(presenter.get_by_role("button", name="Ask the room")).to_be_hidden()


def test_options_results_read_at_24_px_in_the_groups_colours_and_the_clicker_steps_past_them(
    browser: Browser, app_url: str
) -> None:
    with live_room(browser, app_url, phones=1) as (presenter, projector, address, (phone_browser,)):
        phone = phone_browser.new_page()
        open_page(phone, address)
        pick(phone, (BARRIERS[0], BARRIERS[1]))
        expect(presenter.get_by_text("1 answer")).to_be_visible(timeout=FOLLOW_MS)
        reveal_and_measure(presenter, projector, "1 answer")
        assert sorted(option_labels(projector)) == sorted(BARRIERS)
        fills = projector.evaluate(
            """() => [...document.querySelectorAll('.st-key-live_results .main-svg .trace.bars')]
                .map((trace) => getComputedStyle(trace.querySelector('path')).fill)"""
        )
        assert fills == [rgb("#1A1A1A"), rgb(GROUP_COLOURS[0]), rgb(GROUP_COLOURS[1]), rgb(SHARED_GROUP_COLOUR)]
        projector.screenshot(path=str(SHOTS / "live-room-projector-options.png"))

        # The clicker's keys reach the projector window (full screen, it has focus) while results are shown.
        projector.keyboard.press("PageDown")
        expect(projector.locator(".st-key-present_slide")).to_be_visible(timeout=FOLLOW_MS)
        expect(projector.locator('[data-testid="stMain"] h1')).to_have_text(DECK[BARRIER_PROMPT + 1].heading)
        expect(projector.locator(".st-key-live_results")).to_have_count(0)
        expect(presenter.get_by_text(f"slide {BARRIER_PROMPT + 2} of {len(DECK)}")).to_be_visible(timeout=FOLLOW_MS)
        projector.keyboard.press("PageUp")  # back to the question: its answers are still revealed
        expect(projector.locator(".st-key-live_results")).to_contain_text("1 answer", timeout=FOLLOW_MS)
        expect(presenter.get_by_text(f"slide {BARRIER_PROMPT + 1} of {len(DECK)}")).to_be_visible(timeout=FOLLOW_MS)
        projector.keyboard.press("b")  # the clicker's blank-screen key
        expect(projector.locator(".st-key-present_blank")).to_be_visible(timeout=FOLLOW_MS)
        projector.keyboard.press("b")
        expect(projector.locator(".st-key-live_results")).to_be_visible(timeout=FOLLOW_MS)
        assert_no_exception(projector)


# A study of 14 barriers (more than plotly labels on a crowded axis), some as long as the bundled study's.
MANY_BARRIERS = (
    "Time",
    "Caseloads too high to meet",
    "Limited understanding of the other service",
    "Different thresholds",
    "No shared records",
    "Services don't prioritise collaboration",
    "Staff turnover",
    "Jargon",
    "Different legal duties for each team",
    "Distance between offices",
    "Wellbeing neglected",
    "Unclear roles",
    "Referral forms read differently",
    "Trust",
)


def many_barriers_findings() -> dict:
    """A findings.csv upload whose study has MANY_BARRIERS, each coded for one of two groups."""
    lines = ["finding_id,group,category,theme,statement,evidence"]
    for number, theme in enumerate(MANY_BARRIERS, start=1):
        group = "MHSW" if number % 2 else "CSW"
        lines.append(f'F{number:03d},{group},barrier,"{theme}","{theme} got in the way.",')
    return {"name": "findings.csv", "mimeType": "text/csv", "buffer": "\n".join(lines).encode()}


def test_every_one_of_fourteen_options_is_labelled_and_fits_the_projector(browser: Browser, app_url: str) -> None:
    context = track_runs(browser.new_context(viewport={"width": 1280, "height": 720}))
    phone = phone_context(browser)
    try:
        presenter = context.new_page()
        open_your_data(presenter, app_url)
        upload_file(presenter, "findings", payload=many_barriers_findings())
        press_check(presenter)
        go_to(presenter, "Present")
        presenter.get_by_role("button", name="Presenter view").click()
        presenter.wait_for_selector(".st-key-present_room_bar")
        wait_for_app(presenter)
        with context.expect_page() as opened:
            presenter.get_by_role("link", name="Open the projector window").click()
        projector = opened.value
        projector.wait_for_selector(".st-key-present_slide")
        wait_for_app(projector)
        address = open_to_the_room(presenter, projector)
        ask_on_the_spot(presenter, "Which of these get in your way?", "Options: the study's barriers")

        answering = phone.new_page()
        open_page(answering, address)
        expect(answering.get_by_role("checkbox")).to_have_count(len(MANY_BARRIERS), timeout=FOLLOW_MS)
        for option in (MANY_BARRIERS[0], MANY_BARRIERS[-1]):
            answering.locator("label").filter(has_text=option).click()
        answering.get_by_role("button", name="Send").click()
        expect(answering.get_by_text("Answer received")).to_be_visible(timeout=30_000)

        results = reveal_and_measure(presenter, projector, "1 answer")
        assert sorted(option_labels(projector)) == sorted(MANY_BARRIERS)
        # Beside its chart the sentence names the groups once, then each option's numbers in that order.
        expect(results).to_contain_text("Each option: this room's picks (the study's MHSW, CSW).")
        expect(results).to_contain_text(f"{MANY_BARRIERS[-1]}: 1 (0, 1)")
        assert_fits_the_window(projector, '.st-key-live_results [data-testid="stPlotlyChart"]')
        projector.screenshot(path=str(SHOTS / "live-room-projector-many-options.png"))
        assert_no_exception(projector)
    finally:
        phone.close()
        context.close()


def test_scale_and_short_answer_results_fit_the_projector(browser: Browser, app_url: str) -> None:
    with live_room(browser, app_url, phones=3) as (presenter, projector, address, phones):
        pages = [phone.new_page() for phone in phones]

        ask_on_the_spot(
            presenter,
            "How far do you share cases with the other service?",
            "Scale 1 to 5: how true is this in your service?",
        )
        for number, page in enumerate(pages):
            open_page(page, address)
            expect(page.get_by_text("How far do you share cases")).to_be_visible(timeout=FOLLOW_MS)
            page.get_by_test_id("stRadioOption").filter(has_text=str(number + 3)).click()
            page.get_by_role("button", name="Send").click()
            expect(page.get_by_text("Answer received")).to_be_visible(timeout=30_000)
        results = reveal_and_measure(presenter, projector, "3 answers")
        projector.screenshot(path=str(SHOTS / "live-room-projector-scale.png"))
        expect(pages[0].get_by_text("The room so far: 3 answers")).to_be_visible(timeout=FOLLOW_MS)
        footer = pages[0].get_by_text("Source: Carpenter")  # the room's study, cited on the phone
        expect(footer).to_be_visible()
        footer.scroll_into_view_if_needed()
        pages[0].screenshot(path=str(SHOTS / "live-room-phone-scale.png"))

        ask_on_the_spot(presenter, "What would make working together easier?", "Short answer")
        said = (
            "Shared training days where both teams learn each other's thresholds, forms and legal duties, "
            "so that a referral is written once and read the same way by both services.",
            "Time in the diary to meet face to face.",
            "A named contact in the other team and a phone number that is answered.",
        )
        for page, text in zip(pages, said, strict=True):
            expect(page.get_by_text("What would make working together easier?")).to_be_visible(timeout=FOLLOW_MS)
            page.get_by_role("textbox", name="Your answer").fill(text)
            page.get_by_role("button", name="Send").click()
            expect(page.get_by_text("Answer received")).to_be_visible(timeout=30_000)
        approve = presenter.get_by_role("button", name="Approve")
        expect(approve).to_have_count(3, timeout=FOLLOW_MS)
        # One at a time, as a presenter does: the next click waits for the list to drop the one just approved
        # (clicked while the list still showed it, a second click approved the same answer again).
        for left in reversed(range(len(said))):
            approve.first.click()
            expect(approve).to_have_count(left, timeout=FOLLOW_MS)
        presenter.get_by_role("button", name="Reveal the answers").click()
        for text in said:
            expect(results).to_contain_text(text, timeout=FOLLOW_MS)
        quotes = projector.evaluate(
            """() => [...document.querySelectorAll('.st-key-live_results blockquote p')].map((node) => {
                const style = getComputedStyle(node);
                return {px: parseFloat(style.fontSize), colour: style.color,
                        opacity: parseFloat(getComputedStyle(node.closest('blockquote')).opacity)};
            })"""
        )
        # The answers as large as the slides' text, in the text's own dark colour.
        assert quotes == [{"px": MIN_PX, "colour": rgb("#262730"), "opacity": 1}] * len(said), quotes
        expect(results.locator('[data-testid="stPlotlyChart"]')).to_have_count(1, timeout=FOLLOW_MS)
        assert_chart_text_at_least(projector, ".st-key-live_results")
        assert_results_text_at_least(projector)  # the words' sentence under their picture too
        assert_fits_the_window(projector, ".st-key-live_results")
        projector.screenshot(path=str(SHOTS / "live-room-projector-short-answers.png"))
        assert_no_exception(projector)


def boxes_overlap(first: dict, second: dict) -> bool:
    return not (
        first["x"] + first["width"] <= second["x"]
        or second["x"] + second["width"] <= first["x"]
        or first["y"] + first["height"] <= second["y"]
        or second["y"] + second["height"] <= first["y"]
    )


def test_the_live_room_drawer_leaves_the_room_bar_uncovered(browser: Browser, app_url: str) -> None:
    context = track_runs(browser.new_context(viewport={"width": 1280, "height": 720}))
    try:
        presenter = context.new_page()
        projector = open_room(presenter, app_url, BARRIER_PROMPT + 1)
        projector.close()
        drawer = presenter.locator(".st-key-live_room_dock")
        bar = presenter.locator(".st-key-present_room_bar")
        expect(drawer).to_be_in_viewport(ratio=1)
        expect(bar).to_be_in_viewport(ratio=1)
        assert not boxes_overlap(drawer.bounding_box(), bar.bounding_box()), (drawer.bounding_box(), bar.bounding_box())
        leave = presenter.get_by_role("button", name="Leave")
        expect(leave).to_be_in_viewport(ratio=1)
        assert not boxes_overlap(drawer.bounding_box(), leave.bounding_box())
        presenter.screenshot(path=str(SHOTS / "live-room-presenter-top-band.png"))
        presenter.locator(".st-key-live_room_dock summary").click()  # opened, it lies over the slides below
        expect(presenter.get_by_role("button", name="Open to the room")).to_be_in_viewport(ratio=1)
        assert not boxes_overlap(drawer.bounding_box(), bar.bounding_box()), (drawer.bounding_box(), bar.bounding_box())
        leave.click(trial=True)  # the room bar's last button can still be clicked with the drawer open
        presenter.screenshot(path=str(SHOTS / "live-room-presenter-drawer-open.png"))

        # The drawer follows the bar's bottom edge, not a fixed offset: on a bar made to wrap to more lines at
        # 1280x720, and on a phone's 390x844 where it wraps by itself.
        one_line = bar.bounding_box()["height"]
        presenter.add_style_tag(content=".st-key-present_room_bar { max-width: 560px; }")
        assert_drawer_under_the_bar(presenter, taller_than=one_line)
        presenter.screenshot(path=str(SHOTS / "live-room-presenter-drawer-open-wrapped-bar.png"))
        presenter.set_viewport_size({"width": 390, "height": 844})
        assert_drawer_under_the_bar(presenter, taller_than=one_line)
        presenter.screenshot(path=str(SHOTS / "live-room-presenter-drawer-open-phone.png"))
    finally:
        context.close()


def assert_drawer_under_the_bar(presenter: Page, taller_than: float) -> None:
    """The open drawer starts under the room bar, which has wrapped to more than one line, and stays in the
    window with its first button reachable."""
    wait_for_app(presenter)
    presenter.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    bar = presenter.locator(".st-key-present_room_bar").bounding_box()
    drawer = presenter.locator(".st-key-live_room_dock").bounding_box()
    window = presenter.viewport_size
    assert bar["height"] > taller_than + 10, (bar, taller_than)  # the bar really wraps
    assert drawer["y"] >= bar["y"] + bar["height"], (drawer, bar)
    assert not boxes_overlap(drawer, bar), (drawer, bar)
    assert drawer["y"] + drawer["height"] <= window["height"], (drawer, window)
    assert 0 <= drawer["x"] < drawer["x"] + drawer["width"] <= window["width"], (drawer, window)
    expect(presenter.get_by_role("button", name="Open to the room")).to_be_in_viewport(ratio=1)
