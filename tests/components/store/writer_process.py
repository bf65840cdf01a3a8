"""A separate process that writes to the store, for tests of what other processes and SIGKILL leave behind.

python -m tests.components.store.writer_process URL append CODE OWNER START COUNT
    appends START..START+COUNT-1 to the room's "seen" list, one update each;
python -m tests.components.store.writer_process URL stall-publish
    publishes a study, stopping inside its transaction after the study data is written: prints MID, then
    waits to be killed;
python -m tests.components.store.writer_process URL stall-update CODE OWNER
    updates the room, stopping inside the transaction after the new state is written: prints MID, waits.
"""

from __future__ import annotations

import sys
import time

import sqlalchemy as sa

from components.store import Store, published


def stall_after(store: Store, table: str) -> None:
    """Once a statement writing to `table` has run (inside its transaction), say so and wait to be killed."""

    @sa.event.listens_for(store.engine, "after_cursor_execute")
    def _stall(_connection, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")) and table in statement:
            print("MID", flush=True)
            time.sleep(120)


def main(argv: list[str]) -> int:
    url, action, *rest = argv
    store = Store.open(url)
    if action == "append":
        code, owner, start, count = rest[0], rest[1], int(rest[2]), int(rest[3])
        for number in range(start, start + count):
            store.update_room(code, owner, lambda state, number=number: {"seen": [*state["seen"], number]})
    elif action == "stall-publish":
        stall_after(store, "study_data")
        published.publish(store, b"x" * 100_000, {"name": "never published"}, lifetime=3600, max_studies=10)
    elif action == "stall-update":
        stall_after(store, "rooms")
        store.update_room(rest[0], rest[1], {"slide": 99})
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
