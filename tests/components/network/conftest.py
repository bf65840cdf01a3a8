"""Fixtures for the network tests: the tiny graph and the bundled study."""

import pytest

from components.data.load import load_dataset_dir
from components.network.graph import build_graph
from tests.components.network.tiny import tiny_dataset


@pytest.fixture(scope="module")
def graph():
    return build_graph(tiny_dataset())


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()
