"""The presenter deck: built from the data, in teaching order, skipping what a dataset lacks, with citations."""

from __future__ import annotations

import re

import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import Dataset
from components.data.vocabulary import COP_ELEMENTS
from components.present import deck as deck_module
from components.present.deck import (
    KINDS,
    MAX_COLUMNS,
    MAX_SECTION_SLIDES,
    build_deck,
    slide_from_param,
    sources_line,
)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset_dir()


@pytest.fixture(scope="module")
def deck(bundled):
    return build_deck(bundled)


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = [",".join(header)] + [",".join(cell(value) for value in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


FINDING_HEADER = ["finding_id", "group", "category", "theme", "statement", "evidence", "source", "basis"]


def upload(findings: list[list[str]], recommendations: bytes | None = None, links: bytes | None = None) -> Dataset:
    """A dataset as a user would upload it: no study metadata, no prompts, no glossary."""
    files = {"findings.csv": csv_bytes(FINDING_HEADER, findings)}
    if recommendations is not None:
        files["recommendations.csv"] = recommendations
    if links is not None:
        files["links.csv"] = links
    return build_dataset(files, name="Our team survey")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def kinds(slides) -> list[str]:
    return [slide.kind for slide in slides]


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

    def test_parts_are_numbered_when_a_section_needs_more_than_one_slide(self, deck):
        for slide in deck:
            if slide.parts > 1:
                assert slide.heading.endswith(f"({slide.part} of {slide.parts})")
            else:
                assert slide.heading == slide.title


class TestRoomSize:
    """About five bullets a slide, sub-bullets counted, so the back of a room can read them at 24px."""

    @staticmethod
    def bullets(column) -> int:
        return sum(1 + len(point.children) for point in column.points)

    def test_no_slide_holds_more_than_about_five_bullets(self, deck):
        # Five in one column; two columns of three side by side at most.
        for slide in deck:
            assert sum(self.bullets(column) for column in slide.columns) <= 6, slide.heading
            for column in slide.columns:
                most = deck_module.MAX_BULLETS[min(len(slide.columns), 3)]
                assert self.bullets(column) <= most or len(column.points) == 1, slide.heading

    def test_a_long_list_of_short_findings_is_split_by_count_not_only_by_length(self):
        findings = [[f"A{n}", "All", "enabler", "T", f"Short point {n}.", "", "", ""] for n in range(12)]
        slides = [slide for slide in build_deck(upload(findings)) if slide.kind == "helps"]
        assert [len(slide.columns[0].points) for slide in slides] == [4, 4, 4]
        assert [slide.heading for slide in slides][-1] == "What helps (3 of 3)"

    def test_the_barrier_with_its_group_sub_bullets_stays_together(self, deck):
        for slide in deck:
            for column in slide.columns:
                for point in column.points:
                    if point.children:
                        assert self.bullets(column) <= deck_module.MAX_BULLETS[1], slide.heading


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


class TestPrompts:
    def test_one_prompt_slide_per_prompt_in_file_order(self, deck, bundled):
        prompts = [slide for slide in deck if slide.kind == "prompt"]
        assert [slide.lead for slide in prompts] == bundled.prompts["question"].tolist()
        assert [slide.part for slide in prompts] == list(range(1, len(prompts) + 1))

    def test_the_teaching_brief_lenses_are_all_there(self, bundled):
        lenses = " | ".join(bundled.prompts["lens"]).casefold()
        questions = " | ".join(bundled.prompts["question"]).casefold()
        for lens in ("professional identity", "tuckman", "bronstein", "relationship-based", "section 11"):
            assert lens in lenses
        assert "who does partnership and collaboration begin with" in questions

    def test_prompts_built_from_the_findings_compare_the_groups(self, bundled):
        comparing = bundled.prompts[bundled.prompts["question"].str.contains("Why might that be")]
        assert len(comparing) >= 2
        for related in comparing["related_ids"]:
            groups = set(bundled.findings.set_index("finding_id").loc[related.split()[:2], "group"])
            assert groups == {"MHSW", "CSW"}

    def test_reveal_holds_the_related_findings_and_recommendations(self, deck, bundled):
        prompts = {slide.title: slide for slide in deck if slide.kind == "prompt"}
        bronstein = prompts["Discuss: Bronstein's model"]
        assert [point.item_id for point in bronstein.reveal] == ["F016", "F030", "R12"]
        r12 = bronstein.reveal[2]
        assert r12.label == "For Mental Health in Families team"
        assert r12.text == bundled.recommendations.set_index("recommendation_id").loc["R12", "text"]

    def test_unknown_related_ids_are_skipped(self):
        dataset = load_dataset_dir()
        prompts = dataset.prompts.copy()
        prompts.loc[0, "related_ids"] = "F001 NOPE F002"
        changed = Dataset(**{**dataset.__dict__, "prompts": prompts})
        first = next(slide for slide in build_deck(changed) if slide.kind == "prompt")
        assert [point.item_id for point in first.reveal] == ["F001", "F002"]

    def test_a_long_reveal_keeps_what_fits_and_counts_the_rest(self):
        dataset = load_dataset_dir()
        prompts = dataset.prompts.copy()
        prompts.loc[0, "related_ids"] = " ".join(dataset.findings["finding_id"])
        prompts.loc[0, "question"] = "Why? " * 60
        changed = Dataset(**{**dataset.__dict__, "prompts": prompts})
        first = next(slide for slide in build_deck(changed) if slide.kind == "prompt")
        assert 1 <= len(first.reveal) < len(dataset.findings)
        assert first.more == len(dataset.findings) - len(first.reveal)

    def test_every_prompt_passage_is_word_for_word_from_a_seed(self, bundled, seed_documents):
        seeds = fold(" ".join(path.read_text(encoding="utf-8") for path in seed_documents))
        for prompt_id, evidence in zip(bundled.prompts["prompt_id"], bundled.prompts["evidence"], strict=True):
            assert evidence, f"{prompt_id} has no passage"
            assert fold(evidence) in seeds, prompt_id

    def test_a_prompt_shows_its_passage_and_source_and_only_its_own_source_until_revealed(self, deck):
        prompt = next(slide for slide in deck if slide.kind == "prompt")
        assert prompt.quotes[0].source == prompt.sources[0]
        assert prompt.shown_sources(revealed=False) == prompt.sources
        revealed = prompt.shown_sources(revealed=True)
        assert all(point.source in revealed for point in prompt.reveal)


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
        assert [column.heading.casefold() for column in cop.columns] == list(COP_ELEMENTS)
        assert "inferred" in cop.columns[0].points[0].text

    def test_sources_sharing_a_prefix_are_joined(self):
        line = sources_line(("Carpenter 2019, summary: A", "Carpenter 2019, summary: B", "Teaching brief"))
        assert line == "Carpenter 2019, summary: A, B; Teaching brief"


class TestSlideFromLink:
    @pytest.mark.parametrize(
        ("value", "index", "noted"),
        [
            (None, 0, False),
            ("", 0, False),
            ("1", 0, False),
            ("4", 3, False),
            (" 4 ", 3, False),
            ("10", 9, False),
            ("0", 0, True),
            ("-3", 0, True),
            ("11", 9, True),
            ("999999999999999999999", 9, True),
            ("2.7", 1, False),
            ("abc", 0, True),
            ("nan", 0, True),
            ("inf", 0, True),
        ],
    )
    def test_numbers_from_a_link_clamp_to_the_deck(self, value, index, noted):
        result, note = slide_from_param(value, 10)
        assert result == index
        assert (note is not None) == noted

    def test_an_empty_deck_cannot_happen_but_clamping_still_holds(self):
        assert slide_from_param("5", 0)[0] == 0
