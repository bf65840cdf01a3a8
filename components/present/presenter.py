"""Presenter rooms: the trainer's presenter window and the projector window step through one deck together.

Both windows are tabs of one browser, each with its own Streamlit session, so they share a room kept in the
store (components.store: SQLite by default, PostgreSQL across machines). A room therefore survives a server
restart and works whichever replica each window reaches. A room is bound to the browser that opened it:
Streamlit's `_streamlit_xsrf` cookie carries a random token per browser, and only a session sending the same
token may open the room (the store keeps only a hash of it). The code in the URL names a room; it is never
the key to it, so an uploaded study kept for a room is never shown to another browser even if its code is
shared. A room shows the bundled study, or refers to an uploaded study kept in the store
(components.data.stored_form), deleted with the room once it has been idle for four hours.

Everything but `room_store()` and `current_browser_id()` is plain Python, tested without Streamlit.
"""

from __future__ import annotations

import binascii
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from components.data.model import DatasetError
from components.data.stored_form import dataset_bytes, dataset_from_bytes
from components.store import ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, Store, StoredRoom, StoreUnavailableError
from components.store import ROOM_IDLE_SECONDS as STORE_ROOM_IDLE_SECONDS
from components.ui.access import bundled_dataset
from components.ui.app_store import app_store, report_failure, store_problem

XSRF_COOKIE = "_streamlit_xsrf"
# No 0/o, 1/l/i: a trainer may read a code aloud or type it.
CODE_ALPHABET = ROOM_CODE_ALPHABET
CODE_LENGTH = ROOM_CODE_LENGTH  # 31**8 is about 8.5e11 codes: unguessable by trying, and still short
_CODE_PATTERN = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
ROOM_IDLE_SECONDS = STORE_ROOM_IDLE_SECONDS  # a room nobody has looked at for half a training day is deleted
DECODED_KEPT = 8  # uploaded studies of rooms kept decoded in this process (the store keeps the bytes)

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
    owner: str  # browser_id of the browser that opened it (the caller's; the store keeps only its hash)
    dataset: object  # the Dataset the deck is built from: the bundled study or an upload kept in the store
    slide: int = 0
    revealed: frozenset[int] = frozenset()
    blank: bool = False  # the projector shows a blank screen (the room looks at the trainer)
    version: int = 0  # goes up with every change, so a window can tell it is behind
    started_at: float = 0.0  # the timer's start, in seconds since the epoch
    last_used: float = 0.0


_STATE_FIELDS = ("slide", "revealed", "blank", "started_at")


