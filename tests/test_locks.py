"""The lock files install what the short lists pin, and pin every package with hashes (scripts/lock.sh)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))

from check_locks import LOCKS, pins, stale  # noqa: E402 (scripts/ on the path)


@pytest.mark.parametrize(("short_list", "lock"), LOCKS.items())
def test_every_pin_of_the_short_list_is_in_its_lock(short_list: str, lock: str):
    assert stale(short_list, lock) == []


@pytest.mark.parametrize("lock", LOCKS.values())
def test_every_locked_package_is_pinned_with_a_hash(lock: str):
    # A requirement starts at column 0; its hashes follow on continuation lines until the next requirement.
    entries = re.split(r"\n(?=[a-z0-9])", (REPO / lock).read_text(encoding="utf-8"))
    requirements = [entry for entry in entries if re.match(r"[a-z0-9][a-z0-9._-]*==", entry)]
    assert len(requirements) >= len(pins(REPO / lock)) > 10
    for entry in requirements:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_dev_lock_has_the_app_locks_versions():
    app, dev = pins(REPO / "requirements.lock"), pins(REPO / "requirements-dev.lock")
    assert {name: dev.get(name) for name in app} == app
