"""Benchmark the explorer against a bare Streamlit page in real Chromium (not a test: it asserts nothing).

    .venv/bin/python scripts/benchmark.py            # full run, about 10 minutes on 2 cores
    .venv/bin/python scripts/benchmark.py --quick    # fewer runs and sessions, for development
    .venv/bin/python scripts/benchmark.py --runs 7 --sessions 30 --pages compare network

What it measures, all against servers on 127.0.0.1 started here:
- per page, the median time from navigation to fully rendered (script finished, connected, no skeleton,
  nothing stale, every plotly chart drawn), and its ratio to the bare page (scripts/bare_app.py);
- per page, the median time of a rerun after changing the page's first widget (checkbox or toggle,
  radio, selectbox, pills/segmented control, else a button), against the bare page's button rerun;
- the same with synthetic datasets 10x and 100x the study (components/data/synthetic.py), served through
  EXPLORER_DATA_DIR;
- N concurrent browser sessions on the busiest page: errors, p50, p95, and server memory per session;
- the crowd (server time, no drawing): per page, the frames Chromium sends on /_stcore/stream for its
  first run are captured once, then replayed by raw websocket clients, one at a time and 30 at once,
  against one app process, the bare page and (--replicas 2) scripts/serve.sh's HAProxy and replicas;
  with --profile DIR, py-spy samples the one process under one more crowd per page.

    .venv/bin/python scripts/benchmark.py --crowd-only --profile /tmp/prof   # the crowd alone

It prints Markdown tables with the target beside each figure. Copy them into docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.async_api import async_playwright
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect as websockets_connect
from websockets.typing import Subprotocol

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from components.data.synthetic import synthetic_dataset_files  # noqa: E402
from components.shared import navigation  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    free_port,
    start_streamlit,
    wait_for_app,
)

DATA_DIR_VARIABLE = "EXPLORER_DATA_DIR"  # read by components/ui/access.py
# Page name (its file name in pages/) -> URL path ("" is the home page), from the app's one list of pages.
PAGES = {Path(page.script).stem: page.url_path for page in navigation.PAGES}
TARGET_PAGE = 1.5  # page load within 1.5x of the bare page
TARGET_RERUN = 1.3  # rerun within 1.3x of the bare page's rerun
TARGET_DATA = 2.0  # 100x data: page load within 2x of the bare page
TARGET_ERRORS = 0  # concurrent sessions: no errors
VIEWPORT = {"width": 1280, "height": 720}
TIMEOUT_MS = 60_000
COLD_TIMEOUT_MS = 240_000
RERUN_WAIT_S = 20.0  # a widget change that has started no script run by then had no effect

# The script has run (not merely "initial") and finished, and the websocket is live.
FINISHED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && app.getAttribute('data-test-connection-state') === 'CONNECTED';
}"""
# Everything wait_for_app checks, for the async (concurrent sessions) phase, plus FINISHED_JS.
READY_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
        if (!chart.querySelector('.main-svg')) return false;
    }
    return document.querySelector('[data-testid="stMain"]') !== null;
}"""


# ---------------------------------------------------------------------------------------------
# Servers


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen

    @property
    def rss(self) -> int:
        """Resident memory of the server and any children, in bytes."""
        root = psutil.Process(self.process.pid)
        total = root.memory_info().rss
        for child in root.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return total

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def repo_config_flags() -> tuple[str, ...]:
    """The app's .streamlit/config.toml settings (not its theme) as `streamlit run` flags.

    The bare page runs from scripts/, where Streamlit does not find the app's config file; with these flags
    it runs on the same server settings (XSRF, upload limit, post-script GC ...), so the ratios compare
    pages, not settings.
    """
    with (REPO / ".streamlit" / "config.toml").open("rb") as file:
        config = tomllib.load(file)
    flags: list[str] = []
    for section, options in config.items():
        if section == "theme":
            continue
        for option, value in options.items():
            if isinstance(value, bool | int | float | str):
                flags += [f"--{section}.{option}", str(value).lower() if isinstance(value, bool) else str(value)]
    return tuple(flags)


def start_server(name: str, script: Path, data_dir: Path | None = None) -> Server:
    """Start `streamlit run` on a free 127.0.0.1 port, with EXPLORER_DATA_DIR set when data_dir is given.

    The bare page gets the app's server settings (repo_config_flags); the app reads them from its folder.
    """
    port = free_port()
    extra = repo_config_flags() if script.parent != REPO else ()
    saved = os.environ.get(DATA_DIR_VARIABLE)
    try:
        if data_dir is None:
            os.environ.pop(DATA_DIR_VARIABLE, None)
        else:
            os.environ[DATA_DIR_VARIABLE] = str(data_dir)
        process = start_streamlit(script, port, ("--server.address", "127.0.0.1", *extra))
    finally:
        if saved is None:
            os.environ.pop(DATA_DIR_VARIABLE, None)
        else:
            os.environ[DATA_DIR_VARIABLE] = saved
    return Server(name, f"http://127.0.0.1:{port}", process)


def write_synthetic(scale: int, folder: Path, seed: int = 2019) -> Path:
    target = folder / f"x{scale}"
    target.mkdir(parents=True, exist_ok=True)
    for file_name, raw in synthetic_dataset_files(scale, seed).items():
        (target / file_name).write_bytes(raw)
    return target


# ---------------------------------------------------------------------------------------------
# Timing in one browser tab


def wait_rendered(page: Page, timeout: float = TIMEOUT_MS) -> None:
    page.wait_for_function(FINISHED_JS, timeout=timeout)
    wait_for_app(page, timeout=timeout)


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
    wait_rendered(page, timeout)
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
        wait_rendered(page)


def time_rerun(page: Page, runs: ScriptRuns, action: RerunAction) -> tuple[float, float]:
    """Seconds from the widget change to rendered, and to the server's "script finished" message."""
    page.bring_to_front()
    close_dialogs(page)
    action.prepare()
    before = runs.finished
    start = time.perf_counter()
    action.trigger()
    runs.wait_past(before, RERUN_WAIT_S)
    wait_rendered(page)
    return time.perf_counter() - start, runs.finished_at - start


