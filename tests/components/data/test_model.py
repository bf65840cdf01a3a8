"""The model: a DatasetError lists its problems as text, a page's worth then a count, study.json's in the order
of its fields; a Dataset lists its groups with the shared one last."""

from __future__ import annotations

import json

import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import DatasetError
from components.data.validate import read_study
from components.data.vocabulary import BUNDLED_DATA_DIR
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

    def test_study_json_faults_come_in_the_order_of_its_fields(self):
        study = json.loads((BUNDLED_DATA_DIR / "study.json").read_text(encoding="utf-8"))
        study["title"], study["year"] = 5, [1]
        study["sources"][0]["kind"] = 3
        with pytest.raises(DatasetError) as caught:
            read_study(json.dumps(study).encode())
        assert caught.value.summary().splitlines() == [
            "study.json: the field 'title' must be text in quote marks, not the number 5.",
            "study.json: the field 'year' must be a whole number (without quote marks), not a list.",
            "study.json: the field 'sources' → entry 1 → 'kind' must be text in quote marks, not the number 3.",
        ]


class TestDataset:
    def test_groups_put_the_shared_group_last(self):
        assert load_dataset_dir().groups == ["MHSW", "CSW", "All"]
