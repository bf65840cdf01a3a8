"""Failed attempts at a secret (a publishing key, an owner link, a live room's join code), counted in the store
so that a limit holds across every replica and restart, not per process.

A limit counts wrong attempts within a sliding window, two ways: per session (one browser trying one guess
after another) and per subject (what is being guessed: the server's publishing key, one published study's
owner link), all sessions together. When a subject has had too many, `holds_everyone` says who waits:
- True: every session, even one that has not tried yet (a guesser with many sessions gets no more tries);
- False: only sessions that have themselves tried wrong within the window, so someone guessing at a study's
  owner link cannot lock its real owner out, nor someone guessing join codes the room's phones
  (components/live_room/limits.py JOIN_LIMIT: every join code of the server is one subject).

Only hashes of sessions and subjects are stored, namespaced by the limit's scope; rows older than the window
are deleted as new failures are noted, and by Store.sweep once a day old. Every function is one transaction
(wait_seconds only reads: on SQLite it never waits for a writer); a database that cannot be used raises
StoreUnavailableError.

    limit = AttemptLimit("publish-key", per_session=5, per_subject=30, window=15 * 60, holds_everyone=True)
    wait = wait_seconds(store, limit, "server", session)   # 0.0: may try now; else seconds until it may
    if wait == 0 and not right(...):
        note_failure(store, limit, "server", session)
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from components.store.schema import metadata
from components.store.store import ATTEMPTS_KEPT_SECONDS, Store, guarded, secret_hash

failed_attempts = sa.Table(
    "failed_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("scope", sa.String(40), nullable=False),
    sa.Column("subject_hash", sa.String(64), nullable=False),
    sa.Column("session_hash", sa.String(64), nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Index("ix_failed_attempts_subject", "scope", "subject_hash", "at"),
    sa.Index("ix_failed_attempts_session", "scope", "session_hash", "at"),
)


@dataclass(frozen=True)
class AttemptLimit:
    scope: str  # what is guessed, e.g. "publish-key" (at most 40 characters)
    per_session: int  # wrong attempts one session may make within `window`, at any subject of this scope
    per_subject: int  # wrong attempts at one subject within `window`, all sessions together
    window: float  # seconds
    holds_everyone: bool  # see the module docstring

    def __post_init__(self) -> None:
        if not self.scope or len(self.scope) > 40 or self.per_session < 1 or self.per_subject < 1:
            raise ValueError("An attempt limit needs a scope (at most 40 characters) and limits of at least 1.")
        if not 0 < self.window <= ATTEMPTS_KEPT_SECONDS:
            raise ValueError("An attempt limit needs a window of some seconds, at most a day (Store.sweep).")


def _hashes(limit: AttemptLimit, subject: str, session: str) -> tuple[str, str]:
    return (
        secret_hash(f"attempt-subject\0{limit.scope}", subject),
        secret_hash(f"attempt-session\0{limit.scope}", session),
    )


def _wait_for(connection: sa.Connection, column: sa.Column, value: str, limit: AttemptLimit, count: int, now: float):
    """Seconds until fewer than `count` failures of this column's value are within the window (0 if already)."""
    recent = (
        connection.execute(
            sa.select(failed_attempts.c.at)
            .where(
                failed_attempts.c.scope == limit.scope,
                column == value,
                failed_attempts.c.at > now - limit.window,
            )
            .order_by(failed_attempts.c.at.desc())
            .limit(count)
        )
        .scalars()
        .all()
    )
    if len(recent) < count:
        return 0.0, len(recent)
    return max(0.0, recent[-1] + limit.window - now), len(recent)


@guarded
def wait_seconds(store: Store, limit: AttemptLimit, subject: str, session: str) -> float:
    """0.0 when this session may try `subject` now; else how many seconds until it may."""
    subject_hash, session_hash = _hashes(limit, subject, session)
    now = store.clock()
    # Only reads, so on SQLite it does not take the write lock: every phone joining a live room checks this.
    with store.reading() as connection:
        session_wait, session_failures = _wait_for(
            connection, failed_attempts.c.session_hash, session_hash, limit, limit.per_session, now
        )
        if not limit.holds_everyone and session_failures == 0:
            # A session that has not guessed wrong is never held back by others' guessing: no need to count
            # them (every phone joining a live room comes this way).
            return session_wait
        subject_wait, _ = _wait_for(
            connection, failed_attempts.c.subject_hash, subject_hash, limit, limit.per_subject, now
        )
    return max(session_wait, subject_wait)


@guarded
def note_failure(store: Store, limit: AttemptLimit, subject: str, session: str) -> None:
    """Count one wrong attempt by `session` at `subject`; rows of this scope older than the window go."""
    subject_hash, session_hash = _hashes(limit, subject, session)
    now = store.clock()
    with store.engine.begin() as connection:
        connection.execute(
            failed_attempts.delete().where(
                failed_attempts.c.scope == limit.scope, failed_attempts.c.at <= now - limit.window
            )
        )
        connection.execute(
            failed_attempts.insert().values(
                scope=limit.scope, subject_hash=subject_hash, session_hash=session_hash, at=now
            )
        )


def wait_words(seconds: float) -> str:
    """A wait in whole minutes, rounded up: "1 minute", "15 minutes"."""
    minutes = max(1, int(-(-seconds // 60)))
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
