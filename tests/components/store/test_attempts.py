"""Failed attempts counted in the store (components/store/attempts.py), on SQLite and PostgreSQL: a limit holds
per session and per subject, across two Store objects on one database (two replicas), and lapses with time."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from components.store import Store
from components.store.attempts import AttemptLimit, failed_attempts, note_failure, wait_seconds, wait_words
from components.store.store import ATTEMPTS_KEPT_SECONDS

WINDOW = 15 * 60
EVERYONE = AttemptLimit("test-everyone", per_session=3, per_subject=5, window=WINDOW, holds_everyone=True)
GUESSERS = AttemptLimit("test-guessers", per_session=3, per_subject=5, window=WINDOW, holds_everyone=False)


def fail(store: Store, limit: AttemptLimit, subject: str, session: str, times: int = 1) -> None:
    for _ in range(times):
        assert wait_seconds(store, limit, subject, session) == 0.0
        note_failure(store, limit, subject, session)


def test_a_session_waits_after_its_limit_and_may_try_again_when_the_window_passes(store: Store, clock) -> None:
    fail(store, EVERYONE, "key", "browser-1", times=2)
    clock.advance(60)
    fail(store, EVERYONE, "key", "browser-1")
    # until its first failure, a minute before the third, leaves the window
    assert wait_seconds(store, EVERYONE, "key", "browser-1") == pytest.approx(WINDOW - 60)
    assert wait_seconds(store, EVERYONE, "key", "browser-2") == 0.0  # another browser is not held back
    clock.advance(WINDOW - 61)
    assert wait_seconds(store, EVERYONE, "key", "browser-1") == pytest.approx(1)
    clock.advance(1)
    assert wait_seconds(store, EVERYONE, "key", "browser-1") == 0.0  # one of the three has left the window


def test_a_session_limit_counts_every_subject_of_its_scope(store: Store) -> None:
    fail(store, GUESSERS, "study-a", "browser-1")
    fail(store, GUESSERS, "study-b", "browser-1")
    fail(store, GUESSERS, "study-c", "browser-1")
    assert wait_seconds(store, GUESSERS, "study-d", "browser-1") > 0


def test_a_subject_that_holds_everyone_stops_new_sessions_too(store: Store, clock) -> None:
    for browser in range(5):  # five guessers, one try each: the subject's limit
        fail(store, EVERYONE, "key", f"guesser-{browser}")
    assert wait_seconds(store, EVERYONE, "key", "newcomer") == pytest.approx(WINDOW)
    assert wait_seconds(store, EVERYONE, "other key", "newcomer") == 0.0  # per subject
    clock.advance(WINDOW)
    assert wait_seconds(store, EVERYONE, "key", "newcomer") == 0.0


def test_a_subject_that_holds_guessers_never_holds_back_a_session_that_has_not_guessed(store: Store) -> None:
    for browser in range(5):
        fail(store, GUESSERS, "study-a", f"guesser-{browser}")
    assert wait_seconds(store, GUESSERS, "study-a", "guesser-0") == pytest.approx(WINDOW)  # guessed wrong: waits
    assert wait_seconds(store, GUESSERS, "study-a", "the owner") == 0.0  # the real owner's fresh browser gets in


def test_the_count_holds_across_two_replicas_on_one_database(store: Store, database_url: str, clock) -> None:
    other_replica = Store.open(database_url, clock=clock)
    try:
        fail(store, EVERYONE, "key", "browser-1", times=2)
        fail(other_replica, EVERYONE, "key", "browser-1")
        assert wait_seconds(store, EVERYONE, "key", "browser-1") > 0
        assert wait_seconds(other_replica, EVERYONE, "key", "browser-1") > 0
    finally:
        other_replica.close()


def test_only_hashes_are_stored_and_old_rows_go(store: Store, clock) -> None:
    fail(store, EVERYONE, "the server's key", "browser-secret-id", times=2)
    clock.advance(WINDOW + 1)
    fail(store, EVERYONE, "the server's key", "browser-secret-id")
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(failed_attempts).where(failed_attempts.c.scope == EVERYONE.scope)).all()
    assert len(rows) == 1  # the two older than the window were deleted with the new one
    assert "browser-secret-id" not in repr(rows)
    assert "the server's key" not in repr(rows)
    assert len(rows[0].session_hash) == 64


def test_the_sweep_deletes_attempts_a_day_old(store: Store, clock) -> None:
    fail(store, GUESSERS, "study-a", "browser-1", times=2)
    clock.advance(ATTEMPTS_KEPT_SECONDS - 1)
    assert store.sweep()["failed_attempts"] == 0
    clock.advance(2)
    assert store.sweep()["failed_attempts"] == 2


def test_a_limit_needs_sensible_values() -> None:
    with pytest.raises(ValueError, match="scope"):
        AttemptLimit("", per_session=1, per_subject=1, window=1, holds_everyone=True)
    for window in (0, ATTEMPTS_KEPT_SECONDS + 1):
        with pytest.raises(ValueError, match="window"):
            AttemptLimit("x", per_session=1, per_subject=1, window=window, holds_everyone=True)


@pytest.mark.parametrize(
    ("seconds", "words"), [(1, "1 minute"), (60, "1 minute"), (61, "2 minutes"), (900, "15 minutes")]
)
def test_a_wait_is_said_in_whole_minutes(seconds: float, words: str) -> None:
    assert wait_words(seconds) == words
