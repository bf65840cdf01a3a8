"""The live room in the store: a presenter room opened to the people in the training room by a join code,
the question it is on, and the answers phones send (one row per participant per question, changed in place).

Phones have no owner secret: they reach a live room by its join code only, may add or change their own
answer (named by a participant id, stored only hashed) and may read the room's state and totals. Everything
else (individual answers, moderation, clearing, deleting) needs the presenter room's owner, as rooms do.
A live room and its answers are deleted `live_seconds()` after it opened (24 hours unless
EXPLORER_LIVE_ROOM_HOURS says otherwise), or at once by its owner, or with their presenter room when its
owner ends it. Until then the presenter room is kept however idle (Store.sweep), so the trainer can still
download the answers the next morning from the browser that opened the room.

Every function is one transaction; a database that cannot be used raises StoreUnavailableError.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa

from components.store.schema import metadata, rooms
from components.store.store import (
    Store,
    StoreUnavailableError,
    _json_size_checked,
    _same,
    guarded,
    secret_hash,
)

# Read aloud or typed on a phone: capitals and digits with no 0/O, 1/I/L. 31**6 is about 8.9e8 codes.
JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 6
LIVE_HOURS_VARIABLE = "EXPLORER_LIVE_ROOM_HOURS"
DEFAULT_LIVE_HOURS = 24.0
MAX_ANSWER_BYTES = 4 * 1024

T = TypeVar("T")

live_rooms = sa.Table(
    "live_rooms",
    metadata,
    sa.Column("join_code", sa.String(8), primary_key=True),
    sa.Column("room_code", sa.String(32), sa.ForeignKey("rooms.code", ondelete="CASCADE"), nullable=False),
    sa.Column("owner_hash", sa.String(64), nullable=False),
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.UniqueConstraint("room_code", name="uq_live_rooms_room_code"),
    sa.Index("ix_live_rooms_expires_at", "expires_at"),
)

# One row per participant per question: a changed answer replaces the row. `status` is "counted" for options
# and scales; a short answer is "pending" until the presenter approves ("approved") or rejects ("rejected") it.
live_answers = sa.Table(
    "live_answers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("join_code", sa.String(8), sa.ForeignKey("live_rooms.join_code", ondelete="CASCADE"), nullable=False),
    sa.Column("question_id", sa.String(40), nullable=False),
    sa.Column("participant_hash", sa.String(64), nullable=False),
    sa.Column("answer", sa.JSON, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.UniqueConstraint("join_code", "question_id", "participant_hash", name="uq_live_answers_one_per_person"),
)

COUNTED, PENDING, APPROVED, REJECTED = "counted", "pending", "approved", "rejected"
STATUSES = (COUNTED, PENDING, APPROVED, REJECTED)


def live_seconds(environ: Mapping[str, str] | None = None) -> float:
    """How long a live room and its answers are kept: EXPLORER_LIVE_ROOM_HOURS (a positive number) or 24 h."""
    env = os.environ if environ is None else environ
    try:
        hours = float(env.get(LIVE_HOURS_VARIABLE, "") or DEFAULT_LIVE_HOURS)
    except ValueError:
        hours = DEFAULT_LIVE_HOURS
    if not 0 < hours <= 24 * 365:
        hours = DEFAULT_LIVE_HOURS
    return hours * 3600


def normal_join_code(value: object) -> str | None:
    """A join code as typed (any case, spaces or dashes), or None when it cannot be one."""
    code = "".join(str(value or "").split()).replace("-", "").upper()
    if len(code) != JOIN_CODE_LENGTH or any(char not in JOIN_CODE_ALPHABET for char in code):
        return None
    return code


@dataclass(frozen=True)
class LiveRoom:
    join_code: str
    room_code: str
    state: dict[str, Any]
    version: int
    slide: int  # the presenter room's slide, which phones follow
    created_at: float
    expires_at: float


@dataclass(frozen=True)
class LiveAnswer:
    id: int
    question_id: str
    participant_hash: str
    answer: dict[str, Any]
    status: str
    created_at: float
    updated_at: float


def _participant_hash(join_code: str, participant: str) -> str:
    # Namespaced by the room: the same phone in two rooms cannot be linked from the stored rows.
    return secret_hash(f"live-participant\0{join_code}", participant)


def _select_live(join_code: str):
    return (
        sa.select(live_rooms, rooms.c.state.label("room_state"))
        .join(rooms, rooms.c.code == live_rooms.c.room_code)
        .where(live_rooms.c.join_code == join_code)
    )


def _live(row) -> LiveRoom:
    room_state = row.room_state if isinstance(row.room_state, dict) else {}
    return LiveRoom(
        row.join_code,
        row.room_code,
        dict(row.state),
        row.version,
        int(room_state.get("slide", 0) or 0),
        row.created_at,
        row.expires_at,
    )


@guarded
def open_live_room(store: Store, room_code: str, owner: str, state: Mapping[str, Any]) -> LiveRoom | None:
    """The owner's room opened to the room: its live room (made now with `state` and a fresh join code, or the
    one already open). None when the presenter room is not this owner's."""
    if store.get_room(room_code, owner) is None:
        return None
    state = _json_size_checked(state, "live room state")
    sweep_live_rooms(store)  # rooms open rarely: a good moment to delete what has expired
    now = store.clock()
    existing = live_room_for_owner(store, room_code, owner)
    if existing is not None:
        return existing
    for _ in range(20):
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        try:
            with store.engine.begin() as connection:
                connection.execute(live_rooms.delete().where(live_rooms.c.room_code == room_code))
                connection.execute(
                    live_rooms.insert().values(
                        join_code=code,
                        room_code=room_code,
                        owner_hash=secret_hash("room-owner", owner),
                        state=state,
                        version=0,
                        created_at=now,
                        expires_at=now + live_seconds(),
                    )
                )
            return live_room_for_owner(store, room_code, owner)
        except sa.exc.IntegrityError:
            continue  # the code was taken: try another
    raise StoreUnavailableError(detail="The explorer's database could not find a free join code.")


