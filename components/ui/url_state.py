"""Widget state that lives in the URL, so a shared link reopens the same view.

Streamlit resets a widget whose default changes between runs, so the URL seeds the widget's
session-state key once (when the key is absent) and the widget owns its value from then on;
`write_url` puts the current values back. Values from a link are checked against the options
first: an unknown value is dropped and named in a quiet notice, never passed to a widget.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components.shared.text import escape_markdown


def seed_multi(key: str, param: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
    """Seed a multiselect's state from a repeated URL parameter. Returns the values that were dropped."""
    if key in st.session_state:
        st.session_state[key] = [value for value in st.session_state[key] if value in options]
        return []
    requested = st.query_params.get_all(param)
    kept = [value for value in requested if value in options]
    dropped = [value for value in requested if value not in options]
    st.session_state[key] = kept if requested else [value for value in default if value in options]
    return dropped


def seed_single(key: str, param: str, options: Sequence[str], default: str | None) -> list[str]:
    """Seed a selectbox/radio's state from a URL parameter. Returns the value dropped, if any."""
    if key in st.session_state:
        if st.session_state[key] not in options:
            st.session_state[key] = default if default in options else None
        return []
    requested = st.query_params.get(param)
    if requested is not None and requested in options:
        st.session_state[key] = requested
        return []
    st.session_state[key] = default if default in options else None
    return [requested] if requested is not None else []


def seed_text(key: str, param: str, max_chars: int = 200) -> None:
    """Seed a text input from the URL, cut to a sane length."""
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(param) or "")[:max_chars]


def seed_flag(key: str, param: str, default: bool = False) -> None:
    """Seed a checkbox or toggle from a URL parameter written as 1 or 0."""
    if key not in st.session_state:
        value = st.query_params.get(param)
        st.session_state[key] = default if value not in ("0", "1") else value == "1"


def write_url(values: dict[str, object]) -> None:
    """Put the current view into the URL; empty values are removed so links stay short."""
    for param, value in values.items():
        if isinstance(value, bool):
            value = "1" if value else "0"
        if value in (None, "", []):
            if param in st.query_params:
                del st.query_params[param]
        elif isinstance(value, (list, tuple)):
            if st.query_params.get_all(param) != list(value):
                st.query_params[param] = list(value)
        elif st.query_params.get(param) != str(value):
            st.query_params[param] = str(value)


def notice_dropped(dropped: dict[str, list[str]]) -> None:
    """A quiet line naming link values that were not recognised and so were ignored."""
    parts = [
        f"{escape_markdown(label)}: {', '.join(escape_markdown(value) for value in values)}"
        for label, values in dropped.items()
        if values
    ]
    if parts:
        st.caption("Some values in this link were not recognised and were ignored — " + "; ".join(parts))
