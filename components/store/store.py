"""The store's API: rooms, study data, kept plans and self-assessments, expiry sweeps (published studies are
components/store/published.py, the live room components/store/live_room.py: functions of a Store).

See the package docstring (components/store/__init__.py) for how to use it. Every public method is one
transaction; a database that cannot be used raises StoreUnavailableError with a message fit to show a user.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa

from components.store import engine as engines
from components.store import migrate
from components.store.schema import kept_items, published_studies, room_entries, rooms, study_data

# A room code is read aloud or typed: no 0/o, 1/l/i. 31**8 is about 8.5e11 codes.
ROOM_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ROOM_CODE_LENGTH = 8
ROOM_IDLE_SECONDS = 4 * 60 * 60  # a room nobody has looked at for half a training day is deleted
KEPT_SECONDS = 180 * 24 * 60 * 60  # a kept plan or assessment lasts half a year after it was last opened
TOUCH_EVERY_SECONDS = 60  # a read moves "last used" on at most this often (a projector polls every second)
SWEEP_EVERY_SECONDS = 5 * 60  # how often one process deletes what has expired, on the side of a write
MAX_DATA_BYTES = 64 * 1024 * 1024
MAX_JSON_BYTES = 1024 * 1024
LINK_ID_BYTES = 24  # private link ids and published study ids: 192 random bits
OWNER_TOKEN_BYTES = 32

# The live room's table (components.store.live_room defines it; named here only by the columns read, as that
# module imports this one). A presenter room whose live room has not expired is kept however idle it is: the
# room's answers last their own 24 hours, and the trainer reaches them (the downloads) through the room, in
# the browser that opened it, the next morning too.
_live_rooms = sa.table("live_rooms", sa.column("room_code"), sa.column("expires_at"))


# Failed attempts at a secret (components.store.attempts defines the table, which imports this module): each
# limit deletes its own rows past its window as it notes new ones; the sweep deletes what no new failure swept.
_failed_attempts = sa.table("failed_attempts", sa.column("at"))
ATTEMPTS_KEPT_SECONDS = 24 * 60 * 60  # no attempt limit's window is longer than this


def _rooms_with_live_answers(now: float):
    return sa.select(_live_rooms.c.room_code).where(_live_rooms.c.expires_at > now)


T = TypeVar("T")


# What a user is told when the database cannot be used: what failed, that nothing on their page is lost, and
# what to do. Which database, where its file is and what the driver said are server internals: they go to the
# server's log only (StoreUnavailableError.detail).
UNAVAILABLE_MESSAGE = (
    "The explorer's storage cannot be used just now, so nothing can be saved to it or opened from it. "
    "What is on this page is kept. Try again in a minute; if it keeps happening, tell whoever runs this explorer."
)
# A database that is only busy (another writer held the lock past the busy timeout, or every pooled connection
# was in use): the next call will likely work, so the store stays on and the user is told to try again.
BUSY_MESSAGE = (
    "The explorer's storage is busy just now, so this was not saved or opened. What is on this page is kept. "
    "Try again in a moment."
)


class StoreUnavailableError(RuntimeError):
    """The database cannot be used (missing, corrupt, read-only, locked, unreachable).

    str() is the plain message for a user: no database URL, file path, driver text, password or secret.
    `detail` is for the server's log and the store's command line: which database (password hidden) and why."""

    def __init__(self, message: str = UNAVAILABLE_MESSAGE, detail: str | None = None, busy: bool = False) -> None:
        super().__init__(message)
        self.detail = detail or message
        self.busy = busy  # only busy for a moment (see BUSY_MESSAGE), not unusable


@dataclass(frozen=True)
class StoredRoom:
    code: str
    data_id: str | None  # the stored study data the room shows; None for the bundled study
    state: dict[str, Any]
    version: int  # goes up by one with every update
    created_at: float
    last_used_at: float


@dataclass(frozen=True)
class RoomEntry:
    id: int  # increases in the order entries were added
    author: str  # the author's hash (never the raw browser id)
    kind: str
    body: dict[str, Any]
    created_at: float


def secret_hash(purpose: str, secret: str) -> str:
    """SHA-256 hex of a secret, namespaced by what it is for; the only form in which secrets are stored."""
    return hashlib.sha256(f"{purpose}\0{secret}".encode()).hexdigest()


def _same(stored_hash: str, purpose: str, secret: str) -> bool:
    return hmac.compare_digest(stored_hash.encode(), secret_hash(purpose, secret).encode())


def _json_size_checked(value: Mapping[str, Any], what: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a mapping")
    text = json.dumps(dict(value), ensure_ascii=False, allow_nan=False)
    if len(text.encode()) > MAX_JSON_BYTES:
        raise ValueError(f"{what} is larger than {MAX_JSON_BYTES} bytes")
    return json.loads(text)  # exactly what will be read back (tuples become lists, keys strings)


def unavailable_error(error: BaseException, url: str) -> StoreUnavailableError:
    """The error to raise when the database at `url` failed with `error`: the plain message for users, and the
    database (password hidden), the reason and the driver's words as its detail for the server's log."""
    if is_busy(error):
        return StoreUnavailableError(BUSY_MESSAGE, detail=unavailable_detail(error, url), busy=True)
    return StoreUnavailableError(detail=unavailable_detail(error, url))


def is_busy(error: BaseException) -> bool:
    """The database is only busy: SQLite's lock held past the busy timeout, or no pooled connection free in time."""
    if isinstance(error, sa.exc.TimeoutError):
        return True
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def unavailable_detail(error: BaseException, url: str) -> str:
    """Why the database at `url` cannot be used, for the server's log (never shown to a user)."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    where = engines.safe_url(url)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        reason = "the file is damaged (not a readable SQLite database)"
    elif "readonly" in text or "read-only" in text or "read only" in text:
        reason = "it is read-only"
    elif isinstance(error, sa.exc.TimeoutError):
        reason = "every connection to it was in use"
    elif "locked" in text or "busy" in text:
        reason = "another program holds it locked"
    elif "unable to open" in text:
        reason = "the file cannot be opened or created"
    elif "connection" in text or "could not" in text or "refused" in text or "timeout" in text:
        reason = "the database server cannot be reached"
    elif "password" in text or "authentication" in text:
        reason = "the database server refused the login"
    else:
        reason = "the database reported an error"
    # The driver's words, on one line; never a statement or its parameters (they can hold what users kept).
    said = " ".join(str(original).split("[SQL:")[0].split())[:300]
    return f"The explorer's database ({where}) cannot be used: {reason} ({type(original).__name__}: {said})."


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    """A database fault in a call on the store (a Store method, or a function whose first argument is the
    Store) becomes StoreUnavailableError with a message fit for a user; an IntegrityError is left to the caller."""

    @functools.wraps(method)
    def wrapper(self: Store, *args, **kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except StoreUnavailableError:
            raise
        except sa.exc.IntegrityError:
            raise
        except (sa.exc.OperationalError, sa.exc.DatabaseError, sa.exc.InterfaceError, sa.exc.TimeoutError) as error:
            raise unavailable_error(error, self.url) from error

    return wrapper


class Store:
    """One database. Thread-safe (each call takes its own connection from the engine's pool)."""

    def __init__(self, engine: sa.Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self.clock = clock
        self._last_sweep = float("-inf")
        self._sweep_lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None = None, clock: Callable[[], float] = time.time, upgrade: bool = True) -> Store:
        """The store at `url` (default: EXPLORER_DATABASE_URL or the SQLite file), migrated to the newest
        tables unless upgrade=False. Raises StoreUnavailableError when it cannot be used."""
        url = url or engines.database_url()
        try:
            engine = engines.make_engine(url)
        except OSError as error:  # the SQLite file's folder cannot be made (a file in the way, no permission)
            raise unavailable_error(error, url) from error
        except (ValueError, ImportError, sa.exc.ArgumentError) as error:
            raise StoreUnavailableError(
                detail=f"The explorer's database ({engines.safe_url(url)}) cannot be used: {error}"
            ) from error
        store = cls(engine, clock=clock)
        try:
            if upgrade:
                migrate.upgrade(engine)
            else:
                with engine.connect() as connection:
                    connection.execute(sa.text("SELECT 1"))
        except (sa.exc.OperationalError, sa.exc.DatabaseError, sa.exc.InterfaceError, OSError) as error:
            engine.dispose()
            raise unavailable_error(error, url) from error
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A transaction that only reads. On SQLite it does not take the write lock (every other transaction
        does, see engine.make_engine): in WAL mode it reads a consistent snapshot without waiting for writers,
        so frequent reads (phones polling a live room) neither queue behind writes nor hold them up."""
        with self.engine.connect() as connection:
            connection.execution_options(**{engines.READ_ONLY_OPTION: True})
            with connection.begin():
                yield connection

    # -- study data ------------------------------------------------------------------------------

    @guarded
    def put_data(self, content: bytes) -> str:
        """Keep study data (bytes, e.g. an upload serialised by its feature); returns its id (content hash).
        Data no room or published study refers to is deleted by a sweep once a room's idle time has passed."""
        if not isinstance(content, bytes | bytearray):
            raise TypeError("study data must be bytes")
        if len(content) > MAX_DATA_BYTES:
            raise ValueError(f"study data is larger than {MAX_DATA_BYTES} bytes")
        data_id = hashlib.sha256(content).hexdigest()
        now = self.clock()
        with self.engine.begin() as connection:
            self._put_data(connection, data_id, bytes(content), now)
        return data_id

    @guarded
    def get_data(self, data_id: str) -> bytes | None:
        if not isinstance(data_id, str) or len(data_id) != 64:
            return None
        with self.engine.begin() as connection:
            row = connection.execute(sa.select(study_data.c.content).where(study_data.c.id == data_id)).first()
        return bytes(row.content) if row else None

    # -- rooms -----------------------------------------------------------------------------------

    @guarded
    def create_room(self, owner: str, state: Mapping[str, Any], data_id: str | None = None) -> StoredRoom:
        """A new room with a fresh code, bound to `owner` (a browser's id; only its hash is stored)."""
        if not owner:
            raise ValueError("A room needs an owner (the browser's id).")
        state = _json_size_checked(state, "room state")
        self._maybe_sweep()
        now = self.clock()
        for _ in range(20):
            code = "".join(secrets.choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))
            try:
                with self.engine.begin() as connection:
                    if data_id is not None:
                        self._touch_data(connection, data_id, now, must_exist=True)
                    connection.execute(
                        rooms.insert().values(
                            code=code,
                            owner_hash=secret_hash("room-owner", owner),
                            data_id=data_id,
                            state=state,
                            version=0,
                            created_at=now,
                            last_used_at=now,
                        )
                    )
                return StoredRoom(code, data_id, state, 0, now, now)
            except sa.exc.IntegrityError:
                continue  # the code was taken (or nearly impossible: try another)
        raise StoreUnavailableError(detail="The explorer's database could not find a free room code.")

    @guarded
    def get_room(self, code: str, owner: str) -> StoredRoom | None:
        """The room if it exists, is not idle too long and is bound to `owner`; else None (all alike)."""
        now = self.clock()
        with self.engine.begin() as connection:
            row = self._owned_room(connection, code, owner, now)
            if row is None:
                return None
            last_used = row.last_used_at
            if now - last_used >= TOUCH_EVERY_SECONDS:
                last_used = now
                connection.execute(rooms.update().where(rooms.c.code == row.code).values(last_used_at=now))
                if row.data_id is not None:
                    self._touch_data(connection, row.data_id, now)
        return StoredRoom(row.code, row.data_id, dict(row.state), row.version, row.created_at, last_used)

    @guarded
    def update_room(
        self,
        code: str,
        owner: str,
        change: Mapping[str, Any] | Callable[[dict[str, Any]], Mapping[str, Any]],
    ) -> StoredRoom | None:
        """Merge `change` into the room's state (or, if it is a function, replace the state by what it returns
        from the current state), move the version on by one; None when the room is not this owner's.

        The function runs inside the transaction, with the room locked: two windows on two replicas changing
        the same room one after the other both count."""
        now = self.clock()
        with self.engine.begin() as connection:
            row = self._owned_room(connection, code, owner, now, lock=True)
            if row is None:
                return None
            current = dict(row.state)
            new_state = dict(change(dict(current))) if callable(change) else {**current, **change}
            new_state = _json_size_checked(new_state, "room state")
            version = row.version + 1
            connection.execute(
                rooms.update()
                .where(rooms.c.code == row.code)
                .values(state=new_state, version=version, last_used_at=now)
            )
        return StoredRoom(row.code, row.data_id, new_state, version, row.created_at, now)

    @guarded
    def delete_room(self, code: str, owner: str) -> bool:
        now = self.clock()
        with self.engine.begin() as connection:
            row = self._owned_room(connection, code, owner, now, lock=True)
            if row is None:
                return False
            connection.execute(rooms.delete().where(rooms.c.code == row.code))
        return True

    @guarded
    def add_room_entry(self, code: str, author: str, kind: str, body: Mapping[str, Any]) -> int | None:
        """Append what `author` (any browser's id; stored hashed) sends to a live room; None if no such room.
        Whether this author may write here is the calling feature's decision."""
        if not author or not kind or len(kind) > 40:
            raise ValueError("A room entry needs an author and a kind (at most 40 characters).")
        body = _json_size_checked(body, "room entry")
        now = self.clock()
        with self.engine.begin() as connection:
            row = self._live_room(connection, code, now)
            if row is None:
                return None
            result = connection.execute(
                room_entries.insert().values(
                    room_code=row.code,
                    author_hash=secret_hash("room-author", author),
                    kind=kind,
                    body=body,
                    created_at=now,
                )
            )
            return int(result.inserted_primary_key[0])

    @guarded
    def room_entries(self, code: str, owner: str, after_id: int = 0) -> list[RoomEntry] | None:
        """Entries of the owner's room with id > after_id, oldest first; None when the room is not theirs."""
        now = self.clock()
        with self.engine.begin() as connection:
            row = self._owned_room(connection, code, owner, now)
            if row is None:
                return None
            found = connection.execute(
                sa.select(room_entries)
                .where(room_entries.c.room_code == row.code, room_entries.c.id > int(after_id))
                .order_by(room_entries.c.id)
            ).all()
        return [RoomEntry(e.id, e.author_hash, e.kind, dict(e.body), e.created_at) for e in found]

    def room_exists(self, code: str) -> bool:
        """Whether a live (not expired) room has this code, whoever owns it (for a live room's audience)."""
        return self._room_exists(code)

    @guarded
    def _room_exists(self, code: str) -> bool:
        with self.engine.begin() as connection:
            return self._live_room(connection, code, self.clock()) is not None

    # -- kept plans and self-assessments ---------------------------------------------------------

    @guarded
    def keep(self, kind: str, payload: Mapping[str, Any], lifetime: float = KEPT_SECONDS) -> str:
        """Keep a payload (a plan, a self-assessment) and return its private link id (192 random bits,
        URL-safe). Only a hash of the id is stored: whoever holds the id can open it, nobody else."""
        if not kind or len(kind) > 40:
            raise ValueError("A kept item needs a kind (at most 40 characters).")
        payload = _json_size_checked(payload, kind)
        self._maybe_sweep()
        link_id = secrets.token_urlsafe(LINK_ID_BYTES)
        now = self.clock()
        with self.engine.begin() as connection:
            connection.execute(
                kept_items.insert().values(
                    id_hash=secret_hash("kept", link_id),
                    kind=kind,
                    payload=payload,
                    created_at=now,
                    last_used_at=now,
                    expires_at=now + lifetime,
                )
            )
        return link_id

    @guarded
    def load_kept(self, kind: str, link_id: str, lifetime: float = KEPT_SECONDS) -> dict[str, Any] | None:
        """The payload kept under this link id and kind, or None (unknown, tampered, expired, other kind).
        Opening it keeps it for another `lifetime`."""
        if not isinstance(link_id, str) or not 16 <= len(link_id) <= 64:
            return None
        now = self.clock()
        id_hash = secret_hash("kept", link_id)
        with self.engine.begin() as connection:
            row = connection.execute(sa.select(kept_items).where(kept_items.c.id_hash == id_hash)).first()
            if row is None or not _same(row.id_hash, "kept", link_id) or row.kind != kind or row.expires_at <= now:
                return None
            if now - row.last_used_at >= TOUCH_EVERY_SECONDS:
                connection.execute(
                    kept_items.update()
                    .where(kept_items.c.id_hash == id_hash)
                    .values(last_used_at=now, expires_at=max(row.expires_at, now + lifetime))
                )
        return dict(row.payload)

    @guarded
    def forget_kept(self, kind: str, link_id: str) -> bool:
        """Delete a kept item (whoever holds its link may); False when there was none."""
        if not isinstance(link_id, str):
            return False
        with self.engine.begin() as connection:
            result = connection.execute(
                kept_items.delete().where(
                    kept_items.c.id_hash == secret_hash("kept", link_id), kept_items.c.kind == kind
                )
            )
        return result.rowcount > 0

    # -- expiry ----------------------------------------------------------------------------------

    @guarded
    def sweep(self) -> dict[str, int]:
        """Delete idle rooms (and their entries), expired kept items and published studies, study data nothing
        refers to any more, and failed attempts older than a day. Returns how many rows of each went."""
        now = self.clock()
        idle_before = now - ROOM_IDLE_SECONDS
        idle = sa.and_(rooms.c.last_used_at < idle_before, rooms.c.code.not_in(_rooms_with_live_answers(now)))
        with self.engine.begin() as connection:
            gone_entries = connection.execute(
                room_entries.delete().where(room_entries.c.room_code.in_(sa.select(rooms.c.code).where(idle)))
            ).rowcount
            gone_rooms = connection.execute(rooms.delete().where(idle)).rowcount
            gone_kept = connection.execute(kept_items.delete().where(kept_items.c.expires_at <= now)).rowcount
            gone_published = connection.execute(
                published_studies.delete().where(published_studies.c.expires_at <= now)
            ).rowcount
            referenced = sa.union(
                sa.select(rooms.c.data_id).where(rooms.c.data_id.is_not(None)),
                sa.select(published_studies.c.data_id),
            )
            gone_data = connection.execute(
                study_data.delete().where(study_data.c.last_used_at < idle_before, study_data.c.id.not_in(referenced))
            ).rowcount
            gone_attempts = connection.execute(
                _failed_attempts.delete().where(_failed_attempts.c.at < now - ATTEMPTS_KEPT_SECONDS)
            ).rowcount
        self._last_sweep = now
        return {
            "rooms": gone_rooms,
            "room_entries": gone_entries,
            "kept_items": gone_kept,
            "published_studies": gone_published,
            "study_data": gone_data,
            "failed_attempts": gone_attempts,
        }

    def _maybe_sweep(self) -> None:
        now = self.clock()
        if now - self._last_sweep < SWEEP_EVERY_SECONDS or not self._sweep_lock.acquire(blocking=False):
            return
        try:
            self._last_sweep = now
            self.sweep()
        finally:
            self._sweep_lock.release()

    # -- inside one transaction ------------------------------------------------------------------

    def _owned_room(self, connection: sa.Connection, code: str, owner: str, now: float, lock: bool = False):
        row = self._live_room(connection, code, now, lock=lock)
        if row is None or not owner or not _same(row.owner_hash, "room-owner", owner):
            return None
        return row

    @staticmethod
    def _live_room(connection: sa.Connection, code: str, now: float, lock: bool = False):
        if not isinstance(code, str) or len(code) != ROOM_CODE_LENGTH:
            return None
        query = sa.select(rooms).where(rooms.c.code == code)
        if lock:
            query = query.with_for_update()
        row = connection.execute(query).first()
        if row is None:
            return None
        if now - row.last_used_at > ROOM_IDLE_SECONDS:
            kept = connection.execute(_rooms_with_live_answers(now).where(_live_rooms.c.room_code == code)).first()
            if kept is None:
                return None
        return row

    @staticmethod
    def _put_data(connection: sa.Connection, data_id: str, content: bytes, now: float) -> None:
        # One statement that inserts or, when two processes keep the same data at once, marks it used.
        if connection.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        statement = insert(study_data).values(
            id=data_id, content=content, size=len(content), created_at=now, last_used_at=now
        )
        connection.execute(statement.on_conflict_do_update(index_elements=["id"], set_={"last_used_at": now}))

    @staticmethod
    def _touch_data(connection: sa.Connection, data_id: str, now: float, must_exist: bool = False) -> None:
        result = connection.execute(study_data.update().where(study_data.c.id == data_id).values(last_used_at=now))
        if must_exist and result.rowcount == 0:
            raise ValueError("No stored study data has that id.")
