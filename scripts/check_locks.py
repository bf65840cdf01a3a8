"""Offline check that each lock still pins what its short list pins (run by scripts/test.sh before it installs).

A pin added to requirements.txt or requirements-dev.txt without running scripts/lock.sh would otherwise be
missing from the install, or installed at the old version, with no word why. This only compares the `==` pins
(no network, no resolver); `bash scripts/lock.sh --check` is the full check.

    python3 scripts/check_locks.py      # status 1 and one line per stale pin
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#\\]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """name -> version for every `name==version` line, following `-r other.txt` includes."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith(("-r ", "--requirement ")):
            found |= pins(path.parent / line.split(maxsplit=1)[1])
        elif match := PIN.match(line):
            found[normalise(match.group(1))] = match.group(2)
    return found


def stale(short_list: str, lock: str) -> list[str]:
    lock_path = REPO / lock
    if not lock_path.exists():
        return [f"{lock} is missing: run bash scripts/lock.sh"]
    locked = pins(lock_path)
    return [
        f"{short_list} pins {name}=={version}, {lock} has {locked.get(name, 'no such package')}: "
        "run bash scripts/lock.sh"
        for name, version in pins(REPO / short_list).items()
        if locked.get(name) != version
    ]


def main() -> int:
    problems = [problem for short_list, lock in LOCKS.items() for problem in stale(short_list, lock)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
