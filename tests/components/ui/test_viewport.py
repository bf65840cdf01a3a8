"""The first guess at a phone before the browser reports its width (components/ui/viewport.py)."""

from __future__ import annotations

import pytest

from components.ui.viewport import phone_from_headers

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36"
IPAD = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Safari/605.1.15"
)


@pytest.mark.parametrize(
    ("headers", "phone"),
    [
        ({"User-Agent": IPHONE}, True),
        ({"user-agent": ANDROID}, True),
        ({"User-Agent": DESKTOP, "Sec-CH-UA-Mobile": "?1"}, True),
        ({"User-Agent": DESKTOP, "Sec-CH-UA-Mobile": "?0"}, False),
        ({"User-Agent": IPAD}, False),  # a tablet asks for the desktop page, and gets the wide layout first
        ({}, False),  # no request (AppTest, a bare run): the wide layout, as before
    ],
)
def test_a_phones_request_is_guessed_phone_narrow(headers, phone):
    assert phone_from_headers(headers) is phone
