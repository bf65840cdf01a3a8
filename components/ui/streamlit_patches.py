"""Wrapping one method of the pinned Streamlit, once per process, and only on that Streamlit.

The app works around two Streamlit 1.67 races by wrapping one of its methods each (components/ui/downloads.py,
components/ui/fragment_runs.py; their docstrings say why). Each wrapper was written against that version's
internals, so `wrap_pinned` checks the version first and leaves any other Streamlit as it is; and app.py calls
the patches on every script run, so a method already wrapped is not wrapped again (wrappers would nest).
tests/components/ui/test_streamlit_patches.py tests both patches this way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit

# The Streamlit the wrapped methods were read against: requirements.txt pins it (streamlit==1.67.0). When the
# pin moves, read each wrapped method again before changing this.
STREAMLIT_VERSION = "1.67.0"


def wrap_pinned(owner_class: type, method_name: str, make_wrapper: Callable[[Callable], Callable], marker: str) -> bool:
    """Replace `owner_class.method_name` with `make_wrapper(method)`, marked with the attribute `marker`; True if
    it is wrapped (now or already), False if this Streamlit is not the pinned one (nothing is changed)."""
    method = getattr(owner_class, method_name)
    if getattr(method, marker, False):
        return True
    if streamlit.__version__ != STREAMLIT_VERSION:
        return False
    # The wrapper takes the method's name and docstring, and `__wrapped__` leads back to Streamlit's own.
    wrapper = functools.update_wrapper(make_wrapper(method), method)
    setattr(wrapper, marker, True)
    setattr(owner_class, method_name, wrapper)
    return True
