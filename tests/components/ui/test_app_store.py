"""The process's one store: a call that failed because the database was busy for a moment leaves it on (one
slow writer must not turn the live room off for every phone on the process); an unusable database turns it
off, with the plain message, until RETRY_SECONDS have passed."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from components.store import engine as engines
from components.store.store import BUSY_MESSAGE, UNAVAILABLE_MESSAGE, Store, StoreUnavailableError, unavailable_error
from components.ui.app_store import _Holder


@pytest.fixture
def holder(tmp_path, monkeypatch) -> _Holder:
    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"sqlite:///{tmp_path / 'explorer.db'}")
    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 200)
    made = _Holder()
    yield made
    if made.store is not None:
        made.store.close()


def test_a_busy_database_leaves_the_store_on(holder: _Holder, tmp_path) -> None:
    store = holder.get()
    assert isinstance(store, Store)
    writer = sqlite3.connect(tmp_path / "explorer.db", isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailableError) as raised:
            store.keep("plan", {"ids": []})
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert raised.value.busy
    assert str(raised.value) == BUSY_MESSAGE
    holder.failed(raised.value)
    assert holder.get() is store
    assert holder.problem is None
    assert store.load_kept("plan", store.keep("plan", {"ids": ["R1"]})) == {"ids": ["R1"]}


def test_an_unusable_database_turns_the_store_off_with_the_plain_message(holder: _Holder) -> None:
    assert holder.get() is not None
    holder.failed(StoreUnavailableError(detail="The explorer's database (test) cannot be used: damaged."))
    assert holder.get() is None
    assert holder.problem == UNAVAILABLE_MESSAGE


def test_no_free_pooled_connection_is_busy_too() -> None:
    error = unavailable_error(sa.exc.TimeoutError("QueuePool limit of size 5 overflow 5 reached"), "postgresql://h/db")
    assert error.busy
    assert str(error) == BUSY_MESSAGE
    assert "every connection to it was in use" in error.detail
