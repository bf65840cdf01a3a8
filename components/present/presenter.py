"""Presenter rooms: the trainer's presenter window and the projector window step through one deck together.

Both windows are tabs of one browser, each with its own Streamlit session, so they share a room held in
this server process (`room_store()`, one per process). Behind a load balancer with cookie stickiness one
browser's tabs reach one replica, so a per-process room is enough. A room is bound to the browser that
opened it: Streamlit's `_streamlit_xsrf` cookie carries a random token per browser, and only a session
sending the same token may open the room. The code in the URL names a room; it is never the key to it, so
an uploaded study held by a room is never shown to another browser even if its code is shared.

Everything but `room_store()` and `current_browser_id()` is plain Python, tested without Streamlit.
"""

from __future__ import annotations

import binascii
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import streamlit as st

XSRF_COOKIE = "_streamlit_xsrf"
# No 0/o, 1/l/i: a trainer may read a code aloud or type it.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8  # 31**8 is about 8.5e11 codes: unguessable by trying, and still short
_CODE_PATTERN = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
ROOM_IDLE_SECONDS = 4 * 60 * 60  # a room nobody has looked at for a training day's half is forgotten
MAX_ROOMS = 200  # a process holds at most this many; the longest idle goes first

# A room's two windows, named by the URL's `?view=`.
PRESENTER, PROJECTOR = "presenter", "projector"
VIEWS = (PRESENTER, PROJECTOR)


def normal_code(value: object) -> str | None:
    """A room code from a URL, or None when it cannot be one (never looked up then)."""
    code = str(value or "").strip().casefold()
    return code if _CODE_PATTERN.fullmatch(code) else None


def browser_id(cookies: Mapping[str, str]) -> str:
    """A stable, non-secret name for this browser from its XSRF cookie; "" when it has none.

    The cookie is `2|mask|masked token|timestamp` and the server re-masks it on every page load, so the
    unmasked token is what stays the same across a browser's tabs. Only a hash of it is kept.
    """
    value = cookies.get(XSRF_COOKIE)
    raw = value if isinstance(value, str) else ""  # AppTest hands out a mock in place of cookies
    parts = raw.split("|")
    token = raw.encode()
    if len(parts) == 4 and parts[0] == "2":
        try:
            mask, masked = binascii.unhexlify(parts[1]), binascii.unhexlify(parts[2])
        except (binascii.Error, ValueError):
            return ""
        if not mask or not masked:
            return ""
        token = bytes(byte ^ mask[position % len(mask)] for position, byte in enumerate(masked))
    elif not raw:
        return ""
    return hashlib.sha256(token).hexdigest()


@dataclass(frozen=True)
class Room:
    """One presentation: which slide is up, which prompts show their findings, and the deck's data."""

    code: str
    owner: str  # browser_id of the browser that opened it
    dataset: object  # the Dataset the deck is built from (an upload stays in this process's memory only)
    slide: int = 0
    revealed: frozenset[int] = frozenset()
    blank: bool = False  # the projector shows a blank screen (the room looks at the trainer)
    version: int = 0  # goes up with every change, so a window can tell it is behind
    started_at: float = 0.0  # the timer's start, in seconds since the epoch
    last_used: float = 0.0


@dataclass
class RoomStore:
    """Rooms of one server process. Thread-safe: every session runs in its own thread."""

    clock: Callable[[], float] = time.time
    _rooms: dict[str, Room] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, owner: str, dataset: object, slide: int = 0) -> Room:
        if not owner:
            raise ValueError("A room needs the browser's XSRF cookie to know whose it is.")
        with self._lock:
            self._forget_idle()
            code = _new_code(self._rooms)
            now = self.clock()
            room = Room(code, owner, dataset, slide=slide, started_at=now, last_used=now)
            self._rooms[code] = room
            return room

    def get(self, code: object, owner: str) -> Room | None:
        """The room, if it exists, is not idle too long and belongs to this browser; else None."""
        with self._lock:
            self._forget_idle()
            room = self._owned(code, owner)
            if room is None:
                return None
            room = replace(room, last_used=self.clock())
            self._rooms[room.code] = room
            return room

    def update(self, code: object, owner: str, **changes) -> Room | None:
        """Change the room (slide, revealed, blank, started_at) and move its version on."""
        with self._lock:
            room = self._owned(code, owner)
            if room is None:
                return None
            room = replace(room, **changes, version=room.version + 1, last_used=self.clock())
            self._rooms[room.code] = room
            return room

    def go_to(self, code: object, owner: str, slide: int) -> Room | None:
        return self.update(code, owner, slide=slide)

    def set_revealed(self, code: object, owner: str, index: int, shown: bool) -> Room | None:
        room = self.get(code, owner)
        if room is None:
            return None
        revealed = room.revealed | {index} if shown else room.revealed - {index}
        return self.update(code, owner, revealed=frozenset(revealed))

    def restart_timer(self, code: object, owner: str) -> Room | None:
        return self.update(code, owner, started_at=self.clock())

    def __len__(self) -> int:
        return len(self._rooms)

    def _owned(self, code: object, owner: str) -> Room | None:
        normal = normal_code(code)
        room = self._rooms.get(normal) if normal else None
        if room is None or not owner or not secrets.compare_digest(room.owner, owner):
            return None
        return room

    def _forget_idle(self) -> None:
        now = self.clock()
        for code in [code for code, room in self._rooms.items() if now - room.last_used > ROOM_IDLE_SECONDS]:
            del self._rooms[code]
        while len(self._rooms) >= MAX_ROOMS:
            del self._rooms[min(self._rooms, key=lambda code: self._rooms[code].last_used)]


def _new_code(taken: Mapping[str, Room]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


# ---------------------------------------------------------------------------------------------
# Streamlit glue


@st.cache_resource
def room_store() -> RoomStore:
    """This process's rooms, shared by every session (never cleared by a rerun)."""
    return RoomStore()


def current_browser_id() -> str:
    """This session's browser, from the cookies its websocket was opened with ("" in AppTest: none there)."""
    return browser_id(st.context.cookies)
