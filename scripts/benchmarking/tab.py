"""Timing one browser tab: a navigation until the app is ready, and a rerun after changing the page's first
widget (found generically, by kind), recognised by the server's own "script finished" message."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.server import wait_for_app

VIEWPORT = {"width": 1280, "height": 720}
TIMEOUT_MS = 60_000
COLD_TIMEOUT_MS = 240_000
RERUN_WAIT_S = 20.0  # a widget change that has started no script run by then had no effect


def page_problem(page: Page) -> str | None:
    """A short note when the page shows an exception or 'Page not found', else None."""
    if page.locator('[data-testid="stException"]').count():
        return "exception shown"
    if page.get_by_text("Page not found").count():
        return "page not found"
    return None


def time_navigation(page: Page, url: str, timeout: float = TIMEOUT_MS) -> float:
    # The measured tab must be the front one: Chromium throttles timers in a background tab, which made
    # every app rerun look about 2 s slow beside the bare tab in an earlier version of this script.
    page.bring_to_front()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout)
    wait_for_app(page, timeout)
    return time.perf_counter() - start


@dataclass
class RerunAction:
    """One generic widget change on a page: `prepare` does not rerun, `trigger` does."""

    kind: str
    prepare: Callable[[], None]
    trigger: Callable[[], None]


# Pills and segmented controls: the option buttons, not the help icon beside the label.
OPTION_BUTTONS = "[role=radiogroup] button, [role=toolbar] button"


def _visible(locator):
    return locator.filter(visible=True)


def find_rerun_action(page: Page) -> RerunAction | None:
    """The first widget in the main area whose change reruns the script, by kind in a fixed order."""
    main = page.locator('[data-testid="stMain"]')
    nothing = lambda: None  # noqa: E731

    checkbox = _visible(main.locator('[data-testid="stCheckbox"] label'))
    if checkbox.count():
        return RerunAction("checkbox/toggle", nothing, lambda: checkbox.first.click())

    radio = _visible(main.locator('[data-testid="stRadio"]'))
    if radio.count():
        other = radio.first.locator('[data-testid="stRadioOption"]:not([data-selected="true"])')
        if other.count():
            return RerunAction("radio", nothing, lambda: other.first.click())

    selectbox = _visible(main.locator('[data-testid="stSelectbox"]'))
    if selectbox.count():
        shown = {"value": ""}

        def open_selectbox() -> None:
            combobox = selectbox.first.locator("[role=combobox]")
            shown["value"] = combobox.input_value().strip()
            combobox.click()
            # A searchable selectbox filters its list by the text shown; clear it so every option is listed.
            combobox.fill("")
            page.locator("[role=listbox] [role=option]").first.wait_for(timeout=10_000)

        def choose_other_option() -> None:
            # The dropdown is virtualised: only the options drawn on screen can be clicked. Pick one that
            # is neither marked selected nor the value shown, or nothing would change and nothing rerun.
            options = _visible(page.locator("[role=listbox] [role=option]"))
            for index in range(options.count()):
                option = options.nth(index)
                if option.get_attribute("aria-selected") != "true" and option.inner_text().strip() != shown["value"]:
                    option.click()
                    return
            options.first.click()

        return RerunAction("selectbox", open_selectbox, choose_other_option)

    group = _visible(main.locator('[data-testid="stButtonGroup"]').locator(OPTION_BUTTONS))
    if group.count() > 1:

        def click_other_in_group() -> None:
            buttons = main.locator('[data-testid="stButtonGroup"]').first.locator(OPTION_BUTTONS)
            for index in range(buttons.count()):
                button = buttons.nth(index)
                if button.get_attribute("aria-checked") != "true" and button.get_attribute("aria-pressed") != "true":
                    button.click()
                    return
            buttons.first.click()

        return RerunAction("pills/segmented", nothing, click_other_in_group)

    multiselect = _visible(main.locator('[data-testid="stMultiSelect"]'))
    if multiselect.count():
        chips = multiselect.first.get_by_role("button", name="Remove")
        state = {"add": False}

        def open_if_adding() -> None:
            state["add"] = chips.count() == 0
            if state["add"]:
                multiselect.first.locator("[role=combobox]").click()
                page.locator("[role=listbox] [role=option]").first.wait_for(timeout=10_000)

        def add_or_remove() -> None:
            if state["add"]:
                page.locator("[role=listbox] [role=option]").first.click()
                page.keyboard.press("Escape")
            else:
                chips.last.click()

        return RerunAction("multiselect", open_if_adding, add_or_remove)

    slider = _visible(main.locator('[data-testid="stSlider"]'))
    if slider.count():
        thumb = slider.first.locator("input[type=range]").first  # visually hidden, keyboard-operable
        keys = iter(["ArrowRight", "ArrowLeft"] * 1000)
        return RerunAction("slider", lambda: thumb.focus(), lambda: thumb.press(next(keys)))

    button = _visible(main.locator('[data-testid="stButton"] button:not([disabled])'))
    if button.count():
        return RerunAction("button", nothing, lambda: button.first.click())
    return None


class ScriptRuns:
    """Counts the server's "script finished" messages on a tab's websocket.

    The DOM cannot be trusted to show a quick rerun: React may batch `running` and `notRunning`
    into one render, so the app root's script state never visibly changes. The server's own
    message is the reliable sign that the rerun happened.
    """

    SKIPPED = (ForwardMsg.FINISHED_EARLY_FOR_RERUN,)

    def __init__(self, page: Page):
        self.page = page
        self.finished = 0
        self.finished_at = 0.0  # perf_counter() when the latest "script finished" message arrived
        page.on("websocket", lambda socket: socket.on("framereceived", self._on_frame))

    def _on_frame(self, payload: str | bytes) -> None:
        if not isinstance(payload, bytes | bytearray):
            return
        try:
            message = ForwardMsg.FromString(bytes(payload))
        except Exception:  # noqa: BLE001 - not a ForwardMsg: not ours to count
            return
        if message.WhichOneof("type") == "script_finished" and message.script_finished not in self.SKIPPED:
            self.finished += 1
            self.finished_at = time.perf_counter()

    def wait_past(self, count: int, timeout: float = TIMEOUT_MS / 1000) -> None:
        """Wait until more than `count` runs have finished, letting Playwright deliver events meanwhile."""
        deadline = time.perf_counter() + timeout
        while self.finished <= count:
            if time.perf_counter() > deadline:
                raise PlaywrightTimeout(f"no script run finished within {timeout:.0f} s of the widget change")
            self.page.wait_for_timeout(5)


def close_dialogs(page: Page) -> None:
    """A widget change may open a modal (st.dialog) that covers the page; close it before the next change."""
    dialog = page.locator('[role="dialog"]')
    if dialog.count() and dialog.first.is_visible():
        page.keyboard.press("Escape")
        dialog.first.wait_for(state="hidden", timeout=10_000)
        wait_for_app(page, TIMEOUT_MS)


def time_rerun(page: Page, runs: ScriptRuns, action: RerunAction) -> tuple[float, float]:
    """Seconds from the widget change to rendered, and to the server's "script finished" message."""
    page.bring_to_front()
    close_dialogs(page)
    action.prepare()
    before = runs.finished
    start = time.perf_counter()
    action.trigger()
    runs.wait_past(before, RERUN_WAIT_S)
    wait_for_app(page, TIMEOUT_MS)
    return time.perf_counter() - start, runs.finished_at - start
