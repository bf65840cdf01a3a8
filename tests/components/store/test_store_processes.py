"""Real processes on one database (SQLite file and PostgreSQL): two writers at once lose nothing, and a
writer killed with SIGKILL in the middle of a transaction leaves all or nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from components.store import Store, published
from components.store.schema import published_studies, study_data
from tests.components.store.test_published import published_content

ROOT = Path(__file__).resolve().parents[3]
OWNER = "a" * 64


@pytest.fixture
def store(database_url: str):
    """The store on the real clock, as the writer processes are."""
    opened = Store.open(database_url)
    yield opened
    opened.close()


def writer(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.components.store.writer_process", url, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_in_the_middle(process: subprocess.Popen) -> None:
    """Wait until the writer says it is inside its transaction, then SIGKILL it."""
    line = process.stdout.readline()
    assert line.strip() == "MID", (line, process.stderr.read() if process.poll() is not None else "")
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL


def count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_two_processes_writing_one_room_at_once_lose_nothing(store: Store, database_url: str) -> None:
    room = store.create_room(OWNER, {"seen": []})
    writers = [writer(database_url, "append", room.code, OWNER, str(start), "20") for start in (0, 100)]
    for process in writers:
        _out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
    final = store.get_room(room.code, OWNER)
    assert sorted(final.state["seen"]) == [*range(20), *range(100, 120)]
    assert final.version == 40


def test_a_publish_killed_mid_transaction_leaves_nothing(store: Store, database_url: str) -> None:
    process = writer(database_url, "stall-publish")
    kill_in_the_middle(process)
    assert count(store, published_studies) == 0
    assert count(store, study_data) == 0  # the data written before the kill went with the transaction
    study_id, _ = published.publish(store, b"after the kill", {}, lifetime=60, max_studies=10)  # it goes on
    assert published_content(store, study_id) == b"after the kill"
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_room_update_killed_mid_transaction_leaves_the_room_as_it_was(store: Store, database_url: str) -> None:
    room = store.create_room(OWNER, {"slide": 3})
    process = writer(database_url, "stall-update", room.code, OWNER)
    kill_in_the_middle(process)
    after = store.get_room(room.code, OWNER)
    assert (after.state, after.version) == ({"slide": 3}, 0)
    assert store.update_room(room.code, OWNER, {"slide": 4}).version == 1  # the room's lock went with it
