from __future__ import annotations

import pytest

from components.data.load import load_dataset_dir


@pytest.fixture(scope="module")
def study():
    return load_dataset_dir()
