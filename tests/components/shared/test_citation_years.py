"""A quote's label (its source cell, which starts with the document's key) and its "Cite this" reference give
the same year, or both "n.d.": the label's year is in the key, the reference's in the document's `year`."""

from __future__ import annotations

import re

import pytest

from components.data.load import load_dataset_dir
from components.shared import citation

BUNDLED = load_dataset_dir()
# A year in a key ("Carpenter n.d., summary", "Community Care 2016, '…'"), or "undated" in a context key.
KEY_YEAR = re.compile(r"\b(\d{4}|n\.d\.)(?=[,\s)]|$)|\((undated)\)")


def _cells():
    for frame in (BUNDLED.findings, BUNDLED.recommendations, BUNDLED.glossary, BUNDLED.context):
        yield from frame["source"].astype(str)


@pytest.mark.parametrize("document", BUNDLED.study.sources, ids=lambda document: document.key)
def test_each_keys_year_is_the_references_year(document):
    found = KEY_YEAR.search(document.key)
    if found is None:
        assert document.reference_type == "app"  # the app's own coding and glossary carry no year
        return
    label_year = found.group(1) or "n.d."
    if label_year == "undated":
        label_year = "n.d."
    cited = citation.resolve(document.key, citation.source_index(BUNDLED.study, False))
    assert f"({label_year})" in citation.plain_reference(cited)


def test_the_summary_is_labelled_and_cited_without_a_date():
    index = citation.source_index(BUNDLED.study, False)
    cell = next(cell for cell in _cells() if cell.startswith("Carpenter n.d., summary"))
    reference = citation.plain_reference(citation.resolve(cell, index))
    assert reference.startswith("Carpenter, Nicola (n.d.).")
    assert not any(cell.startswith("Carpenter 2019, summary") for cell in _cells())
