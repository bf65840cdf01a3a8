"""What a slide is: its heading, the sources of what is on screen, the sources line."""

from __future__ import annotations

from components.present.slide_model import Column, Point, Quote, Slide, sources_line, sources_of


class TestSources:
    def test_sources_sharing_a_prefix_are_joined(self):
        line = sources_line(("Carpenter n.d., summary: A", "Carpenter n.d., summary: B", "Teaching brief"))
        assert line == "Carpenter n.d., summary: A, B; Teaching brief"

    def test_sources_are_named_once_quotes_first_blanks_dropped(self):
        points = (Point("a", source="Brief"), Point("b", source=""), Point("c", source="Thesis"))
        assert sources_of(points, (Quote("q", "Thesis"),)) == ("Thesis", "Brief")

    def test_a_prompt_adds_its_findings_sources_only_once_revealed(self):
        slide = Slide(kind="prompt", title="Discuss", sources=("Brief",), reveal=(Point("a", source="Thesis"),))
        assert slide.shown_sources() == ("Brief",)
        assert slide.shown_sources(revealed=True) == ("Brief", "Thesis")


class TestSlide:
    def test_a_part_of_a_longer_section_says_which(self):
        assert Slide(kind="why", title="Why collaborate", part=2, parts=3).heading == "Why collaborate (2 of 3)"
        assert Slide(kind="why", title="Why collaborate").heading == "Why collaborate"

    def test_points_come_in_reading_order_with_children_and_reveals(self):
        child = Point("child")
        slide = Slide(
            kind="prompt",
            title="t",
            columns=(Column("", (Point("first", children=(child,)),)), Column("", (Point("second"),))),
            reveal=(Point("revealed"),),
        )
        assert [point.text for point in slide.points()] == ["first", "child", "second", "revealed"]
