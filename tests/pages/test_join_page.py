"""Join page in AppTest: a wrong code is refused, the QR address's code joins, an answer is received and
changed (one row), the phone follows the presenter to the next prompt, and its footer cites the room's study;
a typed code while the database is busy gets a plain message, not a traceback."""

from __future__ import annotations

import sqlite3

from components.live_room import questions
from components.live_room.evidence import category_themes, prompt_rows
from components.live_room.room import CODE_NOT_CHECKED, WRONG_CODE
from components.present.deck import build_deck
from components.shared import session_keys as keys
from components.shared.citation import source_line
from components.shared.session_keys import UPLOADED_DATASET
from components.shared.text import escape_markdown
from components.store import Store
from components.store import engine as engines
from components.store import live_room as live_store
from components.store.store import BUSY_MESSAGE
from components.ui.access import bundled_dataset
from tests.other_study import other_study_with_metadata
from tests.pages.apptest import open_app_page

PAGE = "pages/join.py"
OWNER = "page-test-presenter"
DECK = build_deck(bundled_dataset())
ROWS = prompt_rows(bundled_dataset(), DECK)
BARRIER_SLIDE = next(index for index, row in ROWS.items() if row["category"] == "barrier")


def live_room(slide: int = BARRIER_SLIDE):
    store = Store.open()
    room = store.create_room(OWNER, {"slide": slide})
    state = questions.live_state(ROWS, category_themes(bundled_dataset()))
    return store, room, live_store.open_live_room(store, room.code, OWNER, state)


def texts(app) -> str:
    return "\n".join(
        [element.value for element in app.markdown]
        + [element.value for element in app.subheader]
        + [element.value for element in app.title]
        + [element.value for element in app.success]
        + [element.value for element in app.error]
    )


def test_a_wrong_code_is_refused_with_a_clear_message() -> None:
    app = open_app_page(PAGE, query={"code": "ZZZZZ2"})
    assert escape_markdown(WRONG_CODE) in texts(app)
    assert app.text_input(key=keys.LIVE_CODE_INPUT) is not None


def test_a_phone_joins_answers_changes_its_answer_and_follows() -> None:
    store, room, live = live_room()
    app = open_app_page(PAGE, query={"code": live.join_code.lower()})
    assert "Which of the study's barriers" in texts(app)
    boxes = app.checkbox
    assert [box.label for box in boxes][:1]
    boxes[0].check()
    app.button[0].click().run()  # the form's Send
    assert "Answer received" in texts(app)
    app.checkbox[0].uncheck()
    app.checkbox[1].check()
    app.button[0].click().run()
    rows = live_store.owner_answers(store, live.join_code, OWNER)
    assert len(rows) == 1
    assert rows[0].answer == {"options": [live.state["options"]["barrier"][1]]}
    # The presenter moves to a slide without a prompt: the phone says what comes next.
    store.update_room(room.code, OWNER, {"slide": 0})
    app.run()
    assert "Waiting for the next question" in texts(app)


def test_the_footer_cites_the_study_the_room_presents_not_the_phones_own_upload() -> None:
    uploaded = other_study_with_metadata()  # this phone's session has opened a study of its own
    presented = bundled_dataset()
    store = Store.open()
    room = store.create_room(OWNER, {"slide": BARRIER_SLIDE})
    state = questions.live_state(ROWS, category_themes(presented), source_line(presented))
    live = live_store.open_live_room(store, room.code, OWNER, state)
    app = open_app_page(PAGE, query={"code": live.join_code}, state={UPLOADED_DATASET: uploaded})
    assert "Which of the study's barriers" in texts(app)
    footer = "\n".join(element.value for element in app.caption)
    assert escape_markdown(source_line(presented)) in footer
    assert escape_markdown(source_line(uploaded)) not in footer
    # Not in a room yet (the code form), the footer cites the session's study, as every page does.
    app = open_app_page(PAGE, state={UPLOADED_DATASET: uploaded})
    assert escape_markdown(source_line(uploaded)) in "\n".join(element.value for element in app.caption)


def test_a_code_typed_while_the_database_is_busy_gets_a_plain_message(monkeypatch) -> None:
    from components.ui.app_store import app_store

    app = open_app_page(PAGE)
    store = app_store()  # the app's store (one per process, shared with AppTest's runs)
    with monkeypatch.context() as patch:
        patch.setattr(engines, "BUSY_TIMEOUT_MS", 200)
        store.engine.dispose()  # the pool's next connections give up after 200 ms, not 10 s
        holder = sqlite3.connect(store.engine.url.database, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # another process's write holds the lock past the busy timeout
        try:
            app.text_input(key=keys.LIVE_CODE_INPUT).input("ZZZZZ2")
            app.button[0].click().run()  # the form's Join: the code is checked in its callback
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    store.engine.dispose()  # back to connections with the usual busy timeout
    assert not app.exception, [error.value for error in app.exception]
    assert escape_markdown(f"{CODE_NOT_CHECKED} {BUSY_MESSAGE}") in texts(app)
    app.button[0].click().run()  # a moment later the same code is checked (and is wrong)
    assert escape_markdown(WRONG_CODE) in texts(app)


def test_a_phones_runs_read_the_room_once_and_nothing_after_its_answer(monkeypatch) -> None:
    """Every phone in the room reruns this page: the run that joins reads the room and the phone's own answers
    once, in one transaction (the join's own check), its poll fragment reuses that read, and the run after an
    answer draws the room and the answer as the answer's write saw them, reading nothing back."""
    _store, _room, live = live_room()
    reads: list[str] = []
    for name in ("phone_view", "live_room_by_code"):
        original = getattr(live_store, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            reads.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(live_store, name, counted)
    app = open_app_page(PAGE, query={"code": live.join_code})
    assert "Which of the study's barriers" in texts(app)
    assert reads == ["phone_view"]  # the join's check, with this phone's own answers
    reads.clear()
    app.checkbox[0].check()
    app.button[0].click().run()
    assert "Answer received" in texts(app)
    assert reads == []
    assert app.checkbox[0].value  # drawn back from the answer as written
    assert app.button[0].label == "Change my answer"
    app.run()  # a later run (e.g. after the presenter moved on) reads the room and its answers again, once
    assert reads == ["phone_view"]
    assert app.checkbox[0].value
    assert app.button[0].label == "Change my answer"