@guarded
def live_room_for_owner(store: Store, room_code: str, owner: str) -> LiveRoom | None:
    """The live room of the owner's presenter room, if it is open and has not expired."""
    now = store.clock()
    with store.reading() as connection:
        row = connection.execute(
            sa.select(live_rooms, rooms.c.state.label("room_state"))
            .join(rooms, rooms.c.code == live_rooms.c.room_code)
            .where(live_rooms.c.room_code == room_code)
        ).first()
    if row is None or row.expires_at <= now or not owner or not _same(row.owner_hash, "room-owner", owner):
        return None
    return _live(row)


@guarded
def live_room_by_code(store: Store, join_code: str) -> tuple[LiveRoom | None, bool]:
    """(the live room, False) for a phone; (None, True) when the code was a room's that has expired;
    (None, False) when no room has it."""
    view = phone_view(store, join_code)
    return view.room, view.expired


@dataclass(frozen=True)
class PhoneView:
    """What a phone's run draws from: its live room (None, and whether the code was an expired room's, when it
    has none) and its own answers there, by question id."""

    room: LiveRoom | None
    expired: bool = False
    own_answers: Mapping[str, dict[str, Any]] = field(default_factory=dict)


@guarded
def phone_view(store: Store, join_code: str, participant: str = "") -> PhoneView:
    """The live room by its join code and, for a `participant`, their own answers in it, in one read: every
    phone in a room reruns its page on each change, so this is one transaction, not two."""
    code = normal_join_code(join_code)
    if code is None:
        return PhoneView(None)
    now = store.clock()
    with store.reading() as connection:
        row = connection.execute(_select_live(code)).first()
        if row is None or row.expires_at <= now:
            return PhoneView(None, expired=row is not None)
        own = (
            connection.execute(
                sa.select(live_answers.c.question_id, live_answers.c.answer).where(
                    live_answers.c.join_code == code,
                    live_answers.c.participant_hash == _participant_hash(code, participant),
                )
            ).all()
            if participant
            else []
        )
    return PhoneView(_live(row), own_answers={answer.question_id: dict(answer.answer) for answer in own})


@guarded
def update_live_room(
    store: Store, join_code: str, owner: str, change: Callable[[dict[str, Any]], Mapping[str, Any]]
) -> LiveRoom | None:
    """Replace the live state by change(state), under the row's lock; version + 1. Owner only."""
    now = store.clock()
    with store.engine.begin() as connection:
        row = connection.execute(_select_live(join_code).with_for_update(of=live_rooms)).first()
        if row is None or row.expires_at <= now or not owner or not _same(row.owner_hash, "room-owner", owner):
            return None
        state = _json_size_checked(dict(change(dict(row.state))), "live room state")
        connection.execute(
            live_rooms.update()
            .where(live_rooms.c.join_code == row.join_code)
            .values(state=state, version=row.version + 1)
        )
        row = connection.execute(_select_live(join_code)).first()
    return _live(row)


