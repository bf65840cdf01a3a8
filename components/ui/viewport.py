"""Whether the browser's window is phone-narrow, so a page can draw a chart laid out for it.

A plotly figure cannot reflow its labels and panels with CSS: a chart made for 1280 px and squeezed into a
390 px phone cuts its labels, so a page draws a phone layout of the figure instead. Only the browser knows its
width: this small browser-side piece reports it, once when the page opens and again only when the window
crosses the line (a phone turned on its side), which reruns the page. Before the browser has said, the first
run guesses from the request's headers (`phone_from_headers`: a phone's browser says "Mobi" in its User-Agent,
Chromium's Sec-CH-UA-Mobile is ?1), so a phone draws its own layout from the first run instead of the wide one
and then the stacked one; the browser's report corrects a wrong guess with one rerun, as before. The JavaScript
is static: no data goes into it.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from components.shared.session_keys import VIEWPORT_PHONE

# Phones (390-430 px) and small tablets in portrait; the wide layouts need about 520 px and more.
PHONE_MAX_WIDTH = 640

_NARROW_JS = """
export default function (component) {
    const { setStateValue, data } = component;
    let known = data.known;
    const report = () => {
        const narrow = window.innerWidth <= data.maxWidth;
        if (narrow !== known) {
            known = narrow;
            setStateValue('narrow', narrow);
        }
    };
    report();
    window.addEventListener('resize', report);
    return () => window.removeEventListener('resize', report);
}
"""

_narrow_window = st.components.v2.component("viewport_narrow", js=_NARROW_JS)


def phone_from_headers(headers: Mapping[str, str]) -> bool:
    """A first guess before the browser reports its width: a phone's browser, as its request says. "Mobi" in the
    User-Agent is what browsers on phones send (tablets do not); Chromium also sends Sec-CH-UA-Mobile: ?1."""
    lowered = {str(name).casefold(): str(value) for name, value in headers.items()}
    if lowered.get("sec-ch-ua-mobile", "").strip() == "?1":
        return True
    return "Mobi" in lowered.get("user-agent", "")


def _request_headers() -> Mapping[str, str]:
    try:
        return st.context.headers or {}
    except Exception:  # noqa: BLE001 - no request (a bare run, a test): no guess, the wide layout
        return {}


def is_phone(key: str) -> bool:
    """True when the page's window is phone-narrow: guessed from the request on the first run, known from the
    browser's report after it.

    What the browser last said is kept for the session (VIEWPORT_PHONE), so the next page opened knows it at
    once; the browser speaks again only when it differs.
    """
    if VIEWPORT_PHONE in st.session_state:
        known = bool(st.session_state[VIEWPORT_PHONE])
    else:
        known = phone_from_headers(_request_headers())
    # Static CSS: the reporter draws nothing, and out of the page's flow it adds no gap above the chart
    # (which has to fit a 1280x720 projector whole on Compare).
    st.html(f"<style>.st-key-{key} {{ position: absolute; height: 0; overflow: hidden; }}</style>")
    result = _narrow_window(key=key, data={"maxWidth": PHONE_MAX_WIDTH, "known": known}, on_narrow_change=lambda: None)
    value = result.get("narrow") if hasattr(result, "get") else getattr(result, "narrow", None)
    phone = known if value is None else bool(value)
    st.session_state[VIEWPORT_PHONE] = phone
    return phone
