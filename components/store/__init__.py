"""The explorer's store: rooms, plans and studies that last beyond one server process.

One database for every replica. SQLite by default (`state/explorer.db` beside app.py, WAL, busy timeout);
`EXPLORER_DATABASE_URL=postgresql+psycopg://user:password@host/db` for replicas on several machines. The
tables are created and migrated in place by Alembic at start (`Store.open`), or on their own with
`python -m components.store upgrade`. This package sits at the data level: it imports nothing from the
features or the UI, and knows nothing of Streamlit except `components.ui.app_store`.

Use it like this (every method is one transaction; every id or token that is unknown, malformed, tampered
with or expired gives the same None/False; secrets are stored only as SHA-256 hashes and compared in constant
time; a database that cannot be used raises StoreUnavailableError, whose str() is a plain message fit for a
user and whose .detail, for the server's log only, says which database and why):

    from components.store import Store, StoreUnavailableError

    store = Store.open()                     # or Store.open("sqlite:////tmp/x.db"), Store.open(url, clock=...)

    # Study data (bytes; the feature serialises an upload itself). Returns its id, the content's SHA-256.
    data_id = store.put_data(content)
    store.get_data(data_id)                  # -> bytes | None

    # Presenter rooms, bound to the browser that opened them (owner = its browser id; stored hashed).
    room = store.create_room(owner, {"slide": 0}, data_id=None)   # -> StoredRoom (code, state, version, ...)
    store.get_room(room.code, owner)         # -> StoredRoom | None (None for another browser, or when idle)
    store.update_room(code, owner, {"slide": 3})                  # merge into the state; version + 1
    store.update_room(code, owner, lambda state: {...})           # read-modify-write under the room's lock
    store.delete_room(code, owner)           # -> bool
    # What a room's audience sends (appended; the feature decides who may send):
    store.room_exists(code)                  # -> bool (whoever owns it)
    store.add_room_entry(code, author, "answer", {"text": "..."})  # -> entry id | None
    store.room_entries(code, owner, after_id=0)                   # -> list[RoomEntry] | None (owner only)

    # Kept plans and self-assessments: a private link id (192 random bits) reopens them; no accounts.
    link_id = store.keep("plan", {"ids": ["R01"]})
    store.load_kept("plan", link_id)         # -> dict | None (each opening keeps it another 180 days)
    store.forget_kept("plan", link_id)       # -> bool

    # Published studies: anyone with the id reads it; the owner token (shown once) changes or deletes it.
    # They are functions of a Store in components/store/published.py (publish, published_header, owned_study,
    # replace_data, set_expiry, delete_everything); the live room's are in components/store/live_room.py.

    store.sweep()                            # delete what expired (also done now and then by writes)

In the app, `components.ui.app_store.app_store()` is the process's Store or None when the database cannot
be used (then `store_problem()` says why, and the app goes on with the bundled study).

Tables: components/store/schema.py; migrations: components/store/migrations/versions/ (a change to the
tables is a new migration there, never an edit of an old one).
"""

from components.store.store import (
    KEPT_SECONDS,
    ROOM_CODE_ALPHABET,
    ROOM_CODE_LENGTH,
    ROOM_IDLE_SECONDS,
    RoomEntry,
    Store,
    StoredRoom,
    StoreUnavailableError,
)

__all__ = [
    "KEPT_SECONDS",
    "ROOM_CODE_ALPHABET",
    "ROOM_CODE_LENGTH",
    "ROOM_IDLE_SECONDS",
    "RoomEntry",
    "Store",
    "StoreUnavailableError",
    "StoredRoom",
]
