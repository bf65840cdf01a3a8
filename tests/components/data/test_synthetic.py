"""The synthetic benchmark datasets: valid through the one loader, the right size, deterministic."""

import pytest

from components.data.load import build_dataset
from components.data.synthetic import synthetic_dataset_files, synthetic_graph_dataset
from components.data.vocabulary import FINDINGS_FILE, LINKS_FILE, MAX_FILE_BYTES, RECOMMENDATIONS_FILE, SHARED_GROUP
from components.network.graph import build_graph


@pytest.mark.parametrize("scale", [1, 10, 100])
def test_valid_and_sized(scale):
    files = synthetic_dataset_files(scale, seed=7)
    assert set(files) == {FINDINGS_FILE, RECOMMENDATIONS_FILE, LINKS_FILE}
    assert all(len(raw) < MAX_FILE_BYTES for raw in files.values())
    dataset = build_dataset(files, name=f"synthetic x{scale}")
    assert len(dataset.findings) == 35 * scale
    assert len(dataset.recommendations) == 15 * scale
    assert len(dataset.links) == 40 * scale
    assert not dataset.notes
    # Several groups, the shared group last; every category present.
    assert len(dataset.groups) >= 4
    assert dataset.groups[-1] == SHARED_GROUP
    assert set(dataset.findings["category"].astype(str)) == {
        "purpose",
        "barrier",
        "enabler",
        "perception",
        "observation",
    }
    assert dataset.findings["finding_id"].is_unique
    assert dataset.recommendations["recommendation_id"].is_unique


@pytest.mark.parametrize("scale", [1, 10])
def test_links_follow_the_studys_rules(scale):
    dataset = build_dataset(synthetic_dataset_files(scale, seed=3), name="synthetic")
    category = dict(zip(dataset.findings["finding_id"], dataset.findings["category"].astype(str), strict=True))
    recommendations = set(dataset.recommendations["recommendation_id"])
    kinds = {**category, **dict.fromkeys(recommendations, "recommendation")}
    pairs = list(zip(dataset.links["from_id"], dataset.links["to_id"], strict=True))
    assert len(set(pairs)) == len(pairs), "a link pair appears twice"
    allowed = {
        ("enabler", "barrier"): "overcomes",
        ("recommendation", "barrier"): "addresses",
        ("recommendation", "perception"): "addresses",
        ("recommendation", "observation"): "addresses",
        ("recommendation", "enabler"): "builds on",
    }
    for (source, target), relation in zip(pairs, dataset.links["relation"], strict=True):
        assert allowed[(kinds[source], kinds[target])] == relation
    counts = dataset.links["relation"].value_counts()
    assert counts.to_dict() == {"addresses": 23 * scale, "overcomes": 10 * scale, "builds on": 7 * scale}


def test_inferred_rows_are_marked_and_quotes_labelled_synthetic():
    findings = build_dataset(synthetic_dataset_files(10, seed=1), name="synthetic").findings
    inferred = findings[findings["basis"] == "inferred"]
    assert len(inferred) > 0
    assert (inferred["evidence"] == "").all()
    stated = findings[findings["basis"] == "stated"]
    assert stated["evidence"].str.startswith("Synthetic quote").all()
    assert findings["statement"].str.startswith("Synthetic").all()


def test_deterministic_for_a_seed():
    assert synthetic_dataset_files(10, seed=42) == synthetic_dataset_files(10, seed=42)
    assert synthetic_dataset_files(10, seed=42) != synthetic_dataset_files(10, seed=43)


def test_ids_keep_the_studys_style():
    findings = build_dataset(synthetic_dataset_files(100, seed=0), name="synthetic").findings
    ids = findings["finding_id"]
    assert ids.iloc[0] == "F001"
    assert ids.iloc[-1] == "F3500"
    recommendation_ids = build_dataset(synthetic_dataset_files(10, seed=0), name="s").recommendations[
        "recommendation_id"
    ]
    assert recommendation_ids.iloc[0] == "R01"
    assert recommendation_ids.iloc[-1] == "R150"


@pytest.mark.parametrize("scale", [0, -1, 1.5])
def test_rejects_a_bad_scale(scale):
    with pytest.raises(ValueError, match="scale"):
        synthetic_dataset_files(scale, seed=0)


@pytest.fixture(scope="module")
def large():
    return synthetic_graph_dataset(500, 1500, seed=3)


class TestSyntheticGraph:
    def test_synthetic_sizes(self, large):
        graph = build_graph(large)
        assert graph.number_of_nodes() == 500
        assert graph.number_of_edges() == 1500

    def test_synthetic_is_deterministic(self, large):
        again = synthetic_graph_dataset(500, 1500, seed=3)
        assert again.links.drop(columns="_row").equals(large.links.drop(columns="_row"))

    def test_too_many_links_refused(self):
        with pytest.raises(ValueError, match="distinct links"):
            synthetic_graph_dataset(5, 100, seed=1)
