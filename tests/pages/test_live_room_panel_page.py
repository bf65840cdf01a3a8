"""The live room in the presenter's and projector's windows, in AppTest: "Delete all answers" takes two steps
(the button is disabled until "Yes, delete every answer" is ticked), deletes every answer of the room (the
store and the projector's count say so) and leaves the tick cleared for the next time."""

from __future__ import annotations

import pytest

from components.data.load import load_dataset_dir
from components.live_room import questions
from components.live_room.evidence import category_themes, prompt_rows
from components.live_room.limits import SlidingLimit
from components.live_room.room import answer
from components.present import presenter
from components.present.deck import build_deck
from components.shared import session_keys as keys
from components.store import Store
from components.store import live_room as live_store
from tests.pages.apptest import open_app_page

PAGE = "pages/present.py"
OWNER = "e" * 64
DATASET = load_dataset_dir()
DECK = build_deck(DATASET)
ROWS = prompt_rows(DATASET, DECK)
BARRIER_SLIDE = next(index for index, row in ROWS.items() if row["category"] == "barrier")


@pytest.fixture
def this_browser(monkeypatch):
    monkeypatch.setattr(presenter, "current_browser_id", lambda: OWNER)
    return OWNER


def open_view(view: str, code: str):
    return open_app_page(PAGE, query={"room": code, "view": view})


def live_room_with_answers(count: int):
    """A presenter room on the barriers prompt, opened to the room, with `count` phones' answers, revealed."""
    store = Store.open()  # the database the app opens (EXPLORER_DATABASE_URL from tests/conftest.py)
    room = presenter.room_store().open(OWNER, DATASET, slide=BARRIER_SLIDE)
    state = questions.live_state(ROWS, category_themes(DATASET))
    live = live_store.open_live_room(store, room.code, OWNER, state)
    question = questions.current_question(live.state, BARRIER_SLIDE)
    limit = SlidingLimit(100)
    for number in range(count):
        picked = [question.options[number % len(question.options)]]
        assert answer(store, limit, live.join_code, f"phone-{number}", question.id, picked) == ""
    live_store.update_live_room(store, live.join_code, OWNER, lambda s: {**s, "revealed": [question.id]})
    return store, room, live


def projector_heading(app) -> str:
    return "\n".join(element.value for element in app.subheader)


def test_deleting_all_answers_needs_the_tick_and_empties_the_room(this_browser):
    store, room, live = live_room_with_answers(3)
    assert len(live_store.owner_answers(store, live.join_code, OWNER)) == 3
    projector = open_view("projector", room.code)
    assert "3 answers" in projector_heading(projector)

    trainer = open_view("presenter", room.code)
    confirm = trainer.checkbox(key=keys.LIVE_DELETE_CONFIRM)
    assert confirm.label == "Yes, delete every answer"
    assert not confirm.value
    assert trainer.button(key=keys.LIVE_DELETE).disabled, "one click alone must not delete"

    trainer.checkbox(key=keys.LIVE_DELETE_CONFIRM).check().run()
    assert not trainer.exception, [error.value for error in trainer.exception]
    assert not trainer.button(key=keys.LIVE_DELETE).disabled
    assert len(live_store.owner_answers(store, live.join_code, OWNER)) == 3, "ticking alone deletes nothing"

    trainer.button(key=keys.LIVE_DELETE).click().run()
    assert not trainer.exception, [error.value for error in trainer.exception]
    assert live_store.owner_answers(store, live.join_code, OWNER) == []
    assert live_store.question_answers(store, live.join_code) == []
    # The tick is cleared, so the next deletion is confirmed again.
    assert not trainer.checkbox(key=keys.LIVE_DELETE_CONFIRM).value
    assert trainer.button(key=keys.LIVE_DELETE).disabled
    assert "0 answers" in "\n".join(element.value for element in trainer.markdown)

    projector.run()
    assert "0 answers" in projector_heading(projector)
    assert "3 answers" not in projector_heading(projector)


def test_unticking_disables_the_button_again_and_deletes_nothing(this_browser):
    store, room, live = live_room_with_answers(2)
    trainer = open_view("presenter", room.code)
    trainer.checkbox(key=keys.LIVE_DELETE_CONFIRM).check().run()
    assert not trainer.button(key=keys.LIVE_DELETE).disabled
    trainer.checkbox(key=keys.LIVE_DELETE_CONFIRM).uncheck().run()
    assert trainer.button(key=keys.LIVE_DELETE).disabled
    assert len(live_store.owner_answers(store, live.join_code, OWNER)) == 2


def test_the_presenter_windows_full_run_reads_its_live_room_once(this_browser, monkeypatch):
    """The drawer reads the live room and hands that read to its polling panel, which runs inside the same full
    run: one read per run, not two. The panel's own polls read the store themselves."""
    _store, room, _live = live_room_with_answers(2)
    reads = []
    original = live_store.live_room_for_owner

    def counted(*args, **kwargs):
        reads.append(args[1:2])
        return original(*args, **kwargs)

    monkeypatch.setattr(live_store, "live_room_for_owner", counted)
    trainer = open_view("presenter", room.code)
    assert "2 answers" in "\n".join(element.value for element in trainer.markdown)
    assert reads == [(room.code,)]
    assert keys.LIVE_PANEL_READ not in trainer.session_state  # taken by the panel, not left for its polls
