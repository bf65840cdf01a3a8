"""The live room's tables on SQLite and PostgreSQL: join codes, one answer per person per question, owner-only
reads, moderation, clearing and expiry; wrong join codes counted in the store, per phone and per server."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from components.live_room import questions
from components.live_room.counting import tally
from components.live_room.limits import (
    TOO_MANY_JOINS,
    WRONG_JOINS_PER_SERVER,
    WRONG_JOINS_PER_SESSION,
    SlidingLimit,
)
from components.live_room.room import (
    ANSWER_CLOSED,
    CODE_NOT_CHECKED,
    EXPIRED_CODE,
    WRONG_CODE,
    answer,
    join,
    take_answer,
)
from components.store import Store
from components.store import live_room as live
from components.store.live_room import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH
from components.store.store import BUSY_MESSAGE

OWNER = "a" * 64
STRANGER = "b" * 64
STATE = questions.live_state(
    {
        3: {"id": "P01", "question": "Which barrier?", "lens": "Barriers", "category": "barrier"},
        5: {"id": "P02", "question": "How true?", "lens": "Scale", "category": ""},
    },
    {"barrier": ["Time", "Roles", "Wellbeing"]},
)


def opened(store: Store, slide: int = 3):
    room = store.create_room(OWNER, {"slide": slide})
    return room, live.open_live_room(store, room.code, OWNER, STATE)


def test_a_join_code_is_six_characters_without_look_alikes(store: Store) -> None:
    _room, live_room = opened(store)
    assert len(live_room.join_code) == JOIN_CODE_LENGTH == 6
    assert set(live_room.join_code) <= set(JOIN_CODE_ALPHABET)
    assert not set("01OIL") & set(JOIN_CODE_ALPHABET)
    assert (
        live.normal_join_code(" " + live_room.join_code.lower()[:3] + "-" + live_room.join_code[3:])
        == live_room.join_code
    )


def test_only_the_owner_opens_and_reads_a_live_room(store: Store) -> None:
    room, live_room = opened(store)
    assert live.open_live_room(store, room.code, STRANGER, STATE) is None
    assert live.open_live_room(store, room.code, OWNER, STATE).join_code == live_room.join_code  # same room, same code
    assert live.owner_answers(store, live_room.join_code, STRANGER) is None
    assert live.update_live_room(store, live_room.join_code, STRANGER, lambda s: {**s, "revealed": ["x"]}) is None
    assert live.delete_answers(store, live_room.join_code, STRANGER) is None


def test_one_answer_per_person_per_question_which_they_can_change(store: Store) -> None:
    _room, live_room = opened(store)
    code = live_room.join_code
    limit = SlidingLimit(100)
    assert answer(store, limit, code, "phone-1", "P01:barrier", ["Time"]) == ""
    assert answer(store, limit, code, "phone-1", "P01:barrier", ["Roles", "Wellbeing"]) == ""
    assert answer(store, limit, code, "phone-2", "P01:barrier", ["Roles"]) == ""
    rows = live.owner_answers(store, code, OWNER)
    assert len(rows) == 2
    assert "phone-1" not in repr(rows)  # only hashes of participant ids are kept
    question = questions.question_by_id(live_room.state, "P01:barrier")
    assert tally(question, rows).counts == (("Time", 0), ("Roles", 2), ("Wellbeing", 1))
    assert live.phone_view(store, code, "phone-1").own_answers == {"P01:barrier": {"options": ["Roles", "Wellbeing"]}}


def test_answers_only_to_the_current_open_question(store: Store) -> None:
    room, live_room = opened(store)
    code = live_room.join_code
    limit = SlidingLimit(100)
    assert answer(store, limit, code, "p", "P02:scale", 4) != ""  # the presenter is on P01
    assert answer(store, limit, code, "p", "P01:barrier", ["Nope"]) == "That option is not one of this question's."
    live.update_live_room(store, code, OWNER, lambda s: {**s, "locked": ["P01:barrier"]})
    assert answer(store, limit, code, "p", "P01:barrier", ["Time"]) != ""
    store.update_room(room.code, OWNER, {"slide": 5})
    assert answer(store, limit, code, "p", "P02:scale", 4) == ""
    assert answer(store, limit, code, "p", "P02:scale", 6) == "Pick a number from 1 to 5."
    assert [row.answer for row in live.owner_answers(store, code, OWNER)] == [{"scale": 4}]


def test_moderation_and_clearing(store: Store) -> None:
    _room, live_room = opened(store)
    code = live_room.join_code
    state = live.update_live_room(
        store, code, OWNER, lambda s: questions.with_spot_question(s, "One word?", "text")
    ).state
    limit = SlidingLimit(100)
    assert answer(store, limit, code, "p1", "S1:text", "<b>Trust</b> =1+1") == ""
    assert answer(store, limit, code, "p2", "S1:text", "time") == ""
    question = questions.question_by_id(state, "S1:text")
    rows = live.owner_answers(store, code, OWNER)
    assert tally(question, rows).shown_texts == ()
    assert tally(question, rows).waiting == 2
    assert live.moderate(store, code, OWNER, rows[0].id, live.APPROVED)
    assert not live.moderate(store, code, STRANGER, rows[1].id, live.APPROVED)
    counted = tally(question, live.owner_answers(store, code, OWNER))
    assert counted.shown_texts == ("<b>Trust</b> =1+1",)
    assert counted.waiting == 1
    assert counted.answered == 2
    # A changed answer waits for approval again.
    assert answer(store, limit, code, "p1", "S1:text", "changed") == ""
    assert tally(question, live.owner_answers(store, code, OWNER)).shown_texts == ()
    assert live.delete_answers(store, code, OWNER, "S1:text") == 2
    assert live.owner_answers(store, code, OWNER) == []


def a_wrong_code(live_room) -> str:
    return "22222" + ("3" if live_room.join_code != "222223" else "4")


def test_wrong_and_expired_codes_are_refused_and_guessing_is_limited(store: Store, clock) -> None:
    _room, live_room = opened(store)
    assert join(store, "s", live_room.join_code.lower()).room.join_code == live_room.join_code
    wrong = a_wrong_code(live_room)
    assert join(store, "s", wrong).message == WRONG_CODE
    for _ in range(WRONG_JOINS_PER_SESSION):
        join(store, "s", wrong)
    assert join(store, "s", live_room.join_code).message == TOO_MANY_JOINS  # even the right code waits
    assert join(store, "other", live_room.join_code).room is not None
    clock.advance(61)
    assert join(store, "s", live_room.join_code).room is not None
    answer(store, SlidingLimit(100), live_room.join_code, "p", "P01:barrier", ["Time"])
    store.update_room(_room.code, OWNER, {"slide": 3})  # the presenter stays active: only the 24 hours end it
    clock.advance(live.live_seconds() + 1)
    assert join(store, "t", live_room.join_code).message == EXPIRED_CODE
    assert live.sweep_live_rooms(store) == 1
    assert live.question_answers(store, live_room.join_code) == []


@contextmanager
def another_server(database_url: str, clock) -> Iterator[Store]:
    """Another server's Store on the same database (a second replica behind a load balancer, or the server
    restarted), closed after."""
    replica = Store.open(database_url, clock=clock)
    try:
        yield replica
    finally:
        replica.close()


def test_wrong_codes_count_together_on_two_replicas_and_across_a_restart(
    store: Store, database_url: str, clock
) -> None:
    _room, live_room = opened(store)
    wrong = a_wrong_code(live_room)
    with another_server(database_url, clock) as other_replica:
        for replica in (store, other_replica, store, other_replica, store):  # a load balancer alternating
            assert join(replica, "guesser", wrong).message == WRONG_CODE
        assert join(store, "guesser", live_room.join_code).message == TOO_MANY_JOINS
        assert join(other_replica, "guesser", live_room.join_code).message == TOO_MANY_JOINS
    store.close()
    with another_server(database_url, clock) as restarted:  # the server restarted: the count is still there
        assert join(restarted, "guesser", live_room.join_code).message == TOO_MANY_JOINS
        assert join(restarted, "a phone", live_room.join_code).room is not None
        clock.advance(61)
        assert join(restarted, "guesser", live_room.join_code).room is not None


def test_a_phone_that_never_guessed_wrong_gets_in_while_the_server_is_over_its_limit(
    store: Store, database_url: str, clock
) -> None:
    _room, live_room = opened(store)
    wrong = a_wrong_code(live_room)
    with another_server(database_url, clock) as other_replica:
        for number in range(WRONG_JOINS_PER_SERVER):  # many phones, one wrong code each, on both replicas
            replica = store if number % 2 else other_replica
            assert join(replica, f"guesser-{number}", wrong).message == WRONG_CODE
        # A phone that never guessed wrong is not held back, on either replica: the room can still join.
        assert join(store, "fresh phone", live_room.join_code).room is not None
        assert join(other_replica, "another fresh phone", live_room.join_code).room is not None
        # A new session's first wrong code is checked, and then it waits, even with the right code.
        assert join(store, "new guesser", wrong).message == WRONG_CODE
        assert join(other_replica, "new guesser", live_room.join_code).message == TOO_MANY_JOINS
        assert join(store, "guesser-1", live_room.join_code).message == TOO_MANY_JOINS  # one wrong code, waits
        clock.advance(61)
        assert join(store, "guesser-1", live_room.join_code).room is not None
        assert join(other_replica, "new guesser", live_room.join_code).room is not None


def test_a_busy_database_gives_the_phone_a_plain_message(tmp_path, monkeypatch) -> None:
    from components.store import engine as engines

    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "busy.db"
    store = Store.open(f"sqlite:///{path}")
    try:
        _room, live_room = opened(store)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # another process's write holds the lock past the busy timeout
        try:
            joined = join(store, "phone", a_wrong_code(live_room))
            # The right code only reads (the limit and the room), so it never waits for a writer.
            assert join(store, "another phone", live_room.join_code).room is not None
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert joined.room is None
        assert joined.message == f"{CODE_NOT_CHECKED} {BUSY_MESSAGE}"  # no path, no driver text, no traceback
        assert joined.failure is not None
        assert joined.failure.busy  # for the server's log (app_store.report_failure); the store stays on
        assert join(store, "phone", live_room.join_code).room is not None  # once the writer is done
    finally:
        store.close()


def test_an_answer_is_checked_and_written_in_one_transaction_and_handed_back(store: Store) -> None:
    """The answer's write reads the newest live state itself (no separate read of the room): what it refuses
    writes nothing and is not counted against the phone's limit; what it takes comes back with the room as
    the write read it, for the phone's next run to draw."""
    _room, live_room = opened(store)
    limit = SlidingLimit(1)
    assert take_answer(store, limit, live_room.join_code, "p", "P01:barrier", ["Nope"]).message
    assert take_answer(store, limit, live_room.join_code, "p", "P02:scale", 3).message == ANSWER_CLOSED
    assert live.owner_answers(store, live_room.join_code, OWNER) == []
    taken = take_answer(store, limit, live_room.join_code.lower(), "p", "P01:barrier", ["Roles", "Time"])
    assert taken.message == ""  # the two refusals above did not use up the phone's one answer a minute
    assert taken.question_id == "P01:barrier"
    assert taken.room == live.live_room_by_code(store, live_room.join_code)[0]
    assert {"P01:barrier": taken.answer} == live.phone_view(store, live_room.join_code, "p").own_answers
    assert taken.answer == {"options": ["Time", "Roles"]}
    assert take_answer(store, SlidingLimit(5), "ZZZZZ2", "p", "P01:barrier", ["Time"]).message == EXPIRED_CODE


