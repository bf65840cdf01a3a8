"""Rate limits: answers per participant, kept in this process's memory (per process, which is fine: one phone
sending too many answers gets no secret out of it), and wrong join codes per phone and per server, counted in
the store (components/store/attempts.py) so that a code cannot be found by trying codes one after another,
from one phone or many, on any replica, before or after a restart.

Nothing here imports Streamlit.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from components.store.attempts import AttemptLimit

ANSWERS_PER_MINUTE = 20  # per participant: far above a person changing their mind, far below a script
WRONG_JOINS_PER_SESSION = 5  # per phone session, per minute
WRONG_JOINS_PER_SERVER = 60  # all phones on all replicas together, per minute: 31**6 codes take over 28 years
WINDOW_SECONDS = 60.0
MAX_KEYS = 20_000  # forget the least recently seen keys beyond this, so memory stays bounded


class SlidingLimit:
    """At most `limit` events per key within `window` seconds. Thread-safe."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        events = self._events.setdefault(key, deque())
        self._events.move_to_end(key)
        while events and now - events[0] >= self.window:
            events.popleft()
        while len(self._events) > MAX_KEYS:
            self._events.popitem(last=False)
        return events

    def allow(self, key: str) -> bool:
        """Count one event for `key` if it is within the limit; False (and nothing counted) if not."""
        with self._lock:
            now = self.clock()
            events = self._recent(key, now)
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True

    def recent(self, key: str) -> int:
        """How many events `key` had within the window."""
        with self._lock:
            return len(self._recent(key, self.clock()))

    def blocked(self, key: str) -> bool:
        """Whether the next event for `key` would be refused (counts nothing)."""
        with self._lock:
            return len(self._recent(key, self.clock())) >= self.limit

    def forget_one(self, key: str) -> None:
        """Take back the newest event for `key` (one that did not happen after all, e.g. an answer not saved)."""
        with self._lock:
            events = self._events.get(key)
            if events:
                events.pop()

    def note(self, key: str) -> None:
        """Count one event for `key` regardless of the limit."""
        with self._lock:
            now = self.clock()
            self._recent(key, now).append(now)


# Wrong join codes, counted in the store. One subject, "server": every join code of the server together, as a
# guesser is after any room. holds_everyone=False: the server-wide count only ever holds back phones that have
# themselves typed a wrong code this minute, so a flood of wrong codes from one person cannot stop the rest of
# the room joining (a phone that never guessed wrong always gets in with the right code). While the server is
# over its limit a phone's first wrong code makes it wait, so each extra guess costs the guesser a new browser
# session, not one keystroke.
JOIN_LIMIT = AttemptLimit(
    "live-join",
    per_session=WRONG_JOINS_PER_SESSION,
    per_subject=WRONG_JOINS_PER_SERVER,
    window=WINDOW_SECONDS,
    holds_everyone=False,
)
JOIN_SUBJECT = "server"

TOO_MANY_JOINS = "Too many wrong codes were tried. Wait a minute, then type the code the presenter shows."
TOO_MANY_ANSWERS = "That was a lot of answers in a minute. Wait a moment, then send yours again."