@dataclass
class RoomStore:
    """Rooms kept in the store, shared by every session, process and replica that uses the same database.

    `store` is a Store or a function giving the app's Store (None while the database cannot be used: then no
    room opens and `problem()` says why). `bundled` gives the bundled dataset a room without stored data shows.
    """

    store: Store | Callable[[], Store | None]
    bundled: Callable[[], object]
    clock: Callable[[], float] = time.time
    _decoded: OrderedDict[str, object] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _problem: str | None = None

    def open(self, owner: str, dataset: object, slide: int = 0) -> Room | None:
        """A new room on `slide`, bound to `owner`; None when the database cannot be used (see problem())."""
        if not owner:
            raise ValueError("A room needs the browser's XSRF cookie to know whose it is.")
        state = {"slide": int(slide), "revealed": [], "blank": False, "started_at": self.clock()}
        try:
            store = self._store()
            if store is None:
                return None
            data_id = None
            if not getattr(dataset, "is_bundled", False):
                data_id = store.put_data(dataset_bytes(dataset))
                self._remember(data_id, dataset)
            return self._room(store.create_room(owner, state, data_id=data_id), owner)
        except StoreUnavailableError as error:
            self._failed(error)
            return None

    def get(self, code: object, owner: str) -> Room | None:
        """The room, if it exists, is not idle too long and belongs to this browser; else None."""
        normal = normal_code(code)
        if normal is None or not owner:
            return None
        try:
            store = self._store()
            stored = store.get_room(normal, owner) if store else None
            return self._room(stored, owner) if stored else None
        except StoreUnavailableError as error:
            self._failed(error)
            return None

    def update(self, code: object, owner: str, **changes) -> Room | None:
        """Change the room (slide, revealed, blank, started_at) and move its version on."""
        unknown = set(changes) - set(_STATE_FIELDS)
        if unknown:
            raise TypeError(f"A room has no {', '.join(sorted(unknown))}")
        if "revealed" in changes:
            changes["revealed"] = sorted(int(index) for index in changes["revealed"])
        return self._change(code, owner, changes)

    def go_to(self, code: object, owner: str, slide: int) -> Room | None:
        return self.update(code, owner, slide=int(slide))

    def set_revealed(self, code: object, owner: str, index: int, shown: bool) -> Room | None:
        def reveal(state: dict[str, Any]) -> dict[str, Any]:
            revealed = set(state.get("revealed", []))
            revealed = revealed | {int(index)} if shown else revealed - {int(index)}
            return {**state, "revealed": sorted(revealed)}

        return self._change(code, owner, reveal)  # read and changed under the room's lock: no reveal is lost

    def restart_timer(self, code: object, owner: str) -> Room | None:
        return self.update(code, owner, started_at=self.clock())

    def problem(self) -> str | None:
        """Why rooms cannot open now (the database's message); None when they can."""
        if not isinstance(self.store, Store):
            self._store()  # opens the app's database on first use, or tries again after a failure
        return self._problem

    def _change(self, code: object, owner: str, change) -> Room | None:
        normal = normal_code(code)
        if normal is None or not owner:
            return None
        try:
            store = self._store()
            stored = store.update_room(normal, owner, change) if store else None
            return self._room(stored, owner) if stored else None
        except StoreUnavailableError as error:
            self._failed(error)
            return None

    def _store(self) -> Store | None:
        if isinstance(self.store, Store):
            return self.store
        store = self.store()
        self._problem = store_problem()
        return store

    def _failed(self, error: StoreUnavailableError) -> None:
        self._problem = str(error)
        if not isinstance(self.store, Store):
            report_failure(error)

    def _room(self, stored: StoredRoom, owner: str) -> Room | None:
        dataset = self._dataset(stored.data_id)
        if dataset is None:
            return None
        state = stored.state
        return Room(
            code=stored.code,
            owner=owner,
            dataset=dataset,
            slide=int(state.get("slide", 0)),
            revealed=frozenset(int(index) for index in state.get("revealed", [])),
            blank=bool(state.get("blank", False)),
            version=stored.version,
            started_at=float(state.get("started_at", stored.created_at)),
            last_used=stored.last_used_at,
        )

    def _dataset(self, data_id: str | None) -> object | None:
        if data_id is None:
            return self.bundled()
        with self._lock:
            if data_id in self._decoded:
                self._decoded.move_to_end(data_id)
                return self._decoded[data_id]
        store = self._store()
        content = store.get_data(data_id) if store else None
        if content is None:
            return None
        try:
            dataset = dataset_from_bytes(content)
        except DatasetError:
            return None  # stored data that no longer reads as a study: the room is as good as gone
        self._remember(data_id, dataset)
        return dataset

    def _remember(self, data_id: str, dataset: object) -> None:
        with self._lock:
            self._decoded[data_id] = dataset
            self._decoded.move_to_end(data_id)
            while len(self._decoded) > DECODED_KEPT:
                self._decoded.popitem(last=False)


# ---------------------------------------------------------------------------------------------
# Streamlit glue


@st.cache_resource
def room_store() -> RoomStore:
    """The rooms in the app's store, shared by every session (never cleared by a rerun)."""
    return RoomStore(store=app_store, bundled=bundled_dataset)


def current_browser_id() -> str:
    """This session's browser, from the cookies its websocket was opened with ("" in AppTest: none there)."""
    return browser_id(st.context.cookies)
