"""Where the source documents are, for the tests that audit every quote against them.

The five seed documents are the ground truth for each quote in data/. A clone of the repository does not
carry them: they sit beside it in `../shared/seeds/`, or wherever EXPLORER_SEEDS_DIR points. Without them
the audit is skipped with one message naming the folder looked in, except under CI (CI=true), where a
missing folder fails the run, so CI always audits.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS_VARIABLE = "EXPLORER_SEEDS_DIR"
DEFAULT_SEEDS_DIR = REPO.parent / "shared" / "seeds"
SEED_PATTERN = "0*.txt"
SEED_COUNT = 5


def seeds_dir() -> Path:
    """The folder the tests look in: EXPLORER_SEEDS_DIR when set, else ../shared/seeds beside the repository."""
    configured = os.environ.get(SEEDS_VARIABLE, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_SEEDS_DIR


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def seed_paths() -> list[Path]:
    """The seed documents, in file order; skips (or, under CI, fails) the calling test when they are absent."""
    folder = seeds_dir()
    paths = sorted(folder.glob(SEED_PATTERN)) if folder.is_dir() else []
    if len(paths) == SEED_COUNT:
        return paths
    message = (
        f"Source audit needs the {SEED_COUNT} seed documents ({SEED_PATTERN}) in {folder}, found {len(paths)}. "
        f"Set {SEEDS_VARIABLE} to the folder that holds them."
    )
    if running_in_ci():
        pytest.fail(message + " CI=true, so a missing folder fails the run.", pytrace=False)
    pytest.skip(message)
