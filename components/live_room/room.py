"""The live room's actions over the store: the presenter opens the room to the room, asks, reveals, locks,
clears and moderates; a phone joins by code and answers. The checks that keep phones to their part are here.

Nothing here imports Streamlit: the caller passes the Store, the owner (the presenter's browser id) and the
participant id (random, from the phone's cookie or session).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from components.live_room import questions
from components.live_room.counting import Tally, tally
from components.live_room.limits import JOIN_LIMIT, JOIN_SUBJECT, TOO_MANY_ANSWERS, TOO_MANY_JOINS, SlidingLimit
from components.live_room.questions import AnswerError, Question
from components.store import Store, StoreUnavailableError, attempts
from components.store import live_room as live_store
from components.store.live_room import LiveRoom, PhoneView

WRONG_CODE = "No live room has that code. Check the code on the screen (6 letters and digits) and try again."
EXPIRED_CODE = "That room has ended: its answers are kept for a day at most. Ask the presenter for the new code."
ANSWER_CLOSED = "This question is closed now: the presenter has moved on or locked the answers."
ANSWER_NOT_SAVED = "Your answer was not saved. Send it again in a moment."
CODE_NOT_CHECKED = "Your code was not checked."


@dataclass(frozen=True)
class Joined:
    room: LiveRoom | None
    message: str = ""  # why not, for the phone
    failure: StoreUnavailableError | None = None  # the store's fault behind the message, for the server's log
    view: PhoneView | None = None  # when joined: the room and the phone's own answers, as read to check the code


def join(store: Store, phone: str, code: object) -> Joined:
    """A phone's join attempt: the live room, or a clear message (wrong, expired, too many tries, the store
    busy or unusable). `phone` is the phone's participant id. Wrong and expired codes count against the phone
    and the whole server, in the store (limits.JOIN_LIMIT), so the limit holds on every replica and across a
    restart. The room is read with the phone's own answers (a phone reloading the page has some)."""
    try:
        if attempts.wait_seconds(store, JOIN_LIMIT, JOIN_SUBJECT, phone):
            return Joined(None, TOO_MANY_JOINS)
        view = live_store.phone_view(store, str(code or ""), phone)
        if view.room is None:
            attempts.note_failure(store, JOIN_LIMIT, JOIN_SUBJECT, phone)
            return Joined(None, EXPIRED_CODE if view.expired else WRONG_CODE)
    except StoreUnavailableError as error:
        # Never a traceback, and never a code let through unchecked: the phone is told to try again.
        return Joined(None, f"{CODE_NOT_CHECKED} {error}", error)
    return Joined(view.room, view=view)


@dataclass(frozen=True)
class Answered:
    message: str  # "" when the answer was received, else why not, for the phone
    question_id: str = ""
    room: LiveRoom | None = None  # when received: the live room as the answer's write read it
    answer: Mapping[str, Any] | None = None  # when received: the answer as stored


class _RefusedError(AnswerError):
    """An answer the live state refuses (closed, or too many): its text is the phone's message."""


def answer(store: Store, limit: SlidingLimit, join_code: str, participant: str, question_id: str, value: object) -> str:
    """Take a phone's answer (new or changed); "" when it was received, else the message for the phone."""
    return take_answer(store, limit, join_code, participant, question_id, value).message


def take_answer(
    store: Store,
    limit: SlidingLimit,
    join_code: str,
    participant: str,
    question_id: str,
    value: object,
) -> Answered:
    """Take a phone's answer (new or changed): its message ("" when received) and, when received, the room and
    the answer as written, so that the phone's next run draws them without reading them back.

    Checked against the newest live state inside the answer's own write (live_store.put_answer): the question
    is current and not locked, the answer fits it, and the phone is within its rate limit."""
    limit_key = f"{join_code}\0{participant}"
    taken: dict[str, Any] = {}  # the answer as checked, once it counted against the limit

    def answer_for(state: dict[str, Any], slide: int) -> tuple[dict[str, Any], str]:
        question = questions.question_by_id(state, question_id)
        if question is None or not questions.is_open(state, question_id, slide):
            raise _RefusedError(ANSWER_CLOSED)
        body, status = questions.checked_answer(question, value)
        if not limit.allow(limit_key):
            raise _RefusedError(TOO_MANY_ANSWERS)
        taken["answer"] = body
        return body, status

    try:
        code = live_store.normal_join_code(join_code) or ""
        room = live_store.put_answer(store, code, participant, question_id, answer_for)
    except AnswerError as refused:
        return Answered(str(refused))
    except StoreUnavailableError as error:
        # Never a false "Answer received": the phone is told, and a second try is not held back by the limit.
        if taken:
            limit.forget_one(limit_key)
        return Answered(f"{ANSWER_NOT_SAVED} {error}")
    if room is None:
        return Answered(EXPIRED_CODE)
    return Answered("", question_id, room, taken["answer"])


def view_after_answer(answered: Answered) -> PhoneView:
    """The phone's view right after its answer was received: the room as the answer's write read it (whose
    current question is the one answered: the write checked that) and that answer, with nothing read again."""
    return PhoneView(answered.room, own_answers={answered.question_id: dict(answered.answer or {})})


def public_tally(store: Store, room: LiveRoom, question: Question) -> Tally:
    """What a phone may see once the presenter revealed a question: totals only (no short answer's text
    unless the presenter approved it)."""
    return tally(question, live_store.question_answers(store, room.join_code, question.id))


def change_state(
    store: Store, join_code: str, owner: str, change: Callable[[dict[str, Any]], Mapping[str, Any]]
) -> LiveRoom | None:
    return live_store.update_live_room(store, join_code, owner, change)


def toggled(state: Mapping[str, Any], field: str, question_id: str, on: bool) -> dict[str, Any]:
    """The state with `question_id` added to (on) or taken out of a list field ("revealed" or "locked")."""
    items = [item for item in state.get(field, []) if item != question_id]
    if on:
        items.append(question_id)
    return {**state, field: items}


def with_kind(state: Mapping[str, Any], prompt_id: str, kind: str) -> dict[str, Any]:
    if kind not in questions.KINDS or prompt_id not in state.get("prompts", {}):
        return dict(state)
    return {**state, "ask": {**state.get("ask", {}), prompt_id: kind}}
