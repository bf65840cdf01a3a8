"""A dataset kept in the store as bytes comes back the same, through the loader's checks."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from components.data.load import load_dataset_dir
from components.data.model import DatasetError
from components.data.stored_form import dataset_bytes, dataset_from_bytes
from tests.components.small_uploads import finding, upload

FRAMES = ("findings", "recommendations", "links", "glossary", "context", "prompts", "assessment_items")


def assert_same(first, second) -> None:
    assert first.name == second.name
    assert first.study == second.study
    assert first.notes == second.notes
    for frame in FRAMES:
        pd.testing.assert_frame_equal(getattr(first, frame), getattr(second, frame))


def test_the_bundled_study_comes_back_the_same() -> None:
    bundled = load_dataset_dir()
    again = dataset_from_bytes(dataset_bytes(bundled))
    assert_same(bundled, again)
    assert dataset_bytes(again) == dataset_bytes(bundled)  # same dataset, same bytes


def test_an_upload_with_awkward_text_comes_back_the_same() -> None:
    uploaded = upload(
        [
            finding("F1", 'A "quoted", comma\nand a new line', evidence="=1+1 stays text", partner=""),
            finding("F2", "<b>not html</b> é ✓"),
        ]
    )
    again = dataset_from_bytes(dataset_bytes(uploaded))
    assert_same(uploaded, again)
    assert again.findings.loc[0, "evidence"] == "=1+1 stays text"
    assert not again.is_bundled


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe not utf-8", b"not json", b"[]", json.dumps({"format": "other"}).encode()],
)
def test_bytes_that_are_not_a_stored_dataset_say_so(content: bytes) -> None:
    with pytest.raises(DatasetError, match="stored study cannot be read"):
        dataset_from_bytes(content)


def test_tampered_tables_are_checked_like_an_upload() -> None:
    document = json.loads(dataset_bytes(upload([finding("F1", "One")])))
    document["files"]["findings.csv"] = "finding_id,statement\nF1,\n"
    with pytest.raises(DatasetError):
        dataset_from_bytes(json.dumps(document).encode())
