"""The store's API on SQLite and PostgreSQL: rooms, study data, kept items, published studies, expiry."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from components.store import ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, ROOM_IDLE_SECONDS, Store, migrate
from components.store.schema import kept_items, rooms

OWNER = "a" * 64
STRANGER = "b" * 64


def all_text(store: Store) -> str:
    """Every value in every table, as text: what someone who copied the database file would see."""
    with store.engine.connect() as connection:
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        return "\n".join(
            repr(row) for table in metadata.sorted_tables for row in connection.execute(sa.select(table)).all()
        )


def test_opening_migrates_to_the_newest_revision(store: Store) -> None:
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as connection:
        names = set(sa.inspect(connection).get_table_names())
    assert {"rooms", "room_entries", "study_data", "kept_items", "published_studies"} <= names


def test_opening_again_leaves_an_up_to_date_database_as_it_is(store: Store, database_url: str, clock) -> None:
    room = store.create_room(OWNER, {"slide": 2})
    again = Store.open(database_url, clock=clock)
    assert again.get_room(room.code, OWNER).state == {"slide": 2}
    again.close()


def test_a_room_is_found_by_its_code_and_its_browser_only(store: Store) -> None:
    room = store.create_room(OWNER, {"slide": 1, "revealed": []})
    assert len(room.code) == ROOM_CODE_LENGTH
    assert set(room.code) <= set(ROOM_CODE_ALPHABET)
    found = store.get_room(room.code, OWNER)
    assert (found.code, found.state, found.version, found.data_id) == (room.code, {"slide": 1, "revealed": []}, 0, None)
    assert store.get_room(room.code, STRANGER) is None
    assert store.get_room(room.code, "") is None
    assert store.get_room("zzzzzzzz", OWNER) is None
    assert store.get_room(room.code[:-1], OWNER) is None
    assert store.get_room(None, OWNER) is None  # type: ignore[arg-type]


def test_the_browser_id_is_stored_only_as_a_hash(store: Store) -> None:
    store.create_room(OWNER, {"slide": 0})
    assert OWNER not in all_text(store)


def test_an_update_merges_into_the_state_and_moves_the_version_on(store: Store) -> None:
    room = store.create_room(OWNER, {"slide": 0, "blank": False})
    updated = store.update_room(room.code, OWNER, {"slide": 4})
    assert updated.state == {"slide": 4, "blank": False}
    assert updated.version == 1
    assert store.get_room(room.code, OWNER).state == {"slide": 4, "blank": False}
    assert store.update_room(room.code, STRANGER, {"slide": 9}) is None
    assert store.get_room(room.code, OWNER).state["slide"] == 4


def test_a_function_update_sees_the_current_state(store: Store) -> None:
    room = store.create_room(OWNER, {"revealed": []})
    store.update_room(room.code, OWNER, lambda state: {**state, "revealed": [*state["revealed"], 3]})
    store.update_room(room.code, OWNER, lambda state: {**state, "revealed": [*state["revealed"], 5]})
    assert store.get_room(room.code, OWNER).state == {"revealed": [3, 5]}


def test_many_threads_updating_one_room_lose_nothing(store: Store, database_url: str, clock) -> None:
    """Two stores on one database stand for two replicas; each thread adds one number to a list."""
    other = Store.open(database_url, clock=clock)
    room = store.create_room(OWNER, {"seen": []})

    def add(which: Store, number: int) -> None:
        which.update_room(room.code, OWNER, lambda state: {"seen": [*state["seen"], number]})

    threads = [threading.Thread(target=add, args=(store if n % 2 else other, n)) for n in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = store.get_room(room.code, OWNER)
    assert sorted(final.state["seen"]) == list(range(24))
    assert final.version == 24
    other.close()


def test_an_idle_room_is_gone_and_a_sweep_deletes_it(store: Store, clock) -> None:
    room = store.create_room(OWNER, {"slide": 0})
    kept = store.create_room(OWNER, {"slide": 0})
    clock.advance(ROOM_IDLE_SECONDS - 10)
    assert store.get_room(kept.code, OWNER) is not None  # looking at it keeps it
    clock.advance(20)
    assert store.get_room(room.code, OWNER) is None
    assert store.update_room(room.code, OWNER, {"slide": 1}) is None
    assert store.sweep()["rooms"] == 1
    with store.engine.connect() as connection:
        codes = set(connection.execute(sa.select(rooms.c.code)).scalars())
    assert codes == {kept.code}


def test_a_room_refers_to_stored_study_data(store: Store, clock) -> None:
    data_id = store.put_data(b"an uploaded study")
    assert store.put_data(b"an uploaded study") == data_id  # kept once
    room = store.create_room(OWNER, {"slide": 0}, data_id=data_id)
    assert store.get_room(room.code, OWNER).data_id == data_id
    assert store.get_data(data_id) == b"an uploaded study"
    assert store.get_data("0" * 64) is None
    assert store.get_data("nonsense") is None
    with pytest.raises(ValueError, match="No stored study data"):
        store.create_room(OWNER, {}, data_id="0" * 64)
    # While the room lives its data stays; once the room has gone idle, both are swept.
    clock.advance(ROOM_IDLE_SECONDS + 1)
    gone = store.sweep()
    assert (gone["rooms"], gone["study_data"]) == (1, 1)
    assert store.get_data(data_id) is None


def test_data_nobody_refers_to_stays_for_a_while(store: Store, clock) -> None:
    data_id = store.put_data(b"about to be shown")
    assert store.sweep()["study_data"] == 0
    assert store.get_data(data_id) == b"about to be shown"


def test_room_entries_are_appended_and_read_by_the_owner_only(store: Store) -> None:
    room = store.create_room(OWNER, {})
    assert store.room_exists(room.code)
    assert not store.room_exists("zzzzzzzz")
    first = store.add_room_entry(room.code, STRANGER, "answer", {"text": "more time"})
    second = store.add_room_entry(room.code, "c" * 64, "answer", {"text": "shared notes"})
    assert second > first
    assert store.add_room_entry("zzzzzzzz", STRANGER, "answer", {}) is None
    entries = store.room_entries(room.code, OWNER)
    assert [entry.body["text"] for entry in entries] == ["more time", "shared notes"]
    assert entries[0].author != STRANGER
    assert [entry.id for entry in store.room_entries(room.code, OWNER, after_id=first)] == [second]
    assert store.room_entries(room.code, STRANGER) is None
    assert store.delete_room(room.code, OWNER)
    assert store.room_entries(room.code, OWNER) is None


def test_a_kept_item_reopens_with_its_link_only(store: Store) -> None:
    link = store.keep("plan", {"ids": ["R01", "R03"], "details": [{"owner": "Team"}]})
    assert len(link) >= 32  # 192 bits, URL-safe
    assert store.load_kept("plan", link) == {"ids": ["R01", "R03"], "details": [{"owner": "Team"}]}
    assert store.load_kept("assessment", link) is None  # another kind: not found
    tampered = link[:-1] + ("A" if link[-1] != "A" else "B")
    for wrong in (tampered, "", "x" * 32, link + "x", None, 12):
        assert store.load_kept("plan", wrong) is None
    assert link not in all_text(store)
    assert store.forget_kept("plan", link)
    assert store.load_kept("plan", link) is None


def test_a_kept_item_expires_unless_opened(store: Store, clock) -> None:
    opened = store.keep("assessment", {"answers": {"1": "agree"}}, lifetime=100)
    left = store.keep("assessment", {"answers": {}}, lifetime=100)
    clock.advance(90)
    assert store.load_kept("assessment", opened, lifetime=100) is not None  # opening keeps it 100 s more
    clock.advance(20)
    assert store.load_kept("assessment", left) is None
    assert store.load_kept("assessment", opened) is not None
    assert store.sweep()["kept_items"] == 1
    with store.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(kept_items)).scalar() == 1


def test_state_that_is_not_json_or_too_large_is_refused(store: Store) -> None:
    with pytest.raises(TypeError):
        store.create_room(OWNER, {"when": object()})
    with pytest.raises(ValueError, match="larger"):
        store.keep("plan", {"text": "x" * (2 * 1024 * 1024)})
    with pytest.raises(ValueError, match="owner"):
        store.create_room("", {})
