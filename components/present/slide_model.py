"""What a slide is: quotes, bullets, columns and the slide itself, as plain frozen records.

Nothing here imports Streamlit. Text in a slide is raw data: whatever draws or prints it escapes it first
(components.present.draw_slides, components.present.handouts).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    """A verbatim passage from a source and where it comes from."""

    text: str
    source: str


@dataclass(frozen=True)
class Point:
    """One bullet: a finding's statement, a recommendation or a fact about the study."""

    text: str
    label: str = ""  # a group or audience shown before the text, when the column does not already say it
    tag: str = ""  # a short code shown after the text (a Communities of Practice element)
    inferred: bool = False  # this app's interpretation, not the source's own claim
    quote: str = ""  # the verbatim evidence behind it
    source: str = ""
    item_id: str = ""
    children: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Column:
    heading: str
    points: tuple[Point, ...] = ()
    body: str = ""  # a short paragraph under the heading (a definition)


@dataclass(frozen=True)
class Slide:
    kind: str
    title: str
    lead: str = ""  # the large line under the title: the study's question, a prompt's question
    quotes: tuple[Quote, ...] = ()  # verbatim passages shown on the slide
    columns: tuple[Column, ...] = ()
    reveal: tuple[Point, ...] = ()  # a prompt's related findings, shown on a button press
    notes: str = ""  # speaker notes
    note_quotes: tuple[Quote, ...] = ()  # further verbatim passages for the notes and the handout
    sources: tuple[str, ...] = ()
    part: int = 1
    parts: int = 1
    more: int = 0  # items in this section left off the deck because it would be too long

    @property
    def heading(self) -> str:
        return f"{self.title} ({self.part} of {self.parts})" if self.parts > 1 else self.title

    def shown_sources(self, revealed: bool = False) -> tuple[str, ...]:
        """Sources of what is on screen: a prompt's findings add theirs once revealed."""
        if not revealed:
            return self.sources
        return tuple(dict.fromkeys([*self.sources, *(point.source for point in self.reveal if point.source)]))

    def points(self) -> Iterator[Point]:
        """Every bullet on the slide, children and hidden reveals included, in reading order."""
        for column in self.columns:
            for point in column.points:
                yield point
                yield from point.children
        yield from self.reveal


def sources_of(points: list[Point] | tuple[Point, ...], quotes: tuple[Quote, ...] = ()) -> tuple[str, ...]:
    """The sources of some quotes and bullets, each named once, in the order met."""
    found = [quote.source for quote in quotes] + [point.source for point in points]
    return tuple(dict.fromkeys(source for source in found if source))


def sources_line(sources: tuple[str, ...]) -> str:
    """Sources joined for one short line: those sharing a prefix ("Carpenter n.d., summary: ...") share it once."""
    grouped: dict[str, list[str]] = {}
    for source in sources:
        prefix, _, rest = source.partition(": ")
        grouped.setdefault(prefix if rest else source, [])
        if rest:
            grouped[prefix].append(rest)
    parts = [f"{prefix}: {', '.join(rests)}" if rests else prefix for prefix, rests in grouped.items()]
    return "; ".join(parts)