@dataclass
class PageResult:
    """Timings of one page, each paired with a bare-page timing taken right beside it.

    Pairing keeps the ratios fair on a shared machine whose background load drifts during the run.
    """

    name: str
    cold: float | None = None
    loads: list[float] = field(default_factory=list)
    bare_loads: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    rerun_scripts: list[float] = field(default_factory=list)  # until the server said "script finished"
    bare_reruns: list[float] = field(default_factory=list)
    rerun_kind: str = "none found"
    notes: list[str] = field(default_factory=list)

    @property
    def load(self) -> float | None:
        return median(self.loads)

    @property
    def bare_load(self) -> float | None:
        return median(self.bare_loads)

    @property
    def rerun(self) -> float | None:
        return median(self.reruns)

    @property
    def rerun_script(self) -> float | None:
        return median(self.rerun_scripts)

    @property
    def bare_rerun(self) -> float | None:
        return median(self.bare_reruns)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


@dataclass
class BareTab:
    """A second tab that keeps the bare page, timed beside every page measurement."""

    page: Page
    url: str
    action: RerunAction | None = None
    runs: ScriptRuns | None = None

    def __post_init__(self) -> None:
        self.runs = ScriptRuns(self.page)

    def load(self) -> float:
        elapsed = time_navigation(self.page, self.url)
        self.action = find_rerun_action(self.page)
        return elapsed

    def rerun(self) -> float:
        if self.action is None:
            raise RuntimeError("the bare page shows no button")
        return time_rerun(self.page, self.runs, self.action)[0]


def measure_page(page: Page, runs_seen: ScriptRuns, bare: BareTab, name: str, url: str, runs: int) -> PageResult:
    result = PageResult(name)
    try:
        # The first visit on this server warms imports and caches; it may be slow, so it gets longer.
        result.cold = time_navigation(page, url, COLD_TIMEOUT_MS)
        for _ in range(runs):
            result.bare_loads.append(bare.load())
            result.loads.append(time_navigation(page, url))
        problem = page_problem(page)
        if problem:
            result.notes.append(problem)
        action = find_rerun_action(page)
        if action is not None:
            result.rerun_kind = action.kind
            missed = 0
            for _ in range(runs):
                result.bare_reruns.append(bare.rerun())
                try:
                    total, script = time_rerun(page, runs_seen, action)
                except PlaywrightTimeout:
                    # The change did not take (e.g. a searchable list reopened on the same value): skip it.
                    missed += 1
                    page.keyboard.press("Escape")
                    continue
                result.reruns.append(total)
                result.rerun_scripts.append(script)
            if missed:
                result.notes.append(f"{missed} of {runs} widget changes started no rerun within {RERUN_WAIT_S:.0f} s")
            problem = page_problem(page)
            if problem:
                result.notes.append(f"{problem} after rerun")
    except PlaywrightTimeout as error:
        result.notes.append(f"timed out: {str(error).splitlines()[0][:80]}")
    except Exception as error:  # noqa: BLE001 - a broken page is a result to report, not a crash
        result.notes.append(f"{type(error).__name__}: {str(error).splitlines()[0][:80]}")
    return result


