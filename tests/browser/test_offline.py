"""The app works offline: loading every page makes the browser ask no host but the app's own server.

Chromium runs with background networking off (tests/browser/conftest.py), so any request to another
host comes from the page itself: a font, an icon, a script the app or Streamlit fetches from outside.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlparse

from playwright.sync_api import Browser, Request

from tests.browser.conftest import open_page, track_runs
from tests.browser.steps import PAGES


def is_outside(url: str) -> bool:
    """True for a request to a host that is not this machine (data: and blob: URLs never leave the page)."""
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
        return False
    host = parsed.hostname or ""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def test_loopback_check():
    assert is_outside("https://fonts.gstatic.com/s/i/short-term/release/x.svg")
    assert not is_outside("http://127.0.0.1:8501/static/js/main.js")
    assert not is_outside("http://localhost:8501/")
    assert not is_outside("data:image/png;base64,AAAA")


def test_no_page_asks_a_host_but_the_app(browser: Browser, app_url: str):
    assert not is_outside(app_url)
    context = track_runs(browser.new_context(viewport={"width": 1280, "height": 720}))
    requested: list[str] = []
    seen: list[str] = []

    def log(request: Request) -> None:
        seen.append(request.url)
        if is_outside(request.url):
            requested.append(f"{request.resource_type} {request.url}")

    context.on("request", log)
    try:
        page = context.new_page()
        for path in PAGES:
            open_page(page, f"{app_url}/{path}")
        # The page icon is the app's own file, and it was asked for.
        icons = page.evaluate("() => Array.from(document.querySelectorAll('link[rel~=icon]'), link => link.href)")
        assert icons
        assert not [icon for icon in icons if is_outside(icon)]
    finally:
        context.close()
    assert seen  # the log saw the app's own requests, so it was listening
    assert requested == []
