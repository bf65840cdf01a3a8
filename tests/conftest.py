"""Fixtures shared by every test folder."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.postgres_server import PostgresCluster, start_cluster
from tests.seeds import seed_paths


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
