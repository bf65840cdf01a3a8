"""Shared fixtures for the self-assessment tests: the bundled study and its statements."""

from __future__ import annotations

import pytest

from components.assessment import items
from components.data.load import load_dataset_dir


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def item_set(bundled):
    return items.build_items(bundled.findings, bundled.assessment_items)
