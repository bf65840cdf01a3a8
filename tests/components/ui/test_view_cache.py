"""Views computed once: the bundled study's views shared by every session, an upload's kept in its session only."""

from __future__ import annotations

import dataclasses

import pytest
import streamlit as st

from components.data.load import load_dataset_dir
from components.shared.session_keys import VIEW_CACHE
from components.ui import view_cache


@pytest.fixture
def stores(monkeypatch):
    """A fresh process-wide store and one session's state, so tests never see each other's views."""
    shared = view_cache.ViewStore(view_cache.SHARED_MAX_ENTRIES)
    monkeypatch.setattr(view_cache, "shared_views", lambda: shared)
    session: dict = {}
    monkeypatch.setattr(st, "session_state", session)
    return shared, session


class Counter:
    """A builder that counts its calls and returns a new object each time."""

    def __init__(self):
        self.calls = 0

    def __call__(self, dataset, *params):
        self.calls += 1
        return {"name": dataset.name, "params": params}


def bundled():
    return dataclasses.replace(load_dataset_dir(), is_bundled=True)


def uploaded():
    return dataclasses.replace(load_dataset_dir(), is_bundled=False, name="my upload")


def test_bundled_view_is_built_once_and_shared_across_sessions(stores, monkeypatch):
    shared, first_session = stores
    build = Counter()
    first = view_cache.view(bundled(), "count", build, "a")
    # Another session: its own empty session state, and a freshly loaded copy of the same dataset.
    monkeypatch.setattr(st, "session_state", {})
    second = view_cache.view(bundled(), "count", build, "a")
    assert build.calls == 1
    assert second is first
    assert len(shared) == 1
    assert VIEW_CACHE not in first_session


def test_parameters_and_names_are_part_of_the_key(stores):
    build = Counter()
    dataset = bundled()
    view_cache.view(dataset, "count", build, "a")
    view_cache.view(dataset, "count", build, "b")
    view_cache.view(dataset, "other", build, "a")
    view_cache.view(dataset, "count", build, "a")
    assert build.calls == 3


def test_uploaded_view_lives_in_its_session_only(stores, monkeypatch):
    shared, session = stores
    build = Counter()
    dataset = uploaded()
    first = view_cache.view(dataset, "count", build, "a")
    assert view_cache.view(dataset, "count", build, "a") is first
    assert build.calls == 1
    assert len(shared) == 0
    assert view_cache.view_key(dataset, "count", ("a",)) in session[VIEW_CACHE]
    # A second session with the same upload builds its own: nothing of the first session's is shared.
    monkeypatch.setattr(st, "session_state", {})
    view_cache.view(dataset, "count", build, "a")
    assert build.calls == 2
    assert len(shared) == 0


def test_store_is_bounded_least_recently_used_out():
    store = view_cache.ViewStore(2)
    store.get_or_build("a", lambda: 1)
    store.get_or_build("b", lambda: 2)
    store.get_or_build("a", lambda: 99)  # a hit: "a" becomes the most recent
    store.get_or_build("c", lambda: 3)
    assert "a" in store
    assert "c" in store
    assert "b" not in store
    assert store.get_or_build("a", lambda: 99) == 1


def test_dataset_hash_funcs_hash_by_fingerprint():
    dataset = load_dataset_dir()
    (hash_dataset,) = view_cache.DATASET_HASH_FUNCS.values()
    assert hash_dataset(dataset) == dataset.fingerprint


CALLS: list[tuple] = []


def counted_view(dataset, *params):
    """A named module-level view builder that records its calls."""
    CALLS.append(params)
    return {"name": dataset.name, "params": params}


class TestCachedView:
    def test_a_declared_view_is_built_once_per_dataset_and_arguments(self, stores):
        CALLS.clear()
        cached = view_cache.cached_view(counted_view)
        dataset = bundled()
        first = cached(dataset, "a")
        assert cached(dataset, "a") is first
        cached(dataset, "b")
        assert CALLS == [("a",), ("b",)]

    def test_its_key_is_the_functions_own_name(self, stores):
        shared, _ = stores
        view_cache.cached_view(counted_view)(bundled(), "a")
        [(fingerprint, name, params)] = shared._entries
        assert fingerprint == bundled().fingerprint
        assert name == f"{__name__}.counted_view"
        assert params == ("a",)

    def test_an_upload_keeps_its_views_in_its_session(self, stores):
        shared, session = stores
        view_cache.cached_view(counted_view)(uploaded(), "a")
        assert len(shared) == 0
        assert len(session[VIEW_CACHE]) == 1

    def test_a_lambda_is_refused(self):
        with pytest.raises(ValueError, match="named module-level function"):
            view_cache.cached_view(lambda dataset: dataset.name)

    def test_a_nested_function_is_refused(self):
        def nested(dataset):
            return dataset.name

        with pytest.raises(ValueError, match="named module-level function"):
            view_cache.cached_view(nested)
