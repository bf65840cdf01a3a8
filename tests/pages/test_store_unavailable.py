"""A database file that cannot be used (here: damaged) turns rooms and kept links off with a clear message;
every page goes on with the bundled study, and no traceback reaches the user."""

from __future__ import annotations

import pytest

from components.present import presenter
from components.shared import session_keys as keys
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


def test_the_presenter_view_button_says_why_rooms_are_off(damaged_database) -> None:
    app = open_app_page("pages/present.py")
    button = app.button(key=keys.PRESENT_OPEN_ROOM)
    assert button.disabled
    assert "the file is damaged" in button.help
    assert app.title or app.header or app.subheader, "the slides are still there"


def test_a_room_link_says_the_database_cannot_be_used(damaged_database) -> None:
    app = open_app_page("pages/present.py", query={"room": "abcdefgh", "view": "projector"})
    assert any("cannot be used" in warning.value for warning in app.warning)


def test_the_keep_buttons_are_off_and_a_kept_link_says_why(damaged_database) -> None:
    planner = open_app_page("pages/recommendations.py", state={keys.ACTION_PLAN: ["R01"]})
    assert planner.button(key=keys.KEEP_PLAN).disabled
    assert "the file is damaged" in planner.button(key=keys.KEEP_PLAN).help
    linked = open_app_page("pages/self-assessment.py", query={"assessment": "a" * 32})
    assert any("cannot be opened now" in error.value.replace("\\", "") for error in linked.error)
    assert linked.button(key=keys.KEEP_ASSESSMENT).disabled


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_the_database(damaged_database, page: str) -> None:
    open_app_page(page)  # raises if any exception reached the page
