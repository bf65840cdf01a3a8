"""The presenter deck: slides built from a Dataset, and a Markdown handout of the whole deck.

Nothing here imports Streamlit. Every slide is generated from the data (no finding is typed
here), a section whose data is missing is skipped, and a section too long for one slide at
projector size is split into parts ("Why collaborate? (1 of 2)"). Text in slides is raw data:
the page escapes it before rendering, and the handout escapes it with `handout_escape`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pandas as pd

from components.data.model import Dataset
from components.data.vocabulary import COP_ELEMENTS, SHARED_GROUP
from components.home import points_to_note
from components.text import cell_text, fold

# Slide kinds in deck order.
KINDS = (
    "study",
    "points",
    "why",
    "barriers",
    "views",
    "helps",
    "cop",
    "recommendations",
    "prompt",
    "closing",
)

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
MAX_REVEAL = 5

COUNTS_NOTE = "Counts are counts of coded statements, not of people."


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


# ---------------------------------------------------------------------------------------------
# Helpers


def _finding_point(row: pd.Series, show_group: bool = True) -> Point:
    group = cell_text(row.get("group"))
    return Point(
        text=cell_text(row.get("statement")),
        label=group if show_group and group != SHARED_GROUP else "",
        inferred=cell_text(row.get("basis")) == "inferred",
        quote=cell_text(row.get("evidence")),
        source=cell_text(row.get("source")),
        item_id=cell_text(row.get("finding_id")),
    )


def _recommendation_point(row: pd.Series, show_audience: bool = False) -> Point:
    audience = cell_text(row.get("audience"))
    return Point(
        text=cell_text(row.get("text")),
        label=f"For {audience}" if show_audience and audience else "",
        tag=cell_text(row.get("cop_element")),
        inferred=cell_text(row.get("basis")) == "inferred",
        quote=cell_text(row.get("evidence")),
        source=cell_text(row.get("source")),
        item_id=cell_text(row.get("recommendation_id")),
    )


def _lines(point: Point, chars_per_line: int) -> float:
    """Estimated projector lines a bullet takes, with a little for the space between bullets."""
    extras = len(point.label) + 2 + len(point.tag) + (10 if point.inferred else 0)
    own = math.ceil((len(point.text) + extras) / chars_per_line) + 0.15
    return own + sum(_lines(child, max(chars_per_line - 4, 10)) for child in point.children)


def _bullet_count(point: Point) -> int:
    return 1 + len(point.children)


def _chunk(
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
        if len(_chunk(points, chars_per_line, middle, max_bullets)) <= count:
            high = middle
        else:
            low = middle
    return _chunk(points, chars_per_line, high, max_bullets)


def _sources(points: list[Point] | tuple[Point, ...], quotes: tuple[Quote, ...] = ()) -> tuple[str, ...]:
    found = [quote.source for quote in quotes] + [point.source for point in points]
    return tuple(dict.fromkeys(source for source in found if source))


def _section(
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
        count = max(len(_chunk(column.points, width, budget, most)) for column in group)
        chunks = [_balanced_chunks(column.points, width, budget, count, most) for column in group]
        for index in range(count):
            page = []
            for column, chunk in zip(group, chunks, strict=True):
                if index < len(chunk):
                    heading = column.heading if index == 0 or not column.heading else f"{column.heading} (continued)"
                    page.append(Column(heading, chunk[index], column.body if index == 0 else ""))
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
                sources=_sources(points),
                part=number,
                parts=len(pages),
                more=hidden if number == len(pages) else 0,
            )
        )
    return slides


def _group_columns(findings: pd.DataFrame, groups: list[str]) -> list[Column]:
    """One column of statements per group that has any, in the dataset's group order."""
    columns = []
    for group in groups:
        rows = findings[findings["group"].astype(str) == group]
        if rows.empty:
            continue
        heading = "All groups" if group == SHARED_GROUP else group
        columns.append(Column(heading, tuple(_finding_point(row, show_group=False) for _, row in rows.iterrows())))
    return columns


