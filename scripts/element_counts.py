"""How many elements each page sends on its first view, by kind (AppTest, the bundled study).

Every element costs the server work in every session (docs/performance.md), so this count is the first
thing to look at when a page is slow under a crowd. Not a test: it prints and asserts nothing.

    .venv/bin/python scripts/element_counts.py              # every page
    .venv/bin/python scripts/element_counts.py about home   # pages whose file name contains these
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.pages.apptest import PAGES, open_app_page  # noqa: E402  (the repo root is on the path first)


def element_kinds(node: object, counts: Counter) -> Counter:
    """Count this node of AppTest's element tree and everything under it, by the kind of element."""
    counts[type(node).__name__] += 1
    children = getattr(node, "children", None) or {}
    for child in children.values() if isinstance(children, dict) else children:
        element_kinds(child, counts)
    return counts


def main(wanted: list[str]) -> int:
    for page in PAGES:
        if wanted and not any(part in page for part in wanted):
            continue
        counts = element_kinds(open_app_page(page)._tree, Counter())
        kinds = ", ".join(f"{kind} {count}" for kind, count in counts.most_common(6))
        print(f"{page:28} {sum(counts.values()):4d} elements  ({kinds})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
