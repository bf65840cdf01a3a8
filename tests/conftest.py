"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.seeds import seed_paths


@pytest.fixture(scope="session")
def seed_documents() -> list[Path]:
    """The five source documents (see tests/seeds.py for where they are looked for)."""
    return seed_paths()