def _pair_title(base: str, columns: list[Column]) -> str:
    """'Why collaborate? MHSW and CSW' when exactly two groups are compared."""
    if len(columns) == 2:
        return f"{base}: {columns[0].heading} and {columns[1].heading}"
    return base


def _by_category(dataset: Dataset, category: str) -> pd.DataFrame:
    findings = dataset.findings
    return findings[findings["category"].astype(str) == category]


# ---------------------------------------------------------------------------------------------
# Sections, in deck order


def _study_slides(dataset: Dataset) -> list[Slide]:
    study = dataset.study
    if not study:
        return []
    citation = cell_text(study.short_citation) or cell_text(study.citation) or dataset.name
    quotes = []
    if cell_text(study.question_evidence):
        quotes.append(Quote(cell_text(study.question_evidence), citation))
    points = []
    author = ", ".join(part for part in (cell_text(study.author), cell_text(study.author_role)) if part)
    if author:
        points.append(Point(author, label="Researcher"))
    if cell_text(study.setting):
        points.append(Point(cell_text(study.setting), label="Setting"))
    method = study.method
    if method.interviews:
        split = ", ".join(f"{count} {label}" for label, count in method.group_counts)
        points.append(Point(f"{method.interviews}" + (f" ({split})" if split else ""), label="Interviews"))
    design = "; ".join(cell_text(part) for part in (method.design, method.analysis) if cell_text(part))
    if design:
        points.append(Point(design, label="Method"))
    method_quotes = tuple(
        Quote(cell_text(entry.quote), cell_text(entry.source)) for entry in method.evidence if cell_text(entry.quote)
    )
    if method_quotes:
        quotes.append(method_quotes[0])
    question = cell_text(study.question)
    if not (question or points or quotes):
        return []
    return [
        Slide(
            kind="study",
            title=cell_text(study.short_title) or cell_text(study.title) or "The study",
            lead=question,
            quotes=tuple(quotes),
            columns=(Column("", tuple(points)),) if points else (),
            note_quotes=method_quotes[1:],
            notes=(
                "Introduce the study and its question. The interview numbers come from the study itself; "
                "everything else in this deck counts coded statements, not people."
            ),
            sources=_sources([], tuple(quotes)),
        )
    ]


def _points_slides(dataset: Dataset) -> list[Slide]:
    rows = points_to_note(dataset)
    points = tuple(_finding_point(row) for _, row in rows.iterrows())
    return _section(
        "points",
        "Points to note",
        [Column("", points)],
        notes="Points the study itself flags before its findings.",
    )


def _why_slides(dataset: Dataset) -> list[Slide]:
    columns = _group_columns(_by_category(dataset, "purpose"), dataset.groups)
    return _section(
        "why",
        _pair_title("Why collaborate", columns),
        columns,
        lead="What each group said collaboration is for.",
        notes="Ask the room to notice who each group collaborates with, not just why.",
    )


def _barrier_slides(dataset: Dataset) -> list[Slide]:
    barriers = _by_category(dataset, "barrier")
    if barriers.empty:
        return []
    shared = barriers[barriers["group"].astype(str) == SHARED_GROUP]
    own = barriers[barriers["group"].astype(str) != SHARED_GROUP]
    # A group's barrier sits under the shared barrier of the same theme only when the source names
    # that theme itself; an inferred theme is not enough to claim they belong together.
    nested: set[int] = set()
    points = []
    for _, row in shared.iterrows():
        children = []
        if cell_text(row.get("theme_basis")) != "inferred":
            for index, child in own.iterrows():
                if (
                    index not in nested
                    and child["theme"] == row["theme"]
                    and cell_text(child.get("theme_basis")) != "inferred"
                ):
                    children.append(_finding_point(child))
                    nested.add(index)
        points.append(replace(_finding_point(row), children=tuple(children)))
    points += [_finding_point(row) for index, row in own.iterrows() if index not in nested]
    title = "Shared barriers" if not shared.empty else "Barriers"
    return _section(
        "barriers",
        title,
        [Column("", tuple(points))],
        notes="Barriers every group named, with what each service added beneath them.",
    )


