"""A database file that cannot be used (here: damaged) turns rooms and kept links off with a plain message (what
failed, that the page's data is kept, what to do); which file and why go to the server's log only. Every page
goes on with the bundled study, and no traceback reaches the user."""

from __future__ import annotations

import logging

import pytest

from components.present import presenter
from components.shared import session_keys as keys
from components.store.store import UNAVAILABLE_MESSAGE
from components.ui import app_store
from tests.pages.apptest import PAGES, open_app_page

OWNER = "f" * 64


@pytest.fixture
def damaged_database(tmp_path, monkeypatch):
    path = tmp_path / "explorer.db"
    path.write_bytes(b"this is not an SQLite database " * 100)
    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setattr(presenter, "current_browser_id", lambda: OWNER)
    app_store._holder.clear()
    presenter.room_store.clear()
    yield path
    app_store._holder.clear()  # the next test opens the session's own database again
    presenter.room_store.clear()


def assert_plain(message: str, path) -> None:
    assert UNAVAILABLE_MESSAGE in message.replace("\\", "")
    assert str(path) not in message
    assert "sqlite" not in message
    assert "damaged" not in message


def test_the_presenter_view_button_says_rooms_are_off_and_the_log_says_why(damaged_database, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="components.ui.app_store"):
        app = open_app_page("pages/present.py")
    button = app.button(key=keys.PRESENT_OPEN_ROOM)
    assert button.disabled
    assert_plain(button.help, damaged_database)
    assert app.title or app.header or app.subheader, "the slides are still there"
    logged = [record.getMessage() for record in caplog.records]
    assert any(str(damaged_database) in line and "the file is damaged" in line for line in logged), logged


def test_a_room_link_says_the_storage_cannot_be_used(damaged_database) -> None:
    app = open_app_page("pages/present.py", query={"room": "abcdefgh", "view": "projector"})
    assert app.warning
    for warning in app.warning:
        assert_plain(warning.value, damaged_database)


def test_the_keep_buttons_are_off_and_a_kept_link_says_why(damaged_database) -> None:
    planner = open_app_page("pages/recommendations.py", state={keys.ACTION_PLAN: ["R01"]})
    assert planner.button(key=keys.KEEP_PLAN).disabled
    assert_plain(planner.button(key=keys.KEEP_PLAN).help, damaged_database)
    linked = open_app_page("pages/self-assessment.py", query={"assessment": "a" * 32})
    opened = [error.value.replace("\\", "") for error in linked.error if "cannot be opened now" in error.value]
    assert opened
    assert_plain(opened[0], damaged_database)
    assert linked.button(key=keys.KEEP_ASSESSMENT).disabled


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_the_database(damaged_database, page: str) -> None:
    open_app_page(page)  # raises if any exception reached the page
