"""Where the real QDA exports are, for the tests that open each as its researcher coded it.

The files (NVivo, qualitative-coding, ATLAS.ti, Taguette exports; README.md and manifest.csv say where each
comes from and what the explorer should do with it) are not in the repository: they sit beside it in
`../shared/qda-corpus/`, or wherever EXPLORER_QDA_CORPUS_DIR points. Without them the tests are skipped with
one message naming the folder looked in, except under CI (CI=true), where a missing folder fails the run.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from tests.seeds import REPO, running_in_ci

CORPUS_VARIABLE = "EXPLORER_QDA_CORPUS_DIR"
DEFAULT_CORPUS_DIR = REPO.parent / "shared" / "qda-corpus"
MANIFEST = "manifest.csv"


def corpus_dir() -> Path:
    configured = os.environ.get(CORPUS_VARIABLE, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_CORPUS_DIR


def _missing(message: str) -> None:
    if running_in_ci():
        pytest.fail(message + " CI=true, so a missing corpus fails the run.", pytrace=False)
    pytest.skip(message)


def manifest() -> dict[str, dict[str, str]]:
    """file name -> its manifest row (expect: accept, reject or either; what: what it is)."""
    path = corpus_dir() / MANIFEST
    if not path.is_file():
        _missing(f"The QDA corpus tests need {MANIFEST} in {corpus_dir()}. Set {CORPUS_VARIABLE} to its folder.")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def corpus_file(name: str) -> Path:
    path = corpus_dir() / name
    if not path.is_file():
        _missing(f"The QDA corpus file {name} is not in {corpus_dir()}. Set {CORPUS_VARIABLE} to its folder.")
    return path
