"""One real `streamlit run` server and one headless Chromium for all browser tests.

Chromium is Debian's package, driven by Playwright through `executable_path` (a Playwright
browser download cannot work on this network). Tests wait for the app's own "script finished"
state, never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Debian's chromium is not installed: run `bash scripts/test.sh`, which installs it.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(script: Path, port: int, extra_args: tuple[str, ...] = ()) -> subprocess.Popen:
    """Start `streamlit run` and block until /_stcore/health answers."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *extra_args,
    ]
    process = subprocess.Popen(command, cwd=script.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


@pytest.fixture(scope="session")
def app_url():
    port = free_port()
    process = start_streamlit(REPO / "app.py", port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until the script has finished, the connection is live and nothing is stale or loading."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app) return false;
            // 'initial' means the first run has not started yet: not done, however quiet the page looks.
            if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
            if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
            if (document.querySelector('[data-testid="stSkeleton"]')) return false;
            if (document.querySelector('[data-stale="true"]')) return false;
            for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
                if (!chart.querySelector('.main-svg')) return false;
            }
            return document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]') !== null;
        }""",
        timeout=timeout,
    )


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def rerun_after(page: Page, action) -> None:
    """Do something that reruns the script, see the run start (when it is slow enough to see), then finish."""
    action()
    # A quick rerun may finish before it can be seen running.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=1_500)
    wait_for_app(page)


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
