"""A real `streamlit run` server, Debian's Chromium, and when a page counts as ready: shared by the browser
tests (tests/browser/conftest.py) and the benchmark (scripts/benchmarking/), so both start servers the same
way and wait for the same "app is ready" state. Nothing here needs pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
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
HEALTH_TIMEOUT_S = 60

# The app is ready: its script has run and finished, the websocket is live, and nothing is still loading.
# The one definition of "ready" for the tests (wait_for_app) and the benchmark (sync and async tabs).
APP_READY_JS = """() => {
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
}"""


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until the script has finished, the connection is live and nothing is stale or loading."""
    page.wait_for_function(APP_READY_JS, timeout=timeout)


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Debian's chromium is not installed: run `bash scripts/test.sh`, which installs it.")


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
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
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
    raise RuntimeError(f"streamlit did not become healthy within {HEALTH_TIMEOUT_S} s")


def restart_streamlit(process: subprocess.Popen, port: int, windows: tuple[Page, ...]) -> subprocess.Popen:
    """Stop `process` (app.py on `port`), start app.py again on the same port, and reload `windows` until each
    shows the app again; returns the new process (the caller stops it)."""
    process.terminate()
    process.wait(timeout=30)
    process = start_streamlit(REPO / "app.py", port)
    for window in windows:
        window.reload()
        wait_for_app(window)
    return process


@contextmanager
def served_app(script: Path = REPO / "app.py") -> Iterator[str]:
    """A fresh `streamlit run <script>` (app.py unless told) on a free port, stopped on exit: yields its base URL."""
    port = free_port()
    process = start_streamlit(script, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