def _views_slides(dataset: Dataset) -> list[Slide]:
    columns = _group_columns(_by_category(dataset, "perception"), dataset.groups)
    return _section(
        "views",
        _pair_title("Differing views", columns),
        columns,
        lead="What each group said about the other service.",
        notes="These are perceptions, not facts about the other service: ask where each view might come from.",
    )


def _helps_slides(dataset: Dataset) -> list[Slide]:
    enablers = _by_category(dataset, "enabler")
    points = tuple(_finding_point(row) for _, row in enablers.iterrows())
    return _section(
        "helps",
        "What helps",
        [Column("", points)],
        notes="What the social workers said could help overcome the barriers.",
    )


def _cop_slides(dataset: Dataset) -> list[Slide]:
    recommendations = dataset.recommendations
    coded = recommendations[recommendations["cop_element"].astype(str).isin(COP_ELEMENTS)]
    if coded.empty:
        return []
    glossary = dataset.glossary
    # Terms compare as every other lookup of typed text does (components.text.fold): case, quotes, spaces.
    terms = glossary["term"].map(fold)
    definitions = dict(zip(terms, glossary["definition"], strict=True))
    columns = []
    for element in COP_ELEMENTS:
        rows = coded[coded["cop_element"].astype(str) == element]
        inferred = int((rows["basis"].astype(str) == "inferred").sum())
        count = f"{len(rows)} recommendation{'s' if len(rows) != 1 else ''}"
        # The text says how many links are this app's reading, so no separate badge is needed.
        point = Point(count + (f", {inferred} of them linked here by this app (inferred)" if inferred else ""))
        columns.append(Column(element.capitalize(), (point,), cell_text(definitions.get(element))))
    quotes: tuple[Quote, ...] = ()
    lens = glossary[terms == "communities of practice"]
    if not lens.empty and cell_text(lens.iloc[0]["evidence"]):
        quotes = (Quote(cell_text(lens.iloc[0]["evidence"]), cell_text(lens.iloc[0]["source"])),)
    definition_sources = glossary[terms.isin(COP_ELEMENTS)]["source"]
    return [
        Slide(
            kind="cop",
            title="The Communities of Practice lens",
            quotes=quotes,
            columns=tuple(columns),
            notes=(
                "The study uses Wenger's three elements to frame its recommendations. Which element each "
                "recommendation serves is mostly this app's coding (marked inferred), not the study's."
            ),
            sources=tuple(dict.fromkeys([*(quote.source for quote in quotes), *map(cell_text, definition_sources)])),
        )
    ]


def _recommendation_slides(dataset: Dataset) -> list[Slide]:
    recommendations = dataset.recommendations
    slides: list[Slide] = []
    for audience in dataset.audiences:
        rows = recommendations[recommendations["audience"].astype(str) == audience]
        points = tuple(_recommendation_point(row) for _, row in rows.iterrows())
        slides += _section(
            "recommendations",
            f"Recommendations: {audience}",
            [Column("", points)],
            notes="Tags name the Communities of Practice element each recommendation serves.",
        )
    return slides


