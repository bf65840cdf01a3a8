"""The bundled study and its deck, built once per test module."""

from __future__ import annotations

import pytest

from components.data.load import load_dataset_dir
from components.data.model import Dataset
from components.present.deck import build_deck


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset_dir()


@pytest.fixture(scope="module")
def deck(bundled):
    return build_deck(bundled)
