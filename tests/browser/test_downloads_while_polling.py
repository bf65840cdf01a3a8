"""A file built when its download button is clicked reaches the browser while other windows poll the server.

Streamlit 1.67 alone loses such a file after two script runs end anywhere on the server (half the downloads
failed with three windows polling five times a second when this test was written); components/ui/downloads.py
keeps it for the session that built it. The live room and the presenter window poll like this in every session.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from tests.browser.server import served_app, wait_for_app

APP = Path(__file__).with_name("apps") / "download_while_polling.py"
POLLING_WINDOWS = 2
DOWNLOADS = 12


@pytest.fixture(scope="module")
def polling_app_url():
    with served_app(APP) as url:
        yield url


def test_every_download_arrives_while_other_windows_poll(browser: Browser, polling_app_url: str) -> None:
    context = browser.new_context(accept_downloads=True)
    try:
        for _ in range(POLLING_WINDOWS):
            context.new_page().goto(polling_app_url)
        page = context.new_page()
        page.goto(polling_app_url)
        wait_for_app(page)
        button = page.get_by_role("button", name="Build and download")
        failures = []
        for attempt in range(DOWNLOADS):
            with page.expect_download() as download:
                button.click()
            try:
                text = Path(download.value.path()).read_text(encoding="utf-8")
            except PlaywrightError as error:
                failures.append(f"download {attempt + 1}: {error.message}")
                continue
            assert text.startswith("answer,count\nbuilt,"), text[:40]
        assert not failures, failures
    finally:
        context.close()