def _prompt_slides(dataset: Dataset) -> list[Slide]:
    prompts = dataset.prompts
    findings = dataset.findings.set_index("finding_id", drop=False)
    recommendations = dataset.recommendations.set_index("recommendation_id", drop=False)
    slides = []
    for number, (_, prompt) in enumerate(prompts.iterrows(), start=1):
        reveal: list[Point] = []
        for item_id in cell_text(prompt.get("related_ids")).split():
            if item_id in findings.index:
                reveal.append(_finding_point(findings.loc[item_id]))
            elif item_id in recommendations.index:
                reveal.append(_recommendation_point(recommendations.loc[item_id], show_audience=True))
        reveal = list(dict.fromkeys(reveal))
        # Revealed findings share the slide with the question and the reveal button: keep what fits.
        room = LINE_BUDGET - 1 - SOURCES_LINES - math.ceil(len(cell_text(prompt.get("question"))) / LEAD_CHARS_PER_LINE)
        shown = _chunk(tuple(reveal[:MAX_REVEAL]), CHARS_PER_LINE[1], room)[0] if reveal else ()
        source = cell_text(prompt.get("source"))
        quotes = (Quote(cell_text(prompt.get("evidence")), source),) if cell_text(prompt.get("evidence")) else ()
        slides.append(
            Slide(
                kind="prompt",
                title=f"Discuss: {cell_text(prompt.get('lens'))}",
                lead=cell_text(prompt.get("question")),
                quotes=quotes,
                reveal=tuple(shown),
                notes=cell_text(prompt.get("notes")),
                sources=(source,) if source else (),
                part=number,
                parts=len(prompts),
                more=len(reveal) - len(shown),
            )
        )
    return slides


def _closing_slides(dataset: Dataset) -> list[Slide]:
    study = dataset.study
    points = []
    quotes: tuple[Quote, ...] = ()
    if study and cell_text(study.citation):
        lead = cell_text(study.citation)
        if cell_text(study.licence):
            points.append(Point(cell_text(study.licence), label="Licence"))
        if cell_text(study.licence_evidence):
            source = cell_text(study.short_citation) or lead
            quotes = (Quote(cell_text(study.licence_evidence), source),)
    else:
        lead = f"{dataset.name}: data uploaded in this session."
    points.append(Point(COUNTS_NOTE))
    points.append(Point("Every point in this deck, with the words behind it, is in the Explore findings page."))
    return [
        Slide(
            kind="closing",
            title="Source and licence",
            lead=lead,
            quotes=quotes,
            columns=(Column("", tuple(points)),),
            notes="Share the handout (download below) so people can read every quote and its source.",
            sources=_sources([], quotes),
        )
    ]


SECTIONS = (
    _study_slides,
    _points_slides,
    _why_slides,
    _barrier_slides,
    _views_slides,
    _helps_slides,
    _cop_slides,
    _recommendation_slides,
    _prompt_slides,
    _closing_slides,
)


def build_deck(dataset: Dataset) -> list[Slide]:
    """Every slide, in teaching order; sections with no data are left out. Never empty (closing slide)."""
    slides: list[Slide] = []
    for section in SECTIONS:
        slides.extend(section(dataset))
    return slides


# ---------------------------------------------------------------------------------------------
# Navigation


def clamp_index(index: int, count: int) -> int:
    return min(max(index, 0), max(count - 1, 0))


def slide_from_param(value: object, count: int) -> tuple[int, str | None]:
    """A 1-based `?slide=` value to a 0-based index, clamped to the deck, with a note when it was changed."""
    if value is None or str(value).strip() == "":
        return 0, None
    raw = str(value).strip()
    try:
        number = int(raw)
    except ValueError:
        try:
            number = int(float(raw))
        except (ValueError, OverflowError):
            return 0, f"The link asked for slide '{raw[:20]}', which is not a number, so the deck starts at slide 1."
    index = clamp_index(number - 1, count)
    if index + 1 != number:
        return index, f"The link asked for slide {raw[:20]}; this deck has {count} slides, so it opens at {index + 1}."
    return index, None


def sources_line(sources: tuple[str, ...]) -> str:
    """Sources joined for one short line: those sharing a prefix ("Carpenter 2019, summary: ...") share it once."""
    grouped: dict[str, list[str]] = {}
    for source in sources:
        prefix, _, rest = source.partition(": ")
        grouped.setdefault(prefix if rest else source, [])
        if rest:
            grouped[prefix].append(rest)
    parts = [f"{prefix}: {', '.join(rests)}" if rests else prefix for prefix, rests in grouped.items()]
    return "; ".join(parts)


def slide_label(slide: Slide, index: int) -> str:
    """How a slide is listed in the jump menu (plain text, never Markdown)."""
    return f"{index + 1}. {slide.heading}"