@guarded
def put_answer(
    store: Store,
    join_code: str,
    participant: str,
    question_id: str,
    answer_for: Callable[[dict[str, Any], int], tuple[Mapping[str, Any], str]],
) -> LiveRoom | None:
    """Add or replace this participant's answer to a question; the live room as this write read it, or None
    when the room is gone or has expired.

    answer_for(state, slide) gives the answer and its status from the live state and the presenter's slide
    read in this transaction (the feature checks there that the question is current, open and answered
    well); it raises to refuse, and what it raises reaches the caller with nothing written. One transaction:
    an answer costs no separate read of the room."""
    if not participant or not question_id or len(question_id) > 40:
        raise ValueError("An answer needs a participant and a question id (at most 40 characters).")
    now = store.clock()
    with store.engine.begin() as connection:
        row = connection.execute(_select_live(join_code)).first()
        if row is None or row.expires_at <= now:
            return None
        live = _live(row)
        answer, status = answer_for(live.state, live.slide)
        if status not in STATUSES:
            raise ValueError(f"An answer's status is one of {STATUSES}, not {status!r}.")
        answer = _json_size_checked(answer, "answer")
        if len(str(answer).encode()) > MAX_ANSWER_BYTES:
            raise ValueError(f"An answer is larger than {MAX_ANSWER_BYTES} bytes.")
        if connection.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        statement = insert(live_answers).values(
            join_code=join_code,
            question_id=question_id,
            participant_hash=_participant_hash(join_code, participant),
            answer=answer,
            status=status,
            created_at=now,
            updated_at=now,
        )
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["join_code", "question_id", "participant_hash"],
                set_={"answer": answer, "status": status, "updated_at": now},
            )
        )
    return live


@guarded
def question_answers(store: Store, join_code: str, question_id: str | None = None) -> list[LiveAnswer]:
    """A live room's answers (to one question, or all), oldest first. The caller decides who may see what:
    only totals reach a phone (components.live_room.counting)."""
    query = sa.select(live_answers).where(live_answers.c.join_code == join_code)
    if question_id is not None:
        query = query.where(live_answers.c.question_id == question_id)
    with store.reading() as connection:
        found = connection.execute(query.order_by(live_answers.c.id)).all()
    return [
        LiveAnswer(a.id, a.question_id, a.participant_hash, dict(a.answer), a.status, a.created_at, a.updated_at)
        for a in found
    ]


def _owned(connection: sa.Connection, join_code: str, owner: str, now: float):
    row = connection.execute(sa.select(live_rooms).where(live_rooms.c.join_code == join_code)).first()
    if row is None or row.expires_at <= now or not owner or not _same(row.owner_hash, "room-owner", owner):
        return None
    return row


@guarded
def owner_answers(store: Store, join_code: str, owner: str, question_id: str | None = None) -> list[LiveAnswer] | None:
    """Individual answers, for the presenter's browser only; None when the room is not this owner's."""
    now = store.clock()
    with store.engine.begin() as connection:
        if _owned(connection, join_code, owner, now) is None:
            return None
    return question_answers(store, join_code, question_id)


@guarded
def moderate(store: Store, join_code: str, owner: str, answer_id: int, status: str) -> bool:
    """Approve or reject a short answer (owner only). A changed answer goes back to pending (put_answer)."""
    if status not in (APPROVED, REJECTED, PENDING):
        raise ValueError(f"A short answer is approved, rejected or pending, not {status!r}.")
    now = store.clock()
    with store.engine.begin() as connection:
        if _owned(connection, join_code, owner, now) is None:
            return False
        result = connection.execute(
            live_answers.update()
            .where(live_answers.c.join_code == join_code, live_answers.c.id == int(answer_id))
            .values(status=status)
        )
    return result.rowcount > 0


@guarded
def delete_answers(store: Store, join_code: str, owner: str, question_id: str | None = None) -> int | None:
    """Delete the room's answers to one question, or all of them (owner only); how many went, or None."""
    now = store.clock()
    with store.engine.begin() as connection:
        if _owned(connection, join_code, owner, now) is None:
            return None
        query = live_answers.delete().where(live_answers.c.join_code == join_code)
        if question_id is not None:
            query = query.where(live_answers.c.question_id == question_id)
        return connection.execute(query).rowcount


@guarded
def sweep_live_rooms(store: Store) -> int:
    """Delete expired live rooms with their answers; how many rooms went."""
    now = store.clock()
    with store.engine.begin() as connection:
        expired = sa.select(live_rooms.c.join_code).where(live_rooms.c.expires_at <= now)
        connection.execute(live_answers.delete().where(live_answers.c.join_code.in_(expired)))
        return connection.execute(live_rooms.delete().where(live_rooms.c.expires_at <= now)).rowcount
