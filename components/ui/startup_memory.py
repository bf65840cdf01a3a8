"""The objects a server process holds for good, set aside from Python's garbage collector once.

A full collection (Python's generation 2) walks every object the process tracks. Once the app's modules and
the bundled study are loaded that is about 210,000 objects, and one walk holds the interpreter lock for about
110 ms (measured on this machine): a pause for every session on the process whenever it comes, e.g. in the
middle of a room's 30 phones joining at once. Streamlit's own collection after each run is off already
(.streamlit/config.toml `postScriptGC`). `gc.freeze()` moves every object tracked at that moment into a
generation the collector never walks: modules, the study, the caches. Objects made later are collected as
before; frozen ones are still freed when their last reference goes (only a frozen reference cycle would be
kept). It runs once per process, after one collection, at the end of the first run (by then that run's page
and the study are loaded).
"""

from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def freeze_what_is_loaded() -> int:
    """Collect once, then freeze every object tracked; returns how many were frozen. Once per process."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
