"""Sections built from findings and recommendations: groups side by side, barriers nested, audiences in order."""

from __future__ import annotations

import dataclasses

import pandas as pd

from components.data.load import load_dataset_dir
from components.data.model import StudyLens
from components.data.vocabulary import SHARED_GROUP
from components.present.finding_slides import (
    barrier_slides,
    cop_slides,
    finding_point,
    pair_title,
    recommendation_point,
)
from components.present.slide_model import Column
from tests.components.present.decks import upload


class TestSections:
    def test_why_collaborate_compares_the_two_groups_side_by_side(self, deck):
        why = [slide for slide in deck if slide.kind == "why"]
        assert why[0].title == "Why collaborate: MHSW and CSW"
        assert [column.heading for column in why[0].columns] == ["MHSW", "CSW"]

    def test_every_purpose_finding_appears_once_across_the_why_slides(self, deck, bundled):
        shown = [point.item_id for slide in deck if slide.kind == "why" for point in slide.points()]
        purposes = bundled.findings.loc[bundled.findings["category"] == "purpose", "finding_id"].tolist()
        assert sorted(shown) == sorted(purposes)

    def test_recommendations_come_one_audience_at_a_time_in_data_order(self, deck, bundled):
        titles = [slide.title for slide in deck if slide.kind == "recommendations"]
        audiences = list(dict.fromkeys(title.removeprefix("Recommendations: ") for title in titles))
        assert audiences == bundled.audiences

    def test_group_barriers_sit_under_the_shared_barrier_the_source_names(self, deck):
        barriers = {
            point.item_id: point
            for slide in deck
            if slide.kind == "barriers"
            for column in slide.columns
            for point in column.points
        }
        assert [child.item_id for child in barriers["F016"].children] == ["F017", "F018"]
        assert [child.label for child in barriers["F016"].children] == ["MHSW", "CSW"]
        assert "F017" not in barriers


class TestPoints:
    def test_a_finding_row_becomes_a_bullet_with_its_words_and_source(self):
        row = pd.Series(
            {"finding_id": "F1", "group": "MHSW", "statement": "S.", "evidence": "E.", "source": "Thesis", "basis": ""}
        )
        point = finding_point(row)
        assert (point.item_id, point.label, point.text, point.quote, point.source) == (
            "F1",
            "MHSW",
            "S.",
            "E.",
            "Thesis",
        )
        assert not point.inferred
        assert finding_point(row, show_group=False).label == ""

    def test_a_shared_finding_has_no_group_label_and_inferred_is_marked(self):
        row = pd.Series({"finding_id": "F2", "group": SHARED_GROUP, "statement": "S.", "basis": "inferred"})
        point = finding_point(row)
        assert point.label == ""
        assert point.inferred

    def test_a_recommendation_names_its_audience_only_when_asked_and_tags_its_element(self):
        row = pd.Series({"recommendation_id": "R1", "audience": "Managers", "text": "Meet.", "cop_element": "domain"})
        assert recommendation_point(row).label == ""
        assert recommendation_point(row, show_audience=True).label == "For Managers"
        assert recommendation_point(row).tag == "domain"

    def test_a_recommendations_basis_marks_its_element_only(self):
        row = {"recommendation_id": "R1", "audience": "A", "text": "Meet.", "basis": "inferred"}
        assert recommendation_point(pd.Series({**row, "cop_element": "domain"})).inferred
        # Its words are the source's: without an element (a study without a lens) nothing is marked inferred.
        point = recommendation_point(pd.Series({**row, "cop_element": ""}))
        assert (point.tag, point.inferred) == ("", False)

    def test_two_groups_are_named_in_the_title_and_more_are_not(self):
        two = [Column("MHSW"), Column("CSW")]
        assert pair_title("Why collaborate", two) == "Why collaborate: MHSW and CSW"
        assert pair_title("Why collaborate", [*two, Column("Nurses")]) == "Why collaborate"

    def test_a_dataset_without_barriers_has_no_barrier_slides(self):
        assert barrier_slides(upload([["A1", "All", "enabler", "T", "Meeting helps.", "", "", ""]])) == []


def test_the_lens_slide_shows_the_studys_own_elements_in_its_order():
    bundled = load_dataset_dir()
    [slide] = cop_slides(bundled)
    assert [column.heading for column in slide.columns] == [
        "Mutual engagement",
        "Joint enterprise",
        "Shared repertoire",
    ]
    reordered = StudyLens(name="Shared practice", elements=("shared repertoire", "joint enterprise"))
    other = dataclasses.replace(bundled, study=dataclasses.replace(bundled.study, lens=reordered))
    [slide] = cop_slides(other)
    assert slide.title == "The Shared practice lens"
    assert [column.heading for column in slide.columns] == ["Shared repertoire", "Joint enterprise"]
