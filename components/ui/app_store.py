"""The app's one Store per server process, or None with a reason when the database cannot be used.

The app never stops for its database: a missing, corrupt, read-only or locked file (or an unreachable
server) turns rooms and kept links off with a clear message, and every page goes on with the bundled study.
A failed open is tried again after RETRY_SECONDS, so a database that comes back is used again. A call that
failed only because the database was busy for a moment leaves the store on: one slow writer must not turn the
live room off for every phone on the process.
"""

from __future__ import annotations

import logging
import threading
import time

import streamlit as st

from components.store.store import Store, StoreUnavailableError

RETRY_SECONDS = 30.0
_log = logging.getLogger(__name__)


class _Holder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.store: Store | None = None
        self.problem: str | None = None
        self.failed_at = float("-inf")

    def get(self) -> Store | None:
        with self.lock:
            if self.store is None and time.monotonic() - self.failed_at >= RETRY_SECONDS:
                try:
                    self.store = Store.open()
                    self.problem = None
                except StoreUnavailableError as error:
                    self.problem = str(error)
                    self.failed_at = time.monotonic()
                    _log.warning("The store cannot be opened: %s", error.detail)
            return self.store

    def failed(self, error: StoreUnavailableError) -> None:
        """A call on an open store failed: say why, and open the database afresh after RETRY_SECONDS (unless it
        was only busy: then the next call simply tries again)."""
        _log.warning("A call on the store failed: %s", error.detail)
        if error.busy:
            return
        with self.lock:
            self.problem = str(error)
            self.store = None  # calls already under way finish on the old engine; it goes with them
            self.failed_at = time.monotonic()


@st.cache_resource
def _holder() -> _Holder:
    return _Holder()


def app_store() -> Store | None:
    """This process's Store (opened and migrated on first use), or None when the database cannot be used."""
    return _holder().get()


def store_problem() -> str | None:
    """The plain message for a user while the database cannot be used (which database and why are in the server's
    log only); None when it can."""
    return _holder().problem


def report_failure(error: StoreUnavailableError) -> str:
    """Note a failed call (so store_problem() says so, unless the database was only busy), log which database
    failed and why (the server's log only: the file path or server and the driver's words are not for users),
    and return the plain message."""
    _holder().failed(error)
    return str(error)


def clear_problem() -> None:
    """Forget a failure, so the next call opens the database again at once (a test that broke it on purpose)."""
    holder = _holder()
    with holder.lock:
        holder.problem = None
        holder.failed_at = float("-inf")
