"""The store's migrations, its command, and a database that cannot be used."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from components.store import Store, StoreUnavailableError, migrate
from components.store import attempts as _attempt_tables  # noqa: F401 (its table joins `metadata` on import)
from components.store import live_room as _live_room_tables  # noqa: F401 (its tables join `metadata` on import)
from components.store.__main__ import main
from components.store.schema import metadata
from components.store.store import BUSY_MESSAGE, UNAVAILABLE_MESSAGE, unavailable_detail

ROOT = Path(__file__).resolve().parents[3]


def test_the_migrations_make_exactly_the_tables_in_schema(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_an_older_database_is_migrated_in_place(tmp_path) -> None:
    """A database from before the store (no tables at all, other data kept) is brought up to date."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('kept')")
    store = Store.open(f"sqlite:///{path}")
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    store.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT text FROM notes").fetchall() == [("kept",)]
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_the_upgrade_command_migrates_the_database_it_is_given(tmp_path, capsys) -> None:
    url = f"sqlite:///{tmp_path}/cli.db"
    assert main(["status", "--database", url]) == 0
    assert "revision none" in capsys.readouterr().out
    assert main(["upgrade", "--database", url]) == 0
    assert f"up to date at revision {migrate.head_revision()}" in capsys.readouterr().out
    assert main(["sweep", "--database", url]) == 0
    assert "0 rooms" in capsys.readouterr().out


def test_python_dash_m_upgrade_uses_the_environment_s_database(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/env.db"
    result = subprocess.run(
        [sys.executable, "-m", "components.store", "upgrade"],
        cwd=ROOT,
        env={**os.environ, "EXPLORER_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").exists()


def assert_plain_for_users(error: StoreUnavailableError, *internals: str, message: str = UNAVAILABLE_MESSAGE) -> None:
    """A user reads the plain message only; which database failed and why are the log's (error.detail)."""
    assert str(error) == message
    for internal in ("sqlite", "postgresql", "/", "database (", *internals):
        assert internal not in str(error)


def test_a_corrupt_file_gives_a_plain_message_and_the_log_says_which_file(tmp_path, capsys) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreUnavailableError) as raised:
        Store.open(f"sqlite:///{path}")
    assert_plain_for_users(raised.value, str(path), "damaged")
    assert "cannot be used: the file is damaged" in raised.value.detail
    assert str(path) in raised.value.detail
    assert main(["upgrade", "--database", f"sqlite:///{path}"]) == 1  # the operator's command names it
    err = capsys.readouterr().err
    assert "the file is damaged" in err
    assert str(path) in err


def test_a_read_only_database_gives_a_plain_message(tmp_path) -> None:
    """SQLite's own read-only mode (mode=ro) stands for a file the server may not write, even as root."""
    path = tmp_path / "ro.db"
    Store.open(f"sqlite:///{path}").close()
    store = Store.open(f"sqlite:///file:{path}?mode=ro&uri=true", upgrade=False)
    with pytest.raises(StoreUnavailableError) as raised:
        store.keep("plan", {"ids": []})
    assert_plain_for_users(raised.value, str(path), "read-only")
    assert "read-only" in raised.value.detail
    assert str(path) in raised.value.detail
    store.close()


def test_a_locked_database_gives_a_plain_message(tmp_path, monkeypatch) -> None:
    from components.store import engine as engines

    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.db"
    store = Store.open(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailableError) as raised:
            store.keep("plan", {"ids": []})
        # Busy, not broken: the user is told to try again in a moment, and the store stays on (app_store).
        assert_plain_for_users(raised.value, str(path), "locked", message=BUSY_MESSAGE)
        assert raised.value.busy
        assert "another program holds it locked" in raised.value.detail
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.load_kept("plan", store.keep("plan", {"ids": ["R1"]})) == {"ids": ["R1"]}  # and on it goes
    store.close()


def test_an_unreachable_server_gives_a_plain_message_and_no_password_anywhere() -> None:
    with pytest.raises(StoreUnavailableError) as raised:
        Store.open("postgresql+psycopg://explorer:s3cret@127.0.0.1:9/explorer")
    assert_plain_for_users(raised.value, "127.0.0.1", "s3cret")
    assert "cannot be used" in raised.value.detail
    assert "127.0.0.1" in raised.value.detail
    assert "s3cret" not in raised.value.detail


def test_a_folder_that_cannot_be_made_gives_a_plain_message(tmp_path) -> None:
    in_the_way = tmp_path / "state"
    in_the_way.write_text("a file where the database's folder should be")
    with pytest.raises(StoreUnavailableError) as raised:
        Store.open(f"sqlite:///{in_the_way / 'explorer.db'}")
    assert_plain_for_users(raised.value, str(in_the_way))
    assert str(in_the_way) in raised.value.detail


def test_an_unknown_kind_of_database_is_named_in_the_log_only() -> None:
    with pytest.raises(StoreUnavailableError) as raised:
        Store.open("mysql://someone@host/db")
    assert_plain_for_users(raised.value, "mysql", "someone")
    assert "sqlite:/// or postgresql" in raised.value.detail


def test_the_logs_detail_holds_no_statement_or_its_values(tmp_path) -> None:
    """A fault SQLAlchemy reports with its statement and parameters: the detail keeps only the driver's words."""
    wrapped = sa.exc.OperationalError("INSERT INTO kept_items VALUES (?)", ("a private note",), None)
    wrapped.orig = None
    detail = unavailable_detail(wrapped, f"sqlite:///{tmp_path}/x.db")
    assert "a private note" not in detail
    assert "INSERT" not in detail
    assert str(tmp_path) in detail
