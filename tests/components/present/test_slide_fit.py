"""What fits on a projected slide: a section split into slides a room can read at 24px."""

from __future__ import annotations

from components.present import slide_fit
from components.present.deck import build_deck
from components.present.slide_fit import chunk, section_slides
from components.present.slide_model import Column, Point
from tests.components.present.decks import upload


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
                most = slide_fit.MAX_BULLETS[min(len(slide.columns), 3)]
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
                        assert self.bullets(column) <= slide_fit.MAX_BULLETS[1], slide.heading


class TestSplitting:
    def test_a_short_column_is_one_slide_with_its_sources(self):
        points = (Point("One.", source="Thesis"), Point("Two.", source="Brief"))
        slides = section_slides("helps", "What helps", [Column("", points)])
        assert len(slides) == 1
        assert slides[0].sources == ("Thesis", "Brief")
        assert slides[0].heading == "What helps"

    def test_an_empty_section_has_no_slides(self):
        assert section_slides("helps", "What helps", [Column("Nobody")]) == []

    def test_parts_are_even_and_later_parts_say_continued(self):
        points = tuple(Point(f"Point {n}.") for n in range(6))
        slides = section_slides("why", "Why", [Column("Nurses", points)])
        assert [len(slide.columns[0].points) for slide in slides] == [3, 3]
        assert [slide.columns[0].heading for slide in slides] == ["Nurses", "Nurses (continued)"]

    def test_a_bullet_too_long_for_any_slide_gets_one_to_itself(self):
        long = Point("word " * 400)
        assert chunk((Point("short"), long, Point("short too")), 100, 10) == [
            (Point("short"),),
            (long,),
            (Point("short too"),),
        ]
