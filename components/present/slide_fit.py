"""What fits on a projected slide, and splitting a section's bullets into slides that fit.

Nothing here imports Streamlit. A section too long for one slide at projector size is split into parts
("Why collaborate? (1 of 2)"), evened out so no part holds a lone straggler.
"""

from __future__ import annotations

import math

from components.present.slide_model import Column, Point, Slide, sources_of

# What fits on a 1280x720 slide with 24px body text: about 80 characters a line across the full
# width (fewer in columns) and about 11 lines under the title. Estimates, checked in the browser test
# that measures every slide (tests/browser/test_present.py).
CHARS_PER_LINE = {1: 100, 2: 48, 3: 30}
LEAD_CHARS_PER_LINE = 80  # the lead (a question) is larger text, one line about a body line high
LINE_BUDGET = 12
# The sources line is 24px too, readable from the back of the room: two lines are kept free for it.
SOURCES_LINES = 2
# A room reads about five bullets a slide; sub-bullets count. In two columns, three a column.
MAX_BULLETS = {1: 5, 2: 3, 3: 2}
# An uploaded dataset may hold thousands of rows: no section grows beyond this many slides.
MAX_SECTION_SLIDES = 6
# Columns side by side on one comparison slide; more groups make more slides.
MAX_COLUMNS = 2
MAX_REVEAL = 5  # findings a discussion prompt reveals at most


def _lines(point: Point, chars_per_line: int) -> float:
    """Estimated projector lines a bullet takes, with a little for the space between bullets."""
    extras = len(point.label) + 2 + len(point.tag) + (10 if point.inferred else 0)
    own = math.ceil((len(point.text) + extras) / chars_per_line) + 0.15
    return own + sum(_lines(child, max(chars_per_line - 4, 10)) for child in point.children)


def _bullet_count(point: Point) -> int:
    return 1 + len(point.children)


def chunk(
    points: tuple[Point, ...], chars_per_line: int, budget: float, max_bullets: int = MAX_BULLETS[1]
) -> list[tuple[Point, ...]]:
    """Split bullets into slide-sized runs (lines and bullet count); a bullet too long for any slide gets one
    to itself."""
    chunks: list[tuple[Point, ...]] = []
    current: list[Point] = []
    used = 0.0
    bullets = 0
    for point in points:
        need = _lines(point, chars_per_line)
        if current and (used + need > budget or bullets + _bullet_count(point) > max_bullets):
            chunks.append(tuple(current))
            current, used, bullets = [], 0.0, 0
        current.append(point)
        used += need
        bullets += _bullet_count(point)
    if current:
        chunks.append(tuple(current))
    return chunks


def _balanced_chunks(
    points: tuple[Point, ...], chars_per_line: int, budget: float, count: int, max_bullets: int
) -> list:
    """The same number of parts as a full-budget split, but evened out, so no part holds a lone straggler.

    The smallest budget that still needs no more than `count` parts spreads the bullets most evenly.
    """
    if not points:
        return [()]
    low, high = 0.0, max(budget, max(_lines(point, chars_per_line) for point in points))
    for _ in range(30):
        middle = (low + high) / 2
        if len(chunk(points, chars_per_line, middle, max_bullets)) <= count:
            high = middle
        else:
            low = middle
    return chunk(points, chars_per_line, high, max_bullets)


def section_slides(
    kind: str,
    title: str,
    columns: list[Column],
    lead: str = "",
    notes: str = "",
    budget: float = LINE_BUDGET,
) -> list[Slide]:
    """Slides for one section: columns side by side (at most MAX_COLUMNS), split into parts that fit."""
    columns = [column for column in columns if column.points or column.body]
    if not columns:
        return []
    budget -= SOURCES_LINES
    if lead:
        budget -= math.ceil(len(lead) / LEAD_CHARS_PER_LINE) + 0.5
    pages: list[tuple[Column, ...]] = []
    for start in range(0, len(columns), MAX_COLUMNS):
        group = columns[start : start + MAX_COLUMNS]
        width = CHARS_PER_LINE[min(len(group), 3)]
        most = MAX_BULLETS[min(len(group), 3)]
        count = max(len(chunk(column.points, width, budget, most)) for column in group)
        chunks = [_balanced_chunks(column.points, width, budget, count, most) for column in group]
        for index in range(count):
            page = []
            for column, parts in zip(group, chunks, strict=True):
                if index < len(parts):
                    heading = column.heading if index == 0 or not column.heading else f"{column.heading} (continued)"
                    page.append(Column(heading, parts[index], column.body if index == 0 else ""))
            pages.append(tuple(page))
    hidden = 0
    if len(pages) > MAX_SECTION_SLIDES:
        hidden = sum(len(column.points) for page in pages[MAX_SECTION_SLIDES:] for column in page)
        pages = pages[:MAX_SECTION_SLIDES]
    slides = []
    for number, page in enumerate(pages, start=1):
        points = [point for column in page for point in column.points]
        points += [child for point in points for child in point.children]
        slides.append(
            Slide(
                kind=kind,
                title=title,
                lead=lead,
                columns=page,
                notes=notes,
                sources=sources_of(points),
                part=number,
                parts=len(pages),
                more=hidden if number == len(pages) else 0,
            )
        )
    return slides
