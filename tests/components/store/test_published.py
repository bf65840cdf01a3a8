"""Published studies' owner functions (components/store/published.py) on SQLite and PostgreSQL: the cap, the
cheap header look-up, replacing data, changing the expiry, and deleting every row at once."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
import sqlalchemy as sa

from components.store import ROOM_IDLE_SECONDS, Store
from components.store import published as pub
from components.store.schema import published_studies, study_data
from tests.components.store.test_store import all_text

DAY = 86400.0
META = {"name": "Ward study", "authors": "A. Author"}


def published_content(store: Store, study_id: str) -> bytes | None:
    """What a reader's page reads (components/ui/published.py): the header, then its data."""
    header = pub.published_header(store, study_id)
    return None if header is None else store.get_data(header.data_id)


def row_counts(store: Store) -> tuple[int, int]:
    with store.engine.connect() as connection:
        return (
            connection.execute(sa.select(sa.func.count()).select_from(published_studies)).scalar_one(),
            connection.execute(sa.select(sa.func.count()).select_from(study_data)).scalar_one(),
        )


def test_publish_gives_a_long_random_id_and_a_token_kept_only_as_a_hash(store: Store) -> None:
    study_id, token = pub.publish(store, b"study one", META, lifetime=DAY, max_studies=10)
    assert len(study_id) >= 22
    assert len(token) >= 43
    other_id, _ = pub.publish(store, b"study one", META, lifetime=DAY, max_studies=10)
    assert other_id != study_id
    text = all_text(store)
    assert token not in text
    header = pub.published_header(store, study_id)
    assert (header.id, header.meta, header.size) == (study_id, META, len(b"study one"))
    assert header.expires_at == header.created_at + DAY
    assert published_content(store, study_id) == b"study one"
    tampered = study_id[:-1] + ("x" if study_id[-1] != "x" else "y")  # well formed, one character off
    assert pub.published_header(store, tampered) is None
    assert pub.owned_study(store, tampered, token) is None
    assert not pub.delete_everything(store, tampered, token)
    assert published_content(store, study_id) == b"study one"


def test_the_cap_counts_live_studies_only(store: Store, clock) -> None:
    pub.publish(store, b"a", META, lifetime=DAY, max_studies=2)
    pub.publish(store, b"b", META, lifetime=2 * DAY, max_studies=2)
    with pytest.raises(pub.PublishLimitError) as refused:
        pub.publish(store, b"c", META, lifetime=DAY, max_studies=2)
    assert (refused.value.count, refused.value.limit) == (2, 2)
    assert pub.live_count(store) == 2
    clock.advance(DAY + 1)  # the first one has expired: there is room again
    pub.publish(store, b"c", META, lifetime=DAY, max_studies=2)
    assert pub.live_count(store) == 2


def test_a_study_larger_than_the_limit_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="larger than 100 bytes"):
        pub.publish(store, b"x" * 101, META, lifetime=DAY, max_studies=10, max_bytes=100)
    assert row_counts(store) == (0, 0)


@pytest.mark.parametrize("bad", ["", "short", "x" * 200, None, 42])
def test_unknown_and_malformed_ids_look_alike(store: Store, bad) -> None:
    _study_id, token = pub.publish(store, b"data", META, lifetime=DAY, max_studies=10)
    assert pub.published_header(store, bad) is None
    assert pub.owned_study(store, bad, token) is None
    assert not pub.delete_everything(store, bad, token)
    assert pub.set_expiry(store, bad, token, DAY) is None
    assert not pub.replace_data(store, bad, token, b"new", META)


def test_only_the_owner_token_changes_a_study(store: Store) -> None:
    study_id, token = pub.publish(store, b"data", META, lifetime=DAY, max_studies=10)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for wrong in (tampered, "", "x" * 43, None):
        assert pub.owned_study(store, study_id, wrong) is None
        assert not pub.delete_everything(store, study_id, wrong)
        assert pub.set_expiry(store, study_id, wrong, DAY) is None
        assert not pub.replace_data(store, study_id, wrong, b"new", META)
    assert pub.owned_study(store, study_id, token).id == study_id
    assert published_content(store, study_id) == b"data"


