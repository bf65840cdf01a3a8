"""Published studies in the store: publishing under a server-wide cap, the owner's changes
(replace the data, change the expiry, delete everything at once), and the light look-up a page makes on
every run.

Functions of a Store, kept out of store.py so the store's own class stays as it is; the only way the app and
its tests publish, read and delete a published study. Every function is one
transaction; ids and owner tokens that are unknown, malformed, tampered with or expired all give the same
None/False; the owner token is compared only as its hash, in constant time. A database that cannot be used
raises StoreUnavailableError (str() is a message for a user).

    study_id, token = publish(store, content, {"name": "..."}, lifetime=30 * 86400, max_studies=200)
    header = published_header(store, study_id)        # -> PublishedHeader | None (no content: cheap per run)
    owned = owned_study(store, study_id, token)       # -> PublishedHeader | None (the owner's view)
    replace_data(store, study_id, token, content, meta)  # -> bool; the old data goes when nothing else uses it
    set_expiry(store, study_id, token, lifetime)      # -> expires_at | None
    delete_everything(store, study_id, token)         # -> bool; the study and its data, in one transaction
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa

from components.store.schema import published_studies, rooms, study_data
from components.store.store import (
    LINK_ID_BYTES,
    MAX_DATA_BYTES,
    OWNER_TOKEN_BYTES,
    Store,
    _json_size_checked,
    _same,
    guarded,
    secret_hash,
)

T = TypeVar("T")
OWNER_PURPOSE = "study-owner"  # the namespace owner tokens are hashed in: a change breaks every stored owner link
ID_LENGTHS = range(16, 65)  # what an id may look like before it is looked up at all


class PublishLimitError(RuntimeError):
    """The server already keeps as many published studies as it is allowed to."""

    def __init__(self, count: int, limit: int) -> None:
        super().__init__(f"{count} published studies are kept; the limit is {limit}")
        self.count = count
        self.limit = limit


@dataclass(frozen=True)
class PublishedHeader:
    """A published study without its content: what a page needs to know on every run."""

    id: str
    data_id: str  # the SHA-256 of the content: a process caches the parsed study under it
    meta: dict[str, Any]
    size: int
    created_at: float
    expires_at: float


def _checked_content(content: bytes, max_bytes: int) -> bytes:
    if not isinstance(content, bytes | bytearray):
        raise TypeError("study data must be bytes")
    if len(content) > min(max_bytes, MAX_DATA_BYTES):
        raise ValueError(f"study data is larger than {min(max_bytes, MAX_DATA_BYTES)} bytes")
    return bytes(content)


def _lock_published(connection: sa.Connection) -> None:
    # SQLite: every transaction already begins IMMEDIATE (one writer at a time). PostgreSQL: two publishers
    # counting at once must not both squeeze under the cap.
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("LOCK TABLE published_studies IN SHARE ROW EXCLUSIVE MODE"))


def _live_count(connection: sa.Connection, now: float) -> int:
    return connection.execute(
        sa.select(sa.func.count()).select_from(published_studies).where(published_studies.c.expires_at > now)
    ).scalar_one()


@guarded
def publish(
    store: Store,
    content: bytes,
    meta: Mapping[str, Any],
    lifetime: float,
    max_studies: int,
    max_bytes: int = MAX_DATA_BYTES,
) -> tuple[str, str]:
    """Publish a study for `lifetime` seconds unless `max_studies` live ones are kept already (then
    PublishLimitError). Returns (study id, owner token); the id is 192 random bits, the token 256."""
    content = _checked_content(content, max_bytes)
    meta = _json_size_checked(meta, "study metadata")
    if lifetime <= 0:
        raise ValueError("a published study needs a lifetime")
    store._maybe_sweep()
    study_id = secrets.token_urlsafe(LINK_ID_BYTES)
    owner_token = secrets.token_urlsafe(OWNER_TOKEN_BYTES)
    data_id = hashlib.sha256(content).hexdigest()
    now = store.clock()
    with store.engine.begin() as connection:
        _lock_published(connection)
        count = _live_count(connection, now)
        if count >= max_studies:
            raise PublishLimitError(count, max_studies)
        store._put_data(connection, data_id, content, now)
        connection.execute(
            published_studies.insert().values(
                id=study_id,
                owner_token_hash=secret_hash(OWNER_PURPOSE, owner_token),
                data_id=data_id,
                meta=meta,
                size=len(content),
                created_at=now,
                expires_at=now + lifetime,
            )
        )
    return study_id, owner_token


@guarded
def live_count(store: Store) -> int:
    """How many published studies have not expired."""
    with store.engine.begin() as connection:
        return _live_count(connection, store.clock())


def _header(row) -> PublishedHeader:
    return PublishedHeader(row.id, row.data_id, dict(row.meta), row.size, row.created_at, row.expires_at)


def _live_row(connection: sa.Connection, study_id: str, now: float, lock: bool = False):
    if not isinstance(study_id, str) or len(study_id) not in ID_LENGTHS:
        return None
    query = sa.select(published_studies).where(published_studies.c.id == study_id)
    if lock:
        query = query.with_for_update()
    row = connection.execute(query).first()
    if row is None or row.expires_at <= now:
        return None
    return row


def _owned_row(connection: sa.Connection, study_id: str, owner_token: str, now: float, lock: bool = False):
    row = _live_row(connection, study_id, now, lock=lock)
    if row is None or not isinstance(owner_token, str) or not owner_token:
        return None
    if not _same(row.owner_token_hash, OWNER_PURPOSE, owner_token):
        return None
    return row


@guarded
def published_header(store: Store, study_id: str) -> PublishedHeader | None:
    """The live published study's header (no content), or None (unknown, malformed, expired alike)."""
    with store.engine.begin() as connection:
        row = _live_row(connection, study_id, store.clock())
    return _header(row) if row is not None else None