def test_a_phones_view_is_its_room_and_only_its_own_answers(store: Store, clock) -> None:
    _room, live_room = opened(store)
    limit = SlidingLimit(10)
    assert answer(store, limit, live_room.join_code, "p", "P01:barrier", ["Time"]) == ""
    assert answer(store, limit, live_room.join_code, "q", "P01:barrier", ["Roles"]) == ""
    view = live.phone_view(store, live_room.join_code.lower(), "p")
    assert view.room == live.live_room_by_code(store, live_room.join_code)[0]
    assert view.own_answers == {"P01:barrier": {"options": ["Time"]}}  # never another phone's
    assert live.phone_view(store, live_room.join_code, "new phone").own_answers == {}
    assert live.phone_view(store, live_room.join_code).own_answers == {}
    assert live.phone_view(store, "ZZZZZ2", "p") == live.PhoneView(None)
    clock.advance(live.live_seconds() + 1)
    assert live.phone_view(store, live_room.join_code, "p") == live.PhoneView(None, expired=True)


def test_put_answer_writes_nothing_when_its_check_refuses(store: Store) -> None:
    _room, live_room = opened(store)

    def refuse(state, slide):
        assert slide == 3  # the newest state and slide, read in the write
        assert "P01" in state["prompts"]
        raise questions.AnswerError("no")

    with pytest.raises(questions.AnswerError):
        live.put_answer(store, live_room.join_code, "p", "P01:barrier", refuse)
    assert live.question_answers(store, live_room.join_code) == []
    written = live.put_answer(
        store, live_room.join_code, "p", "P01:barrier", lambda state, slide: ({"x": 1}, "counted")
    )
    assert written.join_code == live_room.join_code
    assert live.put_answer(store, "ZZZZZ2", "p", "P01:barrier", lambda state, slide: ({"x": 1}, "counted")) is None