def measure_server(
    page: Page, runs_seen: ScriptRuns, bare: BareTab, server: Server, pages: dict[str, str], runs: int
) -> dict:
    results = {}
    for name, path in pages.items():
        started = time.perf_counter()
        result = measure_page(page, runs_seen, bare, name, f"{server.url}/{path}", runs)
        results[name] = result
        print(
            f"  {server.name:>9} {name:<16} load {fmt(result.load)} (bare {fmt(result.bare_load)})"
            f" rerun {fmt(result.rerun)} (bare {fmt(result.bare_rerun)})"
            f" {'; '.join(result.notes)} ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    return results


# ---------------------------------------------------------------------------------------------
# Concurrent sessions


@dataclass
class LoadResult:
    page: str
    sessions: int
    times: list[float]
    errors: list[str]
    rss_before: int
    rss_after: int
    wall: float
    ramp: float

    def percentile(self, fraction: float) -> float | None:
        if not self.times:
            return None
        ordered = sorted(self.times)
        index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
        return ordered[index]


async def _render(page, url: str) -> float:
    """Navigate and wait until rendered; polls on a timer, as 30 tabs cannot all count on animation frames."""
    start = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS * 2)
    await page.wait_for_function(READY_JS, polling=100, timeout=TIMEOUT_MS * 2)
    return time.perf_counter() - start


async def _one_session(context, url: str, delay: float, hold: asyncio.Event, times: list, errors: list) -> None:
    await asyncio.sleep(delay)
    try:
        page = await context.new_page()
        elapsed = await _render(page, url)
        if await page.locator('[data-testid="stException"]').count():
            errors.append("exception shown")
        elif await page.get_by_text("Page not found").count():
            errors.append("page not found")
        else:
            times.append(elapsed)
    except Exception as error:  # noqa: BLE001 - every failure counts as a session error
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:80]}")
    await hold.wait()  # keep the session open until server memory has been read


async def _load_test(url: str, sessions: int, server: Server, budget: float, ramp: float) -> LoadResult:
    """`sessions` tabs, each its own Streamlit session, opened over `ramp` seconds and all held open.

    The tabs share one browser context, so the frontend's JavaScript is fetched once (as a browser
    cache would in a training room of returning users) and the 2-core machine spends its time on
    the server and on rendering rather than on 30 cold downloads.
    """
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport=VIEWPORT)
        warm = await context.new_page()
        with contextlib.suppress(Exception):
            await _render(warm, url)  # imports, data cache and browser cache warm; not counted
        await asyncio.sleep(1.0)
        times: list[float] = []
        errors: list[str] = []
        hold = asyncio.Event()
        rss_before = server.rss
        started = time.perf_counter()
        tasks = [
            asyncio.create_task(_one_session(context, url, ramp * index / sessions, hold, times, errors))
            for index in range(sessions)
        ]
        deadline = started + budget
        while len(times) + len(errors) < sessions and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)
        wall = time.perf_counter() - started
        unfinished = sessions - len(times) - len(errors)
        if unfinished:
            errors.extend([f"not rendered within the {budget:.0f} s budget"] * unfinished)
        await asyncio.sleep(1.0)  # let the server settle with every session open
        rss_after = server.rss
        hold.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await context.close()
        await browser.close()
    return LoadResult("", sessions, times, errors, rss_before, rss_after, wall, ramp)


def load_test(server: Server, name: str, path: str, sessions: int, budget: float, ramp: float) -> LoadResult:
    result = asyncio.run(_load_test(f"{server.url}/{path}", sessions, server, budget, ramp))
    result.page = name
    return result


# ---------------------------------------------------------------------------------------------
# Crowd: raw websocket clients replay the real frontend's first request (server time, no drawing)

XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's; its value doubles as the websocket's XSRF token
REPLICA_COOKIE = "SERVERID"  # HAProxy's, set by scripts/serve.sh
STREAM_PATH = "/_stcore/stream"
TARGET_REPLICAS = 0.65  # 30-session p95 through 2 replicas within 0.65x of one process (2 cores)
# Plain HTTP to loopback only: never through a proxy named in the environment.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def capture_first_requests(base_url: str, pages: dict[str, str]) -> dict[str, list[bytes]]:
    """Per page, the BackMsg frames a real Chromium sends on /_stcore/stream until its first run finishes.

    For every page of this app that is one `rerun_script` message (page name, URL, time zone, locale,
    no widget states); the crowd replays exactly those bytes.
    """
    captured: dict[str, list[bytes]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        # The first session after a server start imports, fills caches and (with a top-level pages/ folder)
        # runs in Streamlit's legacy folder mode: not the request a room sends, so not captured.
        time_navigation(context.new_page(), f"{base_url}/", COLD_TIMEOUT_MS)
        for name, path in pages.items():
            page = context.new_page()
            frames = _record_stream(page)
            time_navigation(page, f"{base_url}/{path}", COLD_TIMEOUT_MS)
            kinds = [BackMsg.FromString(frame).WhichOneof("type") for frame in frames]
            if "rerun_script" not in kinds:
                raise RuntimeError(f"Chromium sent no rerun_script for {name!r} (sent: {kinds})")
            captured[name] = frames
            page.close()
        context.close()
        browser.close()
    return captured


def _record_stream(page: Page) -> list[bytes]:
    """Frames the page sends on its Streamlit websocket before the server first says "script finished"."""
    frames: list[bytes] = []
    state = {"finished": False}

    def on_sent(payload: str | bytes) -> None:
        if isinstance(payload, bytes | bytearray) and not state["finished"]:
            frames.append(bytes(payload))

    def on_received(payload: str | bytes) -> None:
        if isinstance(payload, bytes | bytearray):
            message = ForwardMsg.FromString(bytes(payload))
            if message.WhichOneof("type") == "script_finished" and message.script_finished not in ScriptRuns.SKIPPED:
                state["finished"] = True

    def on_socket(socket) -> None:
        if socket.url.endswith(STREAM_PATH):
            socket.on("framesent", on_sent)
            socket.on("framereceived", on_received)

    page.on("websocket", on_socket)
    return frames


def retarget(frames: list[bytes], page_url: str) -> list[bytes]:
    """The same frames, with the page URL the frontend reports (st.context.url) pointing at this server."""
    out = []
    for frame in frames:
        message = BackMsg.FromString(frame)
        if message.WhichOneof("type") == "rerun_script":
            message.rerun_script.context_info.url = page_url
        out.append(message.SerializeToString())
    return out


def fetch_cookies(page_url: str, base_url: str) -> dict[str, str]:
    """What the frontend fetches before opening its websocket: the page (through HAProxy this picks a replica
    and names it in a cookie), then /_stcore/health (where Streamlit sets its XSRF cookie)."""
    cookies: dict[str, str] = {}
    for url in (page_url, f"{base_url}/_stcore/health"):
        request = urllib.request.Request(url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        with DIRECT.open(request, timeout=30) as response:
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


@dataclass
class Session:
    seconds: float | None = None  # websocket opened -> "script finished"
    error: str | None = None
    replica: str | None = None
    socket: object = None  # kept open until the whole crowd has finished, as a room keeps its tabs


async def replay_session(base_url: str, frames: list[bytes], cookies: dict[str, str], timeout: float) -> Session:
    """One raw client: open /_stcore/stream as the frontend does, send its frames, wait for the run's end."""
    session = Session(replica=cookies.get(REPLICA_COOKIE))
    headers = {"Origin": base_url, "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    # The frontend passes the XSRF token as the second entry of Sec-WebSocket-Protocol.
    protocols = [Subprotocol("streamlit"), *([Subprotocol(cookies[XSRF_COOKIE])] if XSRF_COOKIE in cookies else [])]
    start = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            session.socket = await websockets_connect(
                "ws" + base_url.removeprefix("http") + STREAM_PATH,
                subprotocols=protocols,
                additional_headers=headers,
                proxy=None,
                max_size=None,
                ping_interval=None,
                open_timeout=None,
            )
            for frame in frames:
                await session.socket.send(frame)
            async for raw in session.socket:
                if isinstance(raw, str):
                    continue
                message = ForwardMsg.FromString(raw)
                kind = message.WhichOneof("type")
                if kind == "page_not_found":
                    session.error = "page not found"
                elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                    session.error = "exception shown"
                elif kind == "script_finished" and message.script_finished not in ScriptRuns.SKIPPED:
                    session.seconds = time.perf_counter() - start
                    break
            else:
                session.error = "websocket closed before the script finished"
    except TimeoutError:
        session.error = f"no script_finished within {timeout:.0f} s"
    except Exception as error:  # noqa: BLE001 - every failure is a session error to report
        session.error = f"{type(error).__name__}: {str(error).splitlines()[0][:80] if str(error) else ''}"
    return session


async def _crowd(page_url: str, base_url: str, frames: list[bytes], sessions: int, timeout: float) -> list[Session]:
    # Cookies first, one GET at a time and untimed: through HAProxy this spreads the crowd round-robin.
    jars = [await asyncio.to_thread(fetch_cookies, page_url, base_url) for _ in range(sessions)]
    results = await asyncio.gather(*(replay_session(base_url, frames, jar, timeout) for jar in jars))
    for session in results:
        if session.socket is not None:
            with contextlib.suppress(Exception):
                await session.socket.close()
            session.socket = None
    return list(results)


def crowd(page_url: str, base_url: str, frames: list[bytes], sessions: int, timeout: float) -> list[Session]:
    """`sessions` raw clients at once, all held open until the last has finished."""
    return asyncio.run(_crowd(page_url, base_url, frames, sessions, timeout))


@dataclass
class CrowdFigures:
    """One page on one server: sequential single sessions, then crowds of N at once."""

    singles: list[float] = field(default_factory=list)
    crowd: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replicas: dict[str, int] = field(default_factory=dict)  # sessions per replica (HAProxy's cookie)

    @property
    def single(self) -> float | None:
        return median(self.singles)

    @property
    def p50(self) -> float | None:
        return percentile(self.crowd, 0.5)

    @property
    def p95(self) -> float | None:
        return percentile(self.crowd, 0.95)


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (the value at rank ceil(fraction * n))."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure_crowd(
    base_url: str, path: str, frames: list[bytes], args: argparse.Namespace, warm: int = 1
) -> CrowdFigures:
    page_url = f"{base_url}/{path}"
    frames = retarget(frames, page_url)
    figures = CrowdFigures()
    # Untimed warm-up sessions fill this page's caches (one per replica behind a proxy).
    crowd(page_url, base_url, frames, warm, args.crowd_timeout)
    for _ in range(args.crowd_singles):
        figures.singles.extend(s.seconds for s in crowd(page_url, base_url, frames, 1, args.crowd_timeout) if s.seconds)
    for _ in range(args.crowd_rounds):
        for session in crowd(page_url, base_url, frames, args.crowd_sessions, args.crowd_timeout):
            if session.error:
                figures.errors.append(session.error)
            else:
                figures.crowd.append(session.seconds)
            if session.replica:
                figures.replicas[session.replica] = figures.replicas.get(session.replica, 0) + 1
    return figures


# ---------------------------------------------------------------------------------------------
# Replicas behind HAProxy (scripts/serve.sh) and a server profile (py-spy)


def start_replicas(replicas: int) -> Server:
    """`scripts/serve.sh --replicas N` on a free loopback port; its process tree holds HAProxy and the replicas."""
    port = free_port()
    process = subprocess.Popen(
        ["bash", str(REPO / "scripts" / "serve.sh"), "--replicas", str(replicas), "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"scripts/serve.sh exited with status {process.returncode}")
            with contextlib.suppress(OSError), DIRECT.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(f"{replicas} replicas", url, process)
            time.sleep(0.3)
        raise RuntimeError("scripts/serve.sh did not answer within 180 s")
    except BaseException:  # also a SIGTERM during start-up: serve.sh stops what it started
        process.terminate()
        process.wait(timeout=60)
        raise


class Profiler:
    """py-spy sampling one server process while a crowd runs; only the thread holding the GIL is sampled,
    so the shares say where the one interpreter lock's time goes."""

    def __init__(self, pid: int, output: Path):
        self.output = output
        self.process = subprocess.Popen(
            [
                *(str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(pid), "--gil"),
                # Not --nonblocking: reading a running interpreter gave torn stacks on a busy machine
                # (one stale frame counted thousands of times); pausing it per sample gives whole stacks.
                *("--rate", "200", "--format", "raw", "--output", str(output)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # py-spy prints nothing to a pipe until it stops; give it a moment to find the interpreter's threads
        # (the crowd's cookie requests come first anyway, so no run of the crowd is missed).
        time.sleep(1.0)
        if self.process.poll() is not None:
            raise RuntimeError(f"py-spy could not sample pid {pid} (status {self.process.returncode})")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _frame_label(frame: str) -> str:
    """'populate_hash_if_needed (streamlit/proto/...py:123)' -> 'populate_hash_if_needed (.../x.py)'."""
    function, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{function} ({where})" if where else function


def hot_spots(raw_file: Path, top: int = 8) -> tuple[int, list[tuple[str, float]], list[tuple[str, float]]]:
    """Samples, then the top functions by share of samples: this app's own code counted inclusively (time
    in the function and all it calls), and every function counted by self time (the innermost Python frame)."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw_file.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [_frame_label(frame) for frame in stack.split(";")]
        total += int(count)
        own[frames[-1]] = own.get(frames[-1], 0) + int(count)
        for label in set(frames):
            if "(components/" in label or "(pages/" in label:
                inclusive[label] = inclusive.get(label, 0) + int(count)
    total = total or 1

    def ranked(counts: dict[str, int]) -> list[tuple[str, float]]:
        return sorted(((label, n / total) for label, n in counts.items()), key=lambda item: -item[1])[:top]

    return total, ranked(inclusive), ranked(own)


SETTLE_LOAD_PER_CORE = 1.0  # the crowd starts once the 1-minute load average is at most this per core…
SETTLE_LIMIT = 240  # …or after this many seconds, whichever comes first


def settle() -> float:
    """Wait for the machine to calm down after the browser phases, bounded; returns the seconds waited.

    The 30-tab phase leaves a load average near 30 on 2 cores for minutes after its tabs close; a crowd
    started then measures that load as much as the server.
    """
    started = time.perf_counter()
    threshold = SETTLE_LOAD_PER_CORE * (os.cpu_count() or 1)
    while os.getloadavg()[0] > threshold and time.perf_counter() - started < SETTLE_LIMIT:
        time.sleep(5)
    return time.perf_counter() - started


def run_crowd(args: argparse.Namespace, pages: dict[str, str], servers: list[Server]) -> list[str]:
    """The crowd measurement: bare page, one app process and (optionally) replicas, page by page, paired."""
    print(
        f"Crowd: waiting for a load average of {SETTLE_LOAD_PER_CORE:g} per core (at most {SETTLE_LIMIT} s)…",
        file=sys.stderr,
        flush=True,
    )
    waited = settle()
    print(f"Crowd: starting servers after {waited:.0f} s…", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]
    bare = start_server("bare", REPO / "scripts" / "bare_app.py")
    servers.append(bare)
    app = start_server("one process", REPO / "app.py")
    servers.append(app)
    proxy = None
    if args.replicas:
        proxy = start_replicas(args.replicas)
        servers.append(proxy)
    frames = capture_first_requests(app.url, pages)
    bare_frames = capture_first_requests(bare.url, {"bare": ""})["bare"]
    results: dict[str, tuple[CrowdFigures, CrowdFigures, CrowdFigures | None]] = {}
    for name, path in pages.items():
        started = time.perf_counter()
        bare_figures = measure_crowd(bare.url, "", bare_frames, args)
        app_figures = measure_crowd(app.url, path, frames[name], args)
        proxy_figures = measure_crowd(proxy.url, path, frames[name], args, warm=args.replicas) if proxy else None
        results[name] = (bare_figures, app_figures, proxy_figures)
        print(
            f"  crowd {name:<16} one {fmt(app_figures.single)} (bare {fmt(bare_figures.single)})"
            f" p95 {fmt(app_figures.p95)} (bare {fmt(bare_figures.p95)})"
            + (f" replicas p95 {fmt(proxy_figures.p95)}" if proxy_figures else "")
            + f" ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    memory = {"one process": app.rss, **({proxy.name: proxy.rss} if proxy else {})}
    load_after = os.getloadavg()[0]

    profiles = {}
    if args.profile:
        folder = Path(args.profile)
        folder.mkdir(parents=True, exist_ok=True)
        for name, path, page_frames in [*((n, p, frames[n]) for n, p in pages.items())]:
            page_url = f"{app.url}/{path}"
            output = folder / f"{name}.txt"
            profiler = Profiler(app.process.pid, output)
            try:
                crowd(page_url, app.url, retarget(page_frames, page_url), args.crowd_sessions, args.crowd_timeout)
            finally:
                profiler.stop()
            if output.exists():
                profiles[name] = hot_spots(output)
            print(f"  profiled {name}", file=sys.stderr, flush=True)
    return crowd_report(results, memory, profiles, args, (load_before, load_after))


def crowd_report(
    results: dict[str, tuple[CrowdFigures, CrowdFigures, CrowdFigures | None]],
    memory: dict[str, int],
    profiles: dict[str, tuple[int, list[tuple[str, float]], list[tuple[str, float]]]],
    args: argparse.Namespace,
    loads: tuple[float, float],
) -> list[str]:
    n = args.crowd_sessions
    ratio = lambda value, base: "n/a" if value is None or not base else f"{value / base:.2f}x"  # noqa: E731
    lines = [
        f"### Server time per page: {n} raw websocket clients at once, one process (study data)",
        "",
        f"One session: median of {args.crowd_singles} sessions one after another. Crowd: {args.crowd_rounds} "
        f"round(s) of {n} sessions opened together and held open; time from opening the websocket to the "
        f"server's script-finished message. Bare page measured right before each page (paired). Load average "
        f"{loads[0]:.1f} at the start of this phase, {loads[1]:.1f} at its end.",
        "",
        f"| page | one session | vs bare | {n} at once p50 | vs bare | {n} at once p95 | vs bare | errors "
        "| bare: one / p50 / p95 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, (bare, app, _) in results.items():
        errors = f"{len(app.errors)} of {n * args.crowd_rounds}"
        if app.errors:
            errors += " (" + "; ".join(sorted(set(app.errors))) + ")"
        lines.append(
            f"| {name} | {fmt(app.single)} | {ratio(app.single, bare.single)} | {fmt(app.p50)} "
            f"| {ratio(app.p50, bare.p50)} | {fmt(app.p95)} | {ratio(app.p95, bare.p95)} | {errors} "
            f"| {fmt(bare.single)} / {fmt(bare.p50)} / {fmt(bare.p95)} |"
        )
    lines.append("")
    if any(proxy is not None for _, _, proxy in results.values()):
        lines += [
            f"### {n} at once through HAProxy and {args.replicas} replicas (scripts/serve.sh) against one process",
            "",
            f"| page | one process p95 | {args.replicas} replicas p50 | {args.replicas} replicas p95 | ratio "
            f"| target ≤{TARGET_REPLICAS}x | sessions per replica | errors | one session via the proxy |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, (_, app, proxy) in results.items():
            value = proxy.p95 / app.p95 if proxy.p95 and app.p95 else None
            verdict = "n/a" if value is None else ("met" if value <= TARGET_REPLICAS else "**missed**")
            spread = ", ".join(f"{replica} {count}" for replica, count in sorted(proxy.replicas.items()))
            lines.append(
                f"| {name} | {fmt(app.p95)} | {fmt(proxy.p50)} | {fmt(proxy.p95)} | {ratio(proxy.p95, app.p95)} "
                f"| {verdict} | {spread} | {len(proxy.errors)} | {fmt(proxy.single)} |"
            )
        lines.append("")
    lines.append(
        "Server memory after the crowds (RSS, process and children): "
        + "; ".join(f"{name} {rss / 2**20:.0f} MiB" for name, rss in memory.items())
        + "."
    )
    lines.append("")
    for name, (samples, ours, own) in profiles.items():
        lines += [
            f"#### Profile of `{name}` under {n} sessions ({samples} samples of the thread holding the GIL)",
            "",
            "| this app's functions (inclusive) | share | | innermost Python function (self) | share |",
            "|---|---|---|---|---|",
        ]
        for index in range(max(len(ours), len(own))):
            cells = []
            for ranked in (ours, own):
                label, share = ranked[index] if index < len(ranked) else ("", None)
                cells += [f"`{label}`" if label else "", "" if share is None else f"{share:.0%}"]
            lines.append(f"| {cells[0]} | {cells[1]} | | {cells[2]} | {cells[3]} |")
        lines.append("")
    return lines


# ---------------------------------------------------------------------------------------------
# Report


def fmt(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds:.2f} s"


def ratio_cell(value: float | None, base: float | None, target: float) -> tuple[str, str]:
    if value is None or not base:
        return "n/a", "n/a"
    ratio = value / base
    return f"{ratio:.2f}x", ("met" if ratio <= target else "**missed**")


def machine_lines() -> list[str]:
    cpu = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for module in ("streamlit", "plotly", "pandas", "networkx", "playwright", "psutil"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[module] = version(module)
    chromium = "unknown"
    with contextlib.suppress(Exception):
        chromium = subprocess.run(
            [chromium_path(), "--version"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.strip()
    memory = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores (nproc), load average at start {load[0]:.2f}",
        f"- Memory: {memory:.1f} GiB",
        f"- OS: {platform.platform()}; Python {platform.python_version()}",
        "- " + ", ".join(f"{name} {value}" for name, value in versions.items()),
        f"- Browser: {chromium} (headless, driven by Playwright)",
    ]


def page_table(title: str, results: dict[str, PageResult], study: dict[str, PageResult] | None) -> list[str]:
    """One row per page; `study` is given for synthetic data, to compare with the same page on the study."""
    target = TARGET_PAGE if study is None else TARGET_DATA
    columns = ["page", "cold first load", "median load", "bare page (paired)", "ratio", f"target ≤{target}x"]
    if study is not None:
        columns.append("vs study data")
    columns += ["rerun widget", "median rerun", "of which script", "bare rerun (paired)", "ratio"]
    if study is None:
        columns.append(f"target ≤{TARGET_RERUN}x")
    columns.append("notes")
    lines = [f"### {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for name, result in results.items():
        load_ratio, load_ok = ratio_cell(result.load, result.bare_load, target)
        rerun_ratio, rerun_ok = ratio_cell(result.rerun, result.bare_rerun, TARGET_RERUN)
        cells = [name, fmt(result.cold), fmt(result.load), fmt(result.bare_load), load_ratio, load_ok]
        if study is not None:
            base = study.get(name)
            cells.append(ratio_cell(result.load, base.load if base else None, float("inf"))[0])
        cells += [result.rerun_kind, fmt(result.rerun), fmt(result.rerun_script), fmt(result.bare_rerun), rerun_ratio]
        if study is None:
            cells.append(rerun_ok)
        cells.append("; ".join(result.notes))
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def load_table(result: LoadResult) -> list[str]:
    per_session = (result.rss_after - result.rss_before) / result.sessions / 2**20
    errors = len(result.errors)
    kinds = sorted(set(result.errors))
    lines = [
        f"### {result.sessions} concurrent sessions on `{result.page}` (study data, arriving over {result.ramp:.0f} s, "
        "all held open)",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| errors | {errors} of {result.sessions}{' (' + '; '.join(kinds) + ')' if kinds else ''} "
        f"| {TARGET_ERRORS} ({'met' if errors <= TARGET_ERRORS else '**missed**'}) |",
        f"| p50 navigation to rendered | {fmt(result.percentile(0.5))} | |",
        f"| p95 navigation to rendered | {fmt(result.percentile(0.95))} | |",
        f"| all sessions rendered after | {result.wall:.1f} s | |",
        f"| server RSS before / after | {result.rss_before / 2**20:.0f} MiB / {result.rss_after / 2**20:.0f} MiB | |",
        f"| server memory per session | {max(per_session, 0.0):.1f} MiB | |",
    ]
    return [*lines, ""]


# ---------------------------------------------------------------------------------------------
# Main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 runs, 10x data skipped, 10 sessions")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per page on the study data (default 5)")
    parser.add_argument("--data-runs", type=int, default=None, help="timed runs per page on synthetic data (default 3)")
    parser.add_argument("--scales", type=int, nargs="*", default=None, help="synthetic scales (default 10 100)")
    parser.add_argument("--sessions", type=int, default=None, help="concurrent sessions (default 30)")
    parser.add_argument("--busy-page", default=None, help="page name for the load test (default: slowest page)")
    parser.add_argument("--pages", nargs="*", default=None, help=f"page names to time (default all: {' '.join(PAGES)})")
    parser.add_argument("--load-budget", type=float, default=180.0, help="seconds allowed for all sessions to render")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the sessions arrive (default 10)")
    crowd_group = parser.add_argument_group("crowd (raw websocket clients, server time only)")
    crowd_group.add_argument("--crowd-only", action="store_true", help="skip the browser phases, run the crowd only")
    crowd_group.add_argument("--no-crowd", action="store_true", help="skip the crowd, run the browser phases only")
    crowd_group.add_argument("--crowd-sessions", type=int, default=30, help="clients at once (default 30)")
    crowd_group.add_argument("--crowd-singles", type=int, default=None, help="single sessions per page (default 3)")
    crowd_group.add_argument("--crowd-rounds", type=int, default=1, help="crowds per page and server (default 1)")
    crowd_group.add_argument("--crowd-timeout", type=float, default=120.0, help="seconds one session may take")
    crowd_group.add_argument("--replicas", type=int, default=2, help="replicas behind HAProxy for the crowd (0: none)")
    crowd_group.add_argument("--profile", default=None, help="folder for py-spy profiles of one process per page")
    args = parser.parse_args(argv)
    if args.crowd_only and args.no_crowd:
        parser.error("--crowd-only and --no-crowd leave nothing to run")
    if not 1 <= args.crowd_sessions <= 100 or not 1 <= args.crowd_rounds <= 5 or not 0 <= args.replicas <= 8:
        parser.error("bounds: 1-100 crowd sessions, 1-5 crowd rounds, 0-8 replicas")
    args.crowd_singles = args.crowd_singles or (2 if args.quick else 3)
    args.runs = args.runs or (2 if args.quick else 5)
    args.data_runs = args.data_runs or (2 if args.quick else 3)
    args.scales = args.scales if args.scales is not None else ([100] if args.quick else [10, 100])
    args.sessions = args.sessions or (10 if args.quick else 30)
    unknown = set(args.pages or ()) - set(PAGES)
    if unknown:
        parser.error(f"unknown page(s): {', '.join(sorted(unknown))}")
    return args


def run_browser(args: argparse.Namespace, pages: dict[str, str], servers: list[Server]) -> list[str]:
    """The browser phases: page loads and reruns in Chromium, synthetic data, concurrent browser sessions."""
    report: list[str] = []
    with tempfile.TemporaryDirectory(prefix="explorer-bench-") as temp:
        print("Starting servers…", file=sys.stderr, flush=True)
        bare_server = start_server("bare", REPO / "scripts" / "bare_app.py")
        servers.append(bare_server)
        app_server = start_server("study", REPO / "app.py")
        servers.append(app_server)
        data_servers = []
        for scale in args.scales:
            data_servers.append(start_server(f"{scale}x data", REPO / "app.py", write_synthetic(scale, Path(temp))))
            servers.append(data_servers[-1])

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            runs_seen = ScriptRuns(page)
            bare = BareTab(context.new_page(), bare_server.url)
            bare.load()  # the bare server's own first visit, not counted
            study = measure_server(page, runs_seen, bare, app_server, pages, args.runs)
            by_scale = {}
            for scale, server in zip(args.scales, data_servers, strict=True):
                by_scale[scale] = measure_server(page, runs_seen, bare, server, pages, args.data_runs)
                server.stop()  # free memory and CPU for the load test
            context.close()
            browser.close()

        report += page_table(f"Pages on the study data (median of {args.runs} runs)", study, None)
        for scale, results in by_scale.items():
            report += page_table(
                f"Pages on synthetic data {scale}x the study (median of {args.data_runs} runs)",
                results,
                study,
            )

        timed = {name: result.load for name, result in study.items() if result.load is not None}
        busy = args.busy_page or (max(timed, key=timed.get) if timed else "home")
        print(f"Load test: {args.sessions} sessions on {busy}…", file=sys.stderr, flush=True)
        load_server = start_server("load", REPO / "app.py")  # fresh server: memory is not muddled by the above
        servers.append(load_server)
        for server in servers[:2]:
            server.stop()
        report += load_table(load_test(load_server, busy, PAGES[busy], args.sessions, args.load_budget, args.ramp))
    for server in servers:
        server.stop()  # the crowd starts its own servers
    servers.clear()
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A SIGTERM (e.g. from `timeout`) unwinds through the `finally` below, which stops every server started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    pages = {name: PAGES[name] for name in (args.pages or PAGES)}
    began = time.perf_counter()
    report = ["## Machine", "", *machine_lines(), ""]
    servers: list[Server] = []
    try:
        if not args.crowd_only:
            report += run_browser(args, pages, servers)
        if not args.no_crowd:
            report += run_crowd(args, pages, servers)
    finally:
        for server in servers:
            with contextlib.suppress(Exception):
                if server.process.poll() is None:
                    server.stop()
    report.append(f"Benchmark finished in {time.perf_counter() - began:.0f} s.")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
