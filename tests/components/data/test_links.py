"""The link index: neighbours by kind, both directions, in links.csv's order."""

from __future__ import annotations

from components.data.links import RECOMMENDATION_KIND, UNKNOWN_KIND
from components.data.load import build_dataset, load_dataset_dir
from components.data.synthetic import csv_bytes


def table(columns: list[str], rows: list[list[str]]) -> bytes:
    return csv_bytes(tuple(columns), [dict(zip(columns, row, strict=True)) for row in rows])


def small_dataset():
    findings = table(
        ["finding_id", "group", "category", "theme", "statement", "evidence", "source", "basis"],
        [
            ["B1", "MHSW", "barrier", "Time", "No time", "no time", "Summary", "stated"],
            ["E1", "MHSW", "enabler", "Trust", "Trust helps", "trust", "Summary", "stated"],
        ],
    )
    recommendations = table(
        ["recommendation_id", "audience", "text", "evidence", "source"],
        [["R1", "Managers", "Protect time", "protect time", "Summary"]],
    )
    links = table(
        ["from_id", "to_id", "relation", "basis", "note"],
        [
            ["R1", "B1", "Addresses", "stated", "first"],
            ["E1", "B1", "overcomes", "", "second"],
            ["R1", "E1", "builds on", "inferred", "third"],
        ],
    )
    return build_dataset(
        {"findings.csv": findings, "recommendations.csv": recommendations, "links.csv": links}, name="small"
    )


def test_neighbours_run_both_ways_outgoing_first_in_data_order():
    index = small_dataset().link_index
    around_e1 = index.neighbours("E1")
    assert [(n.item_id, n.outgoing, n.link.note) for n in around_e1] == [("B1", True, "second"), ("R1", False, "third")]
    assert [n.item_id for n in index.neighbours("B1")] == ["R1", "E1"]
    assert all(not n.outgoing for n in index.neighbours("B1"))


def test_relations_arrive_normalised_and_a_blank_basis_counts_as_inferred():
    index = small_dataset().link_index
    assert [link.relation for link in index.links] == ["addresses", "overcomes", "builds on"]
    assert [link.basis for link in index.links] == ["stated", "inferred", "inferred"]


def test_filters_by_kind_direction_relation_and_basis():
    index = small_dataset().link_index
    assert index.kind_of("R1") == RECOMMENDATION_KIND
    assert index.kind_of("B1") == "barrier"
    assert index.kind_of("nowhere") == UNKNOWN_KIND
    assert [n.item_id for n in index.neighbours("B1", kinds=[RECOMMENDATION_KIND])] == ["R1"]
    assert [n.item_id for n in index.neighbours("R1", outgoing=True, relations=["builds on"])] == ["E1"]
    assert [n.item_id for n in index.neighbours("B1", stated_only=True)] == ["R1"]
    assert index.neighbours("nowhere") == ()
    assert [link.note for link in index.links_from(RECOMMENDATION_KIND)] == ["first", "third"]


def test_the_bundled_study_indexes_every_link_row():
    dataset = load_dataset_dir()
    index = dataset.link_index
    assert len(index.links) == len(dataset.links)
    ends = {link.from_id for link in index.links} | {link.to_id for link in index.links}
    assert all(index.kind_of(item_id) != UNKNOWN_KIND for item_id in ends)
    total = sum(len(index.neighbours(item_id)) for item_id in ends)
    assert total == 2 * len(dataset.links)
