"""One real `streamlit run` server and one headless Chromium for all browser tests (server start and the
"app is ready" check are in tests/browser/server.py, which the benchmark shares).

Chromium is Debian's package, driven by Playwright through `executable_path` (a Playwright
browser download cannot work on this network). Tests wait for the app's own "script finished"
state, never a fixed sleep: every page counts, in the browser, the reruns it asks the server for and
the runs the server reports finished (`RUN_TRACKER`), so a wait can tell "this rerun is done" from
"the rerun has not started yet".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# Server start and readiness live in tests/browser/server.py, shared with the benchmark; the tests import
# them from here as before.
from tests.browser.server import (  # noqa: F401 (re-exported for the test modules)
    CHROMIUM_ARGS,
    REPO,
    chromium_path,
    free_port,
    served_app,
    start_streamlit,
    wait_for_app,
)

ARTIFACTS = REPO / "test-output" / "screenshots"


def _field_number(message: type, name: str) -> int:
    return message.DESCRIPTOR.fields_by_name[name].number


# Runs in every page before Streamlit's own code. Streamlit talks to its server over one WebSocket of
# protobuf messages: the browser sends BackMsg.rerun_script to ask for a run, and the server sends
# ForwardMsg.new_session when a run starts and ForwardMsg.script_finished (with a status) when it ends.
# Only the top-level field numbers are read, so no protobuf library is needed in the page.
#   requests: rerun requests sent so far;
#   settled:  the most requests any finished run had seen sent before it started (a run started after
#             request n was sent includes that request's widget values), once the browser has drawn it;
#   finished: runs finished and drawn, not counting runs cut short for a rerun.
RUN_TRACKER = """(() => {
    if (window.__stRuns) return;
    const {NEW_SESSION, SCRIPT_FINISHED, FINISHED_EARLY_FOR_RERUN, RERUN_SCRIPT} = PROTOCOL_NUMBERS;
    const runs = {document: Math.random().toString(36).slice(2), requests: 0, settled: 0, finished: 0};
    let startedAfter = 0;
    window.__stRuns = runs;

    function topLevelFields(bytes) {
        const fields = [];
        let at = 0;
        const varint = () => {
            let value = 0, scale = 1, byte;
            do {
                byte = bytes[at++];
                value += (byte & 0x7f) * scale;
                scale *= 128;
            } while (byte & 0x80 && at < bytes.length);
            return value;
        };
        while (at < bytes.length) {
            const key = varint(), field = Math.floor(key / 8), wire = key % 8;
            if (wire === 0) fields.push([field, varint()]);
            else if (wire === 1) at += 8;
            else if (wire === 2) { const length = varint(); at += length; fields.push([field, null]); }
            else if (wire === 5) at += 4;
            else break;
        }
        return fields;
    }

    function asBytes(data) {
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        return null;
    }

    // Two animation frames after the message: the app has handled it and drawn the result.
    const afterPaint = (then) => requestAnimationFrame(() => requestAnimationFrame(then));

    const NativeWebSocket = window.WebSocket;
    class TrackedWebSocket extends NativeWebSocket {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', (event) => {
                const bytes = asBytes(event.data);
                if (!bytes) return;
                for (const [field, value] of topLevelFields(bytes)) {
                    if (field === NEW_SESSION) startedAfter = runs.requests;
                    if (field === SCRIPT_FINISHED && value !== FINISHED_EARLY_FOR_RERUN) {
                        const covered = startedAfter;
                        afterPaint(() => {
                            runs.settled = Math.max(runs.settled, covered);
                            runs.finished += 1;
                        });
                    }
                }
            });
        }
        send(data) {
            const bytes = asBytes(data);
            if (bytes && topLevelFields(bytes).some(([field]) => field === RERUN_SCRIPT)) runs.requests += 1;
            return super.send(data);
        }
    }
    window.WebSocket = TrackedWebSocket;
})();""".replace(
    "PROTOCOL_NUMBERS",
    json.dumps(
        {
            "NEW_SESSION": _field_number(ForwardMsg, "new_session"),
            "SCRIPT_FINISHED": _field_number(ForwardMsg, "script_finished"),
            "FINISHED_EARLY_FOR_RERUN": ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN"),
            "RERUN_SCRIPT": _field_number(BackMsg, "rerun_script"),
        }
    ),
)


def track_runs(context: BrowserContext) -> BrowserContext:
    """Count reruns in every page this context opens (see RUN_TRACKER). Every test page needs it."""
    context.add_init_script(RUN_TRACKER)
    return context


@pytest.fixture(scope="session")
def app_url():
    with served_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser):
    context = track_runs(browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True))
    page = context.new_page()
    yield page
    context.close()


def _runs(page: Page) -> dict:
    runs = page.evaluate("() => window.__stRuns && {...window.__stRuns}")
    if runs is None:
        raise RuntimeError("This page does not count its reruns: open it in a context passed to track_runs().")
    return runs


def open_page(page: Page, url: str, timeout: float = 30_000) -> None:
    """Open a URL and wait for its first complete run (a deep link's rerouting run does not count)."""
    page.goto(url)
    _runs(page)
    page.wait_for_function("() => window.__stRuns.finished > 0", timeout=timeout)
    wait_for_app(page, timeout)


def rerun_after(page: Page, action, timeout: float = 30_000) -> None:
    """Do something that reruns the script, then wait for a run that includes it to finish and be drawn.

    "Includes it": the run started after the browser sent this rerun request, so it has this action's
    widget values. A run already going, or one a previous step set off, does not count, however quiet the
    page looks meanwhile. An action that opens another document (a plain link) counts that page's first run.
    """
    before = _runs(page)
    action()
    try:
        page.wait_for_function(
            "(before) => { const runs = window.__stRuns;"
            " return !!runs && (runs.document !== before.document || runs.requests > before.requests); }",
            arg=before,
            timeout=timeout,
        )
    except PlaywrightTimeout as error:
        raise AssertionError("The action did not ask the app to rerun: do it without rerun_after.") from error
    page.wait_for_function(
        "(before) => { const runs = window.__stRuns; if (!runs) return false;"
        " return runs.document !== before.document ? runs.finished > 0 : runs.settled > before.requests; }",
        arg=before,
        timeout=timeout,
    )
    wait_for_app(page, timeout)


def assert_no_exception(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page scrolls sideways (0 means nothing is cut off to the right).

    Streamlit scrolls inside its main area, not the document, so both are measured.
    """
    return page.evaluate(
        """() => Math.max(
            document.documentElement.scrollWidth - document.documentElement.clientWidth,
            ...Array.from(document.querySelectorAll('[data-testid="stMain"]'), el => el.scrollWidth - el.clientWidth)
        )"""
    )


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