def test_an_expired_study_is_gone_for_readers_and_its_owner(store: Store, clock) -> None:
    study_id, token = pub.publish(store, b"data", META, lifetime=DAY, max_studies=10)
    clock.advance(DAY)
    assert pub.published_header(store, study_id) is None
    assert pub.owned_study(store, study_id, token) is None
    assert pub.set_expiry(store, study_id, token, DAY) is None


def test_the_sweep_deletes_an_expired_study_and_its_data(store: Store, clock) -> None:
    study_id, _ = pub.publish(store, b"short lived", {}, lifetime=10, max_studies=10)
    clock.advance(11)
    assert published_content(store, study_id) is None
    clock.advance(ROOM_IDLE_SECONDS)  # its data is deleted once no room could still want it
    gone = store.sweep()
    assert (gone["published_studies"], gone["study_data"]) == (1, 1)
    assert row_counts(store) == (0, 0)


def test_the_owner_changes_the_expiry(store: Store, clock) -> None:
    study_id, token = pub.publish(store, b"data", META, lifetime=DAY, max_studies=10)
    assert pub.set_expiry(store, study_id, token, 90 * DAY) == clock.now + 90 * DAY
    clock.advance(30 * DAY)
    assert pub.published_header(store, study_id).expires_at == clock.now + 60 * DAY
    assert pub.set_expiry(store, study_id, token, 1.0) == clock.now + 1.0  # shorter works too
    clock.advance(1.0)
    assert pub.published_header(store, study_id) is None


def test_replacing_keeps_the_links_and_deletes_the_old_data(store: Store) -> None:
    study_id, token = pub.publish(store, b"old secret data", META, lifetime=DAY, max_studies=10)
    assert pub.replace_data(store, study_id, token, b"new data", {"name": "Second version"})
    found = pub.published_header(store, study_id)
    assert (found.meta, found.size) == ({"name": "Second version"}, len(b"new data"))
    assert published_content(store, study_id) == b"new data"
    assert pub.owned_study(store, study_id, token) is not None  # the owner link still works
    assert row_counts(store) == (1, 1)
    assert "old secret data" not in all_text(store)


def test_deleting_removes_the_study_and_its_data_at_once(store: Store) -> None:
    study_id, token = pub.publish(store, b"private rows", META, lifetime=DAY, max_studies=10)
    assert row_counts(store) == (1, 1)
    assert pub.delete_everything(store, study_id, token)
    assert row_counts(store) == (0, 0)
    assert "private rows" not in all_text(store)
    assert pub.published_header(store, study_id) is None
    assert published_content(store, study_id) is None
    assert not pub.delete_everything(store, study_id, token)  # a second delete finds nothing, like any bad id


def test_data_another_study_or_a_room_uses_is_kept_on_delete(store: Store) -> None:
    first, first_token = pub.publish(store, b"shared", META, lifetime=DAY, max_studies=10)
    second, second_token = pub.publish(store, b"shared", META, lifetime=DAY, max_studies=10)
    room = store.create_room("b" * 64, {"slide": 0}, data_id=store.put_data(b"in a room"))
    third, third_token = pub.publish(store, b"in a room", META, lifetime=DAY, max_studies=10)
    assert pub.delete_everything(store, first, first_token)
    assert published_content(store, second) == b"shared"
    assert pub.delete_everything(store, third, third_token)
    assert store.get_data(room.data_id) == b"in a room"
    assert pub.delete_everything(store, second, second_token)
    assert row_counts(store) == (0, 1)  # only the room's data is left


def test_sqlite_overwrites_what_is_deleted(tmp_path, clock) -> None:
    """secure_delete: the deleted study's bytes are not left in the database file."""
    path = tmp_path / "explorer.db"
    store = Store.open(f"sqlite:///{path}", clock=clock)
    marker = b"UNMISTAKABLE-PRIVATE-MARKER-" * 50
    study_id, token = pub.publish(store, marker, META, lifetime=DAY, max_studies=10)
    assert pub.delete_everything(store, study_id, token)
    store.close()
    with contextlib.closing(sqlite3.connect(path)) as connection:  # the WAL's frames written back, then emptied
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    leftovers = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("explorer.db"))
    assert b"UNMISTAKABLE-PRIVATE-MARKER" not in leftovers
