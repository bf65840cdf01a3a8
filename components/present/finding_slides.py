"""The deck's sections built from findings and recommendations: points to note, why collaborate, barriers,
differing views, what helps, the Communities of Practice lens and the recommendations for each audience.

Nothing here imports Streamlit. Every bullet is a row of the data (no finding is typed here); a section
whose data is missing gives no slides.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from components.data.model import Dataset
from components.data.vocabulary import SHARED_GROUP
from components.home.view import points_to_note
from components.present.slide_fit import section_slides
from components.present.slide_model import Column, Point, Quote, Slide
from components.shared import study_words
from components.shared.text import cell_text, fold

_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def finding_point(row: pd.Series, show_group: bool = True) -> Point:
    group = cell_text(row.get("group"))
    return Point(
        text=cell_text(row.get("statement")),
        label=group if show_group and group != SHARED_GROUP else "",
        inferred=cell_text(row.get("basis")) == "inferred",
        quote=cell_text(row.get("evidence")),
        source=cell_text(row.get("source")),
        item_id=cell_text(row.get("finding_id")),
    )


def recommendation_point(row: pd.Series, show_audience: bool = False) -> Point:
    audience = cell_text(row.get("audience"))
    element = cell_text(row.get("cop_element"))
    return Point(
        text=cell_text(row.get("text")),
        label=f"For {audience}" if show_audience and audience else "",
        tag=element,
        # A recommendation's basis qualifies its lens element only: its words are the source's, so without an
        # element (a study without a lens has none) nothing on it is marked inferred.
        inferred=bool(element) and cell_text(row.get("basis")) == "inferred",
        quote=cell_text(row.get("evidence")),
        source=cell_text(row.get("source")),
        item_id=cell_text(row.get("recommendation_id")),
    )


def group_columns(findings: pd.DataFrame, groups: list[str]) -> list[Column]:
    """One column of statements per group that has any, in the dataset's group order."""
    columns = []
    for group in groups:
        rows = findings[findings["group"].astype(str) == group]
        if rows.empty:
            continue
        heading = "All groups" if group == SHARED_GROUP else group
        columns.append(Column(heading, tuple(finding_point(row, show_group=False) for _, row in rows.iterrows())))
    return columns


def pair_title(base: str, columns: list[Column]) -> str:
    """'Why collaborate? MHSW and CSW' when exactly two groups are compared."""
    if len(columns) == 2:
        return f"{base}: {columns[0].heading} and {columns[1].heading}"
    return base


def by_category(dataset: Dataset, category: str) -> pd.DataFrame:
    findings = dataset.findings
    return findings[findings["category"].astype(str) == category]


def points_slides(dataset: Dataset) -> list[Slide]:
    rows = points_to_note(dataset)
    points = tuple(finding_point(row) for _, row in rows.iterrows())
    return section_slides(
        "points",
        "Points to note",
        [Column("", points)],
        notes="Points the study itself flags before its findings.",
    )


def why_slides(dataset: Dataset) -> list[Slide]:
    columns = group_columns(by_category(dataset, "purpose"), dataset.groups)
    return section_slides(
        "why",
        pair_title("Why collaborate", columns),
        columns,
        lead="What each group said collaboration is for.",
        notes="Ask the room to notice who each group collaborates with, not just why.",
    )


def barrier_slides(dataset: Dataset) -> list[Slide]:
    barriers = by_category(dataset, "barrier")
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
                    children.append(finding_point(child))
                    nested.add(index)
        points.append(replace(finding_point(row), children=tuple(children)))
    points += [finding_point(row) for index, row in own.iterrows() if index not in nested]
    title = "Shared barriers" if not shared.empty else "Barriers"
    return section_slides(
        "barriers",
        title,
        [Column("", tuple(points))],
        notes="Barriers every group named, with what each service added beneath them.",
    )


def views_slides(dataset: Dataset) -> list[Slide]:
    columns = group_columns(by_category(dataset, "perception"), dataset.groups)
    return section_slides(
        "views",
        pair_title("Differing views", columns),
        columns,
        lead="What each group said about the other service.",
        notes="These are perceptions, not facts about the other service: ask where each view might come from.",
    )


def helps_slides(dataset: Dataset) -> list[Slide]:
    enablers = by_category(dataset, "enabler")
    points = tuple(finding_point(row) for _, row in enablers.iterrows())
    return section_slides(
        "helps",
        "What helps",
        [Column("", points)],
        notes=f"What {study_words.participants(dataset)} said could help overcome the barriers.",
    )


def cop_slides(dataset: Dataset) -> list[Slide]:
    # Only a study that defines a lens (study.json's `lens`) gets its slide, in the study's own words.
    named = study_words.lens(dataset)
    if named is None:
        return []
    recommendations = dataset.recommendations
    # The lens's own elements, in its order (study.json's `lens`), not the bundled study's.
    elements = named.elements
    coded = recommendations[recommendations["cop_element"].astype(str).isin(elements)]
    if coded.empty:
        return []
    glossary = dataset.glossary
    # Terms compare as every other lookup of typed text does (components.shared.text.fold): case, quotes, spaces.
    terms = glossary["term"].map(fold)
    definitions = dict(zip(terms, glossary["definition"], strict=True))
    columns = []
    for element in elements:
        rows = coded[coded["cop_element"].astype(str) == element]
        inferred = int((rows["basis"].astype(str) == "inferred").sum())
        count = f"{len(rows)} recommendation{'s' if len(rows) != 1 else ''}"
        # The text says how many links are this app's reading, so no separate badge is needed.
        point = Point(count + (f", {inferred} of them linked here by this app (inferred)" if inferred else ""))
        columns.append(Column(element.capitalize(), (point,), cell_text(definitions.get(element))))
    quotes: tuple[Quote, ...] = ()
    lens = glossary[terms == fold(named.name)]
    if not lens.empty and cell_text(lens.iloc[0]["evidence"]):
        quotes = (Quote(cell_text(lens.iloc[0]["evidence"]), cell_text(lens.iloc[0]["source"])),)
    definition_sources = glossary[terms.isin([fold(element) for element in elements])]["source"]
    whose = f"{named.author}'s" if named.author else "the lens's"
    return [
        Slide(
            kind="cop",
            title=f"The {named.name} lens",
            quotes=quotes,
            columns=tuple(columns),
            notes=(
                f"The study uses {whose} {_NUMBER_WORDS.get(len(named.elements), len(named.elements))} "
                "elements to frame its recommendations. Which element each "
                "recommendation serves is mostly this app's coding (marked inferred), not the study's."
            ),
            sources=tuple(dict.fromkeys([*(quote.source for quote in quotes), *map(cell_text, definition_sources)])),
        )
    ]


def recommendation_slides(dataset: Dataset) -> list[Slide]:
    recommendations = dataset.recommendations
    slides: list[Slide] = []
    named = study_words.lens(dataset)
    lens_note = f"Tags name the {named.name} element each recommendation serves." if named else ""
    for audience in dataset.audiences:
        rows = recommendations[recommendations["audience"].astype(str) == audience]
        points = tuple(recommendation_point(row) for _, row in rows.iterrows())
        slides += section_slides(
            "recommendations",
            f"Recommendations: {audience}",
            [Column("", points)],
            notes=lens_note,
        )
    return slides