def test_answers_per_participant_are_rate_limited(store: Store, clock) -> None:
    _room, live_room = opened(store)
    limit = SlidingLimit(3, clock=clock)
    results = [answer(store, limit, live_room.join_code, "p", "P01:barrier", ["Time"]) for _ in range(4)]
    assert results[:3] == ["", "", ""]
    assert "Wait a moment" in results[3]
    assert answer(store, limit, live_room.join_code, "q", "P01:barrier", ["Time"]) == ""


def test_the_live_room_goes_with_its_presenter_room(store: Store) -> None:
    room, live_room = opened(store)
    answer(store, SlidingLimit(100), live_room.join_code, "p", "P01:barrier", ["Time"])
    assert store.delete_room(room.code, OWNER)
    assert live.live_room_by_code(store, live_room.join_code) == (None, False)
    assert live.question_answers(store, live_room.join_code) == []


@pytest.mark.parametrize(("hours", "seconds"), [("", 86400.0), ("2", 7200.0), ("nonsense", 86400.0), ("-1", 86400.0)])
def test_how_long_answers_are_kept_is_configurable(hours: str, seconds: float) -> None:
    assert live.live_seconds({live.LIVE_HOURS_VARIABLE: hours}) == seconds


def test_answers_outlive_four_idle_hours_until_their_own_expiry_for_the_owner_only(store: Store, clock) -> None:
    room, live_room = opened(store)
    plain = store.create_room(OWNER, {"slide": 0})  # no live room: deleted after four idle hours as before
    answer(store, SlidingLimit(100), live_room.join_code, "p", "P01:barrier", ["Time"])
    clock.advance(5 * 60 * 60)  # overnight-ish: longer than a presenter room's four idle hours
    store.sweep()
    assert store.get_room(plain.code, OWNER) is None
    assert store.get_room(room.code, OWNER) is not None  # the trainer's browser still reaches the room
    assert store.get_room(room.code, STRANGER) is None
    assert [row.answer for row in live.owner_answers(store, live_room.join_code, OWNER)] == [{"options": ["Time"]}]
    assert live.owner_answers(store, live_room.join_code, STRANGER) is None
    clock.advance(live.live_seconds())  # past the live room's own 24 hours
    store.sweep()
    live.sweep_live_rooms(store)
    assert live.owner_answers(store, live_room.join_code, OWNER) is None
    assert live.question_answers(store, live_room.join_code) == []
    store.sweep()
    assert store.get_room(room.code, OWNER) is None
