"""Fixtures shared by the planner's tests (test_planner.py, test_plan_files.py, test_plan_documents.py)."""

from __future__ import annotations

import pytest

from components.data.load import load_dataset_dir


@pytest.fixture(scope="module")
def study():
    """The bundled study, loaded once per test module (the tests only read it)."""
    return load_dataset_dir()
