"""Whether the browser's window is phone-narrow, so a page can draw a chart laid out for it.

A plotly figure cannot reflow its labels and panels with CSS: a chart made for 1280 px and squeezed into a
390 px phone cuts its labels, so a page draws a phone layout of the figure instead. Only the browser knows its
width: this small browser-side piece reports it, once when the page opens and again only when the window
crosses the line (a phone turned on its side), which reruns the page. The first run on a phone draws the wide
layout and the next the phone one. The JavaScript is static: no data goes into it.
"""

from __future__ import annotations

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


def is_phone(key: str) -> bool:
    """True when the page's window is phone-narrow (known from the second run on); False until it is known.

    What the browser last said is kept for the session (VIEWPORT_PHONE), so the next page opened knows it at
    once; the browser speaks again only when it differs.
    """
    known = bool(st.session_state.get(VIEWPORT_PHONE, False))
    # Static CSS: the reporter draws nothing, and out of the page's flow it adds no gap above the chart
    # (which has to fit a 1280x720 projector whole on Compare).
    st.html(f"<style>.st-key-{key} {{ position: absolute; height: 0; overflow: hidden; }}</style>")
    result = _narrow_window(key=key, data={"maxWidth": PHONE_MAX_WIDTH, "known": known}, on_narrow_change=lambda: None)
    value = result.get("narrow") if hasattr(result, "get") else getattr(result, "narrow", None)
    phone = known if value is None else bool(value)
    st.session_state[VIEWPORT_PHONE] = phone
    return phone
