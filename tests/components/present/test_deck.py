"""The presenter deck: built from the data, in teaching order, skipping what a dataset lacks, with citations."""

from __future__ import annotations

from components.present import deck as deck_module
from components.present.deck import KINDS, build_deck
from components.present.slide_fit import MAX_COLUMNS, MAX_SECTION_SLIDES
from tests.components.present.decks import csv_bytes, kinds, upload


class TestOrder:
    def test_bundled_deck_has_every_section_in_teaching_order(self, deck):
        present = list(dict.fromkeys(kinds(deck)))
        assert present == list(KINDS)

    def test_sections_never_interleave(self, deck):
        positions = [KINDS.index(kind) for kind in kinds(deck)]
        assert positions == sorted(positions)

    def test_deck_opens_on_the_study_question_and_closes_on_the_citation(self, deck, bundled):
        assert deck[0].kind == "study"
        assert deck[0].lead == bundled.study.question
        assert deck[-1].kind == "closing"

    def test_parts_are_numbered_when_a_section_needs_more_than_one_slide(self, deck):
        for slide in deck:
            if slide.parts > 1:
                assert slide.heading.endswith(f"({slide.part} of {slide.parts})")
            else:
                assert slide.heading == slide.title


class TestSkipping:
    def test_uploaded_dataset_without_study_prompts_or_recommendations_skips_their_slides(self):
        dataset = upload(
            [
                ["A1", "Nurses", "purpose", "Safety", "Collaboration keeps patients safe.", "", "", ""],
                ["A2", "Doctors", "barrier", "Time", "There is no time to meet.", "", "", ""],
            ]
        )
        slides = build_deck(dataset)
        assert kinds(slides) == ["why", "barriers", "closing"]
        assert slides[-1].lead == "Our team survey: data uploaded in this session."

    def test_a_dataset_with_only_a_closing_slide_worth_of_data_still_has_a_deck(self):
        slides = build_deck(upload([["A1", "All", "observation", "T", "Something seen.", "", "", ""]]))
        assert kinds(slides) == ["points", "closing"]

    def test_barrier_slide_is_titled_barriers_when_no_group_shares_one(self):
        slides = build_deck(upload([["A1", "Nurses", "barrier", "Time", "No time.", "", "", ""]]))
        assert slides[0].title == "Barriers"
        assert slides[0].columns[0].points[0].label == "Nurses"

    def test_communities_of_practice_slide_needs_coded_recommendations(self):
        recommendations = csv_bytes(["recommendation_id", "audience", "text"], [["R1", "Managers", "Meet monthly."]])
        slides = build_deck(
            upload([["A1", "All", "enabler", "T", "Meeting helps.", "", "", ""]], recommendations=recommendations)
        )
        assert "cop" not in kinds(slides)
        assert "recommendations" in kinds(slides)

    def test_a_dozen_groups_are_compared_at_most_two_to_a_slide(self):
        rows = [[f"A{n}", f"Group {n}", "perception", "T", f"View number {n}.", "", "", ""] for n in range(12)]
        views = [slide for slide in build_deck(upload(rows)) if slide.kind == "views"]
        assert len(views) == 6
        assert all(len(slide.columns) <= MAX_COLUMNS for slide in views)
        assert sorted(point.item_id for slide in views for point in slide.points()) == sorted(
            f"A{n}" for n in range(12)
        )

    def test_five_thousand_rows_stay_a_deck_a_room_can_sit_through(self):
        rows = [
            [f"A{n}", "All", "barrier", "T", f"Barrier statement number {n} with some words to it.", "", "", ""]
            for n in range(5000)
        ]
        barriers = [slide for slide in build_deck(upload(rows)) if slide.kind == "barriers"]
        assert len(barriers) == MAX_SECTION_SLIDES
        shown = sum(1 for slide in barriers for _ in slide.points())
        assert barriers[-1].more == 5000 - shown
        assert shown > 0

    def test_unicode_and_right_to_left_labels_pass_through_unchanged(self):
        slides = build_deck(upload([["A1", "ممرضات 🩺", "purpose", "T", "التعاون مهم ✅", "", "", ""]]))
        why = slides[0]
        assert why.columns[0].heading == "ممرضات 🩺"
        assert why.columns[0].points[0].text == "التعاون مهم ✅"


class TestCitations:
    def test_closing_slide_cites_the_study_and_its_licence(self, deck, bundled):
        closing = deck[-1]
        assert closing.lead == bundled.study.citation
        texts = [point.text for point in closing.points()]
        assert bundled.study.licence in texts
        assert deck_module.COUNTS_NOTE in texts

    def test_every_quoted_point_on_a_slide_names_its_source_on_that_slide(self, deck):
        for slide in deck:
            for point in slide.points():
                if point.quote:
                    assert point.source in slide.shown_sources(revealed=True), (slide.heading, point.item_id)

    def test_inferred_findings_and_links_are_marked(self, deck, bundled):
        inferred_ids = set(
            bundled.recommendations.loc[bundled.recommendations["basis"] == "inferred", "recommendation_id"]
        )
        points = {point.item_id: point for slide in deck for point in slide.points() if point.item_id}
        assert inferred_ids
        assert all(points[item_id].inferred for item_id in inferred_ids)
        assert not points["R03"].inferred
        cop = next(slide for slide in deck if slide.kind == "cop")
        assert [column.heading.casefold() for column in cop.columns] == list(bundled.study.lens.elements)
        assert "inferred" in cop.columns[0].points[0].text
