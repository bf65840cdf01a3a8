"""The store's tests run on both engines: a SQLite file and a database on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from components.store import Store


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/explorer.db"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(database_url: str, clock: Clock):
    opened = Store.open(database_url, clock=clock)
    yield opened
    opened.close()
