"""Which database the store uses, and an engine for it that is safe to share between processes.

SQLite by default: one file, `state/explorer.db` beside app.py (git ignores `state/`), opened in WAL mode with
a busy timeout, so the replicas of scripts/serve.sh on one machine share it. `EXPLORER_DATABASE_URL` names
another database, e.g. `postgresql+psycopg://user:password@host/explorer` for replicas on several machines.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

DATABASE_URL_VARIABLE = "EXPLORER_DATABASE_URL"
APP_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_FILE = APP_ROOT / "state" / "explorer.db"
# An execution option that marks a connection as read-only (Store.reading); on SQLite it begins DEFERRED.
READ_ONLY_OPTION = "explorer_read_only"
# How long a write waits for another process's write to finish before it gives up (milliseconds).
BUSY_TIMEOUT_MS = 10_000


def database_url(environ: dict[str, str] | None = None) -> str:
    """The database named by EXPLORER_DATABASE_URL, or the default SQLite file."""
    env = os.environ if environ is None else environ
    named = (env.get(DATABASE_URL_VARIABLE) or "").strip()
    return named or f"sqlite:///{DEFAULT_SQLITE_FILE}"


def safe_url(url: str | URL) -> str:
    """The URL with any password hidden, fit for a message or a log."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as nothing rather than leaked
        return "(an unreadable database URL)"


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str | URL) -> sa.Engine:
    """An engine for the URL. SQLite: WAL, busy timeout, foreign keys, secure delete, and every transaction
    begins IMMEDIATE (it takes the write lock first), so a read-modify-write is never interleaved with
    another process's; only a connection marked READ_ONLY_OPTION (Store.reading) begins DEFERRED.
    PostgreSQL: psycopg 3, connections checked before use."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise ValueError(
        f"{DATABASE_URL_VARIABLE} must be a sqlite:/// or postgresql+psycopg:// URL, not {safe_url(parsed)}"
    )


def _sqlite_engine(url: URL) -> sa.Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" below, not the driver, start transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a commit survives a killed process
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")  # a deleted room's data is overwritten, not left behind
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            # A read (Store.reading): deferred, so in WAL mode it never waits for another process's write lock
            # and sees one consistent snapshot. A phone's poll is one of these, many times a second in a room.
            connection.exec_driver_sql("BEGIN DEFERRED")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
