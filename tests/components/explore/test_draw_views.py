"""Explore's cached views (components/explore/draw.py): declared with `cached_view`, keyed by all they read."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
import streamlit as st

from components.data.load import load_dataset_dir
from components.explore import draw, search
from components.explore import view as explore
from components.ui import view_cache

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def shared(monkeypatch):
    """A fresh process-wide store and session state, so no other test's views are read."""
    store = view_cache.ViewStore(view_cache.SHARED_MAX_ENTRIES)
    monkeypatch.setattr(view_cache, "shared_views", lambda: store)
    monkeypatch.setattr(st, "session_state", {})
    return store


@pytest.fixture(scope="module")
def bundled():
    return dataclasses.replace(load_dataset_dir(), is_bundled=True)


def test_nothing_but_cached_view_calls_view_cache_view():
    callers = []
    for path in sorted([*(ROOT / "components").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "app.py"]):
        if path == ROOT / "components" / "ui" / "view_cache.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "view"
                and getattr(node.value, "id", "") == "view_cache"
            ):
                callers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert callers == []


def test_a_result_page_is_the_page_of_the_search_its_query_and_facets_name(shared, bundled):
    chosen = {"kind": [search.FINDING]}
    view = draw.search_view(bundled, "supervision", chosen)
    page = draw.result_page(bundled, view, 5)
    expected = explore.result_page(view.results, 5)
    assert [card["item_id"] for card in page.cards] == [card["item_id"] for card in expected.cards]
    assert page.total == expected.total == len(view.results)
    assert draw.result_page(bundled, view, 5) is page  # built once per search and limit

    other = draw.search_view(bundled, "trust", {})
    other_page = draw.result_page(bundled, other, 5)
    assert other_page.total == len(other.results)
    assert other_page is not page


def test_result_cards_are_the_result_pages_cards_with_their_markdown(shared, bundled):
    view = draw.search_view(bundled, "supervision", {})
    cards = draw.result_cards(bundled, view, 5)
    page = draw.result_page(bundled, view, 5)
    assert [card.item["item_id"] for card in cards] == [card["item_id"] for card in page.cards]
    assert all(card.markdown.startswith("---\n\n") for card in cards)
    assert all(card.item["matched_in"] for card in cards)  # where the words are, asked for the drawn cards
    assert draw.result_cards(bundled, view, 5) is cards


def test_an_item_view_is_built_from_the_item_its_id_names(shared, bundled):
    corpus = draw.corpus(bundled)
    item = search.find_item(corpus, "F028")
    built = draw.item_view(bundled, item)
    assert built == explore.build_item_view(corpus, bundled.link_index, item)
    assert draw.item_view(bundled, item) is built
