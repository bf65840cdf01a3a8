"""The model: a DatasetError lists its problems as text, a page's worth then a count; a Dataset lists its groups
with the shared one last."""

from __future__ import annotations

import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import DatasetError
from tests.components.data.loader_cases import (
    FIXTURES,
    HEADER,
    F,
    load_case,
)


class TestDatasetError:
    def test_the_error_lists_problems_as_text(self):
        with pytest.raises(DatasetError) as caught:
            build_dataset(load_case(FIXTURES / "bad" / "unknown_category"), name="test")
        assert str(caught.value).startswith("findings.csv, row 3, column 'category': 'barier' is not an allowed")

    def test_summary_shows_fifty_then_how_many_more(self):
        rows = "".join(f"F{n},,barrier,t,x\n" for n in range(60))
        with pytest.raises(DatasetError) as caught:
            build_dataset({F: (HEADER + rows).encode()}, name="x")
        lines = caught.value.summary().splitlines()
        assert len(caught.value.problems) == 60
        assert len(lines) == 51
        assert lines[-1] == "… and 10 more"


class TestDataset:
    def test_groups_put_the_shared_group_last(self):
        assert load_dataset_dir().groups == ["MHSW", "CSW", "All"]
