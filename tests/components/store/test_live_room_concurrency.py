"""100 phones x 3 answers from two processes at once (as the two replicas of `serve.sh --replicas 2` send them),
on a SQLite file and on PostgreSQL: every answer is received and stored exactly once, and a phone whose
answer could not be saved is told so instead of "Answer received"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from components.live_room import questions
from components.live_room.limits import SlidingLimit
from components.live_room.room import ANSWER_NOT_SAVED, answer
from components.store import Store, StoreUnavailableError
from components.store import live_room as live_store

ROOT = Path(__file__).resolve().parents[3]
OWNER = "a" * 64
PHONES = 100
ANSWERS = 3
PROCESSES = 2
THREADS = 10  # per process: sessions whose scripts run at the same time
STATE = questions.live_state(
    {3: {"id": "P01", "question": "Which barrier?", "lens": "Barriers", "category": "barrier"}},
    {"barrier": ["Time", "Roles", "Wellbeing"]},
)


@pytest.fixture
def store(database_url: str):
    """The store on the real clock, as the phone processes are."""
    opened = Store.open(database_url)
    yield opened
    opened.close()


def phones_answer(url: str, join_code: str, question_id: str) -> dict[str, str]:
    """Every phone answers once, half through each of two processes started together; each phone's message."""
    share = PHONES // PROCESSES
    processes = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "tests.components.store.phone_process", url, join_code, question_id),
                *(str(index * share), str(share), str(THREADS)),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index in range(PROCESSES)
    ]
    for process in processes:
        ready = process.stdout.readline()
        assert ready.strip() == "READY", process.stderr.read() if process.poll() is not None else ready
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    messages: dict[str, str] = {}
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        messages.update(json.loads(out.strip().splitlines()[-1]))
    return messages


def test_100_phones_x_3_answers_from_two_processes_give_exactly_300_rows(store: Store, database_url: str) -> None:
    room = store.create_room(OWNER, {"slide": 0})
    live_room = live_store.open_live_room(store, room.code, OWNER, STATE)
    asked = []
    for number in range(1, ANSWERS + 1):
        # the presenter puts up the next question, then the room answers it at once
        current = live_store.update_live_room(
            store,
            live_room.join_code,
            OWNER,
            lambda state, number=number: questions.with_spot_question(state, f"Question {number}", "barrier"),
        )
        question = questions.current_question(current.state, current.slide)
        asked.append(question.id)
        messages = phones_answer(database_url, live_room.join_code, question.id)
        assert len(messages) == PHONES
        refused = {phone: message for phone, message in messages.items() if message}
        assert refused == {}, f"question {number}: {len(refused)} not received, e.g. {list(refused.items())[:3]}"
    answers = live_store.owner_answers(store, live_room.join_code, OWNER)
    assert len(answers) == PHONES * ANSWERS
    assert sorted({a.question_id for a in answers}) == sorted(asked)
    per_person = {(a.question_id, a.participant_hash) for a in answers}
    assert len(per_person) == PHONES * ANSWERS  # none doubled
    with store.engine.connect() as connection:
        stored = connection.execute(
            sa.select(sa.func.count())
            .select_from(live_store.live_answers)
            .where(live_store.live_answers.c.join_code == live_room.join_code)
        ).scalar_one()
    assert stored == PHONES * ANSWERS


def test_an_answer_the_database_could_not_save_is_not_received(
    store: Store, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = store.create_room(OWNER, {"slide": 3})
    live_room = live_store.open_live_room(store, room.code, OWNER, STATE)
    question_id = questions.current_question(live_room.state, 3).id

    def database_gone(*_args, **_kwargs):
        raise StoreUnavailableError("The explorer's database (test) cannot be used: another program holds it locked.")

    monkeypatch.setattr(live_store, "put_answer", database_gone)
    message = answer(store, SlidingLimit(20), live_room.join_code, "phone-1", question_id, ["Time"])
    assert message.startswith(ANSWER_NOT_SAVED)
    assert "locked" in message
    monkeypatch.undo()
    assert live_store.owner_answers(store, live_room.join_code, OWNER) == []
    # sent again once the database answers: received, one row
    assert answer(store, SlidingLimit(20), live_room.join_code, "phone-1", question_id, ["Time"]) == ""
    assert len(live_store.owner_answers(store, live_room.join_code, OWNER)) == 1


def test_a_phone_reads_its_room_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    """A phone's poll does not take SQLite's write lock (it would wait behind every answer being written, and
    with 10 s of busy timeout give up): it reads while another connection is in the middle of a write."""
    url = f"sqlite:///{tmp_path}/explorer.db"
    store = Store.open(url)
    room = store.create_room(OWNER, {"slide": 3})
    live_room = live_store.open_live_room(store, room.code, OWNER, STATE)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE');"
            " c.execute('UPDATE live_rooms SET version = version + 1'); print('LOCKED', flush=True); sys.stdin.read()",
            str(tmp_path / "explorer.db"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "LOCKED"
        found, expired = live_store.live_room_by_code(store, live_room.join_code)
        assert found is not None
        assert not expired
        assert found.version == live_room.version  # the snapshot before the unfinished write
        assert live_store.phone_view(store, live_room.join_code, "phone-1").own_answers == {}
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
        store.close()
