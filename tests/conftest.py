"""Fixtures shared by every test folder, and the markers each test gets from the folder it lives in."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.postgres_server import PostgresCluster, start_cluster
from tests.seeds import seed_paths

TESTS = Path(__file__).resolve().parent
# Folder under tests/ -> marker (registered in pyproject.toml). Every other test is `unit`, so a test file
# never names its own kind: `-m "not browser"` runs the fast ones (unit and AppTest), `-m browser` the rest.
FOLDER_MARKERS = {"browser": "browser", "pages": "apptest"}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        try:
            folder = item.path.resolve().relative_to(TESTS).parts[0]
        except ValueError:  # collected from outside tests/ (a path given on the command line)
            continue
        item.add_marker(FOLDER_MARKERS.get(folder, "unit"))


@pytest.fixture(scope="session")
def seed_documents() -> list[Path]:
    """The five source documents (see tests/seeds.py for where they are looked for)."""
    return seed_paths()


@pytest.fixture(scope="session")
def postgres_cluster():
    """A PostgreSQL server for this test session, in a temporary folder on a free loopback port."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()


_database_numbers = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    return postgres_cluster.create_database(f"explorer_test_{next(_database_numbers)}")


@pytest.fixture(scope="session", autouse=True)
def throwaway_app_database(tmp_path_factory):
    """Tests never touch the app's own database (state/explorer.db): what the app opens is a throwaway file."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPLORER_DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('app-db')}/explorer.db")
        yield