@guarded
def owned_study(store: Store, study_id: str, owner_token: str) -> PublishedHeader | None:
    """The header when `owner_token` is this live study's owner token; None otherwise (all failures alike)."""
    with store.engine.begin() as connection:
        row = _owned_row(connection, study_id, owner_token, store.clock())
    return _header(row) if row is not None else None


def _drop_data_if_unused(connection: sa.Connection, data_id: str) -> int:
    """Delete study data no published study or room refers to any more (SQLite overwrites it: secure_delete)."""
    in_use = sa.union(
        sa.select(published_studies.c.data_id).where(published_studies.c.data_id == data_id),
        sa.select(rooms.c.data_id).where(rooms.c.data_id == data_id),
    )
    return connection.execute(
        study_data.delete().where(study_data.c.id == data_id, study_data.c.id.not_in(in_use))
    ).rowcount


@guarded
def replace_data(
    store: Store,
    study_id: str,
    owner_token: str,
    content: bytes,
    meta: Mapping[str, Any],
    max_bytes: int = MAX_DATA_BYTES,
) -> bool:
    """Put new data (and metadata) under the same id and links; the old data is deleted when nothing else
    uses it. False when the token is not this live study's owner's."""
    content = _checked_content(content, max_bytes)
    meta = _json_size_checked(meta, "study metadata")
    data_id = hashlib.sha256(content).hexdigest()
    now = store.clock()
    with store.engine.begin() as connection:
        row = _owned_row(connection, study_id, owner_token, now, lock=True)
        if row is None:
            return False
        store._put_data(connection, data_id, content, now)
        connection.execute(
            published_studies.update()
            .where(published_studies.c.id == row.id)
            .values(data_id=data_id, meta=meta, size=len(content))
        )
        if row.data_id != data_id:
            _drop_data_if_unused(connection, row.data_id)
    return True


@guarded
def set_expiry(store: Store, study_id: str, owner_token: str, lifetime: float) -> float | None:
    """Keep the study for `lifetime` seconds from now (longer or shorter than before); returns the new expiry,
    or None when the token is not this live study's owner's."""
    if lifetime <= 0:
        raise ValueError("a published study needs a lifetime")
    now = store.clock()
    with store.engine.begin() as connection:
        row = _owned_row(connection, study_id, owner_token, now, lock=True)
        if row is None:
            return None
        connection.execute(
            published_studies.update().where(published_studies.c.id == row.id).values(expires_at=now + lifetime)
        )
    return now + lifetime


@guarded
def delete_everything(store: Store, study_id: str, owner_token: str) -> bool:
    """Delete the published study and its data (unless a room or another published study holds the same
    data) in one transaction. False when the token is not this live study's owner's."""
    now = store.clock()
    with store.engine.begin() as connection:
        row = _owned_row(connection, study_id, owner_token, now, lock=True)
        if row is None:
            return False
        connection.execute(published_studies.delete().where(published_studies.c.id == row.id))
        _drop_data_if_unused(connection, row.data_id)
    return True
