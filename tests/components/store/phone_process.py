"""A separate process of phones answering a live room at once, as one replica of scripts/serve.sh serves them.

python -m tests.components.store.phone_process URL JOIN_CODE QUESTION_ID FIRST COUNT THREADS

Phones FIRST..FIRST+COUNT-1 ("phone-N") each send one answer to QUESTION_ID through the feature's own path
(components.live_room.room.answer: the room read, the checks, the rate limit and the write), spread over
THREADS threads (a Streamlit process runs each session's script in its own thread). Between answers every
thread reads the room as a phone's 1.5 s poll does, so reads and writes overlap. The process prints READY,
waits for a line on stdin (so the processes start together), then prints one JSON object: each phone's
message ("" when the answer was received).
"""

from __future__ import annotations

import json
import sys
import threading

from components.live_room.limits import ANSWERS_PER_MINUTE, SlidingLimit
from components.live_room.room import answer
from components.store import Store
from components.store import live_room as live_store


def main(argv: list[str]) -> int:
    url, join_code, question_id, first, count, threads = argv
    store = Store.open(url)
    limit = SlidingLimit(ANSWERS_PER_MINUTE)
    phones = [f"phone-{number}" for number in range(int(first), int(first) + int(count))]
    messages: dict[str, str] = {}
    lock = threading.Lock()

    def run(mine: list[str]) -> None:
        for phone in mine:
            live_store.live_room_by_code(store, join_code)  # the poll
            message = answer(store, limit, join_code, phone, question_id, ["Time"])
            live_store.phone_view(store, join_code, phone)  # a full run reads the room and its own answers
            with lock:
                messages[phone] = message

    workers = [threading.Thread(target=run, args=(phones[n :: int(threads)],)) for n in range(int(threads))]
    print("READY", flush=True)
    sys.stdin.readline()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    store.close()
    print(json.dumps(messages), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
