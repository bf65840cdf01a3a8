"""Views computed once: a graph, figure, deck or table built from a dataset by a plain function, kept for reuse.

A view is keyed by (dataset fingerprint, view name, parameters); the dataset itself is never hashed (Streamlit
hashing a Dataset deep-copied it, 17-27 ms a call). Where a view is kept depends on whose data it is:
- the server's own dataset (`dataset.is_bundled`): one process-wide store (st.cache_resource) that every
  session reads, so thirty sessions build a view once;
- an uploaded dataset: that browser session's st.session_state only, so no server-wide cache keeps uploaded
  content after its session ends.

Features declare each view once with `cached_view(build)` in their drawing module; `view` is what it calls.

Views are shared, never copied: a caller must not change what `view` returns. Copy it first (figures are
copied by components.ui.frame.chart; DataFrames with `.copy()`).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from components.data.model import Dataset
from components.shared.session_keys import VIEW_CACHE

T = TypeVar("T")

# Bounds keep a store's memory flat however many filter, focus and search combinations are visited; a
# session's bound is smaller, as every session with an upload holds its own.
SHARED_MAX_ENTRIES = 256
SESSION_MAX_ENTRIES = 32

# For any st.cache_data/st.cache_resource that still takes a Dataset: hash it by its fingerprint, not its frames.
DATASET_HASH_FUNCS = {Dataset: lambda dataset: dataset.fingerprint}


class ViewStore:
    """A bounded dict, least recently used out first. Thread-safe: sessions run in threads of one process."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def get_or_build(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        # Built outside the lock: a slow view must not stall other sessions' reads. Two sessions missing the
        # same key at once both build it; the results are equal, and the later one is kept.
        value = build()
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value


@st.cache_resource(show_spinner=False)
def shared_views() -> ViewStore:
    """Views of the server's own dataset, shared read-only by every session of this process."""
    return ViewStore(SHARED_MAX_ENTRIES)


def session_views() -> ViewStore:
    """Views of this session's uploaded dataset: gone with the session."""
    store = st.session_state.get(VIEW_CACHE)
    if store is None:
        store = ViewStore(SESSION_MAX_ENTRIES)
        st.session_state[VIEW_CACHE] = store
    return store


def view_key(dataset: Dataset, name: str, params: tuple) -> tuple:
    # A published study's views are kept apart from an upload or bundled folder with the same bytes: its
    # wording (whose data it is) differs.
    return (
        (dataset.fingerprint, name, params)
        if not dataset.published
        else (dataset.fingerprint, "published", name, params)
    )


def view(dataset: Dataset, name: str, build: Callable[..., T], *params: Hashable, spinner: str | None = None) -> T:
    """`build(dataset, *params)`, computed once per (dataset, name, params) and shared as the module says.

    `name` names the view (one name per builder); `params` must be hashable and say everything the view
    depends on besides the dataset. `spinner`, if given, is shown while the view is built.
    """
    # A published study (components/ui/published.py) is shared too: everyone with its link reads the same bytes.
    store = shared_views() if dataset.is_bundled or dataset.published else session_views()

    def built() -> T:
        if spinner:
            with st.spinner(spinner):
                return build(dataset, *params)
        return build(dataset, *params)

    return store.get_or_build(view_key(dataset, name, params), built)


def cached_view(build: Callable[..., T], *, spinner: str | None = None) -> Callable[..., T]:
    """`build(dataset, *params)` declared once as a cached view: what a feature's drawing module wraps.

    The view's name is the function's own module and name, so no two views share a key by a typo, and a lambda
    or a nested function (whose name says nothing, and which may close over values the key does not hold) is
    refused. Each call is kept by (dataset fingerprint, that name, params) as `view` says.
    """
    name = f"{build.__module__}.{build.__qualname__}"
    if "<lambda>" in name or "<locals>" in name:
        raise ValueError(f"{name}: a cached view is a named module-level function of (dataset, *params)")

    @functools.wraps(build)
    def cached(dataset: Dataset, *params: Hashable) -> T:
        return view(dataset, name, build, *params, spinner=spinner)

    return cached
