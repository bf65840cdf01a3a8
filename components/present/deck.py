"""The presenter deck: every slide built from a Dataset, in teaching order, and the study's own slides.

Nothing here imports Streamlit. Every slide is generated from the data (no finding is typed here) and a
section whose data is missing is skipped. The sections come from their own modules: findings and
recommendations (components.present.finding_slides), discussion prompts (prompt_slides); the study's
opening and closing slides are here. What fits on a slide is components.present.slide_fit, what a slide is
components.present.slide_model. Text in slides is raw data: the windows escape it before rendering
(slide_view) and the handouts print it as plain text (handouts).
"""

from __future__ import annotations

from components.data.model import Dataset
from components.present.finding_slides import (
    barrier_slides,
    cop_slides,
    helps_slides,
    points_slides,
    recommendation_slides,
    views_slides,
    why_slides,
)
from components.present.prompt_slides import prompt_slides
from components.present.slide_model import Column, Point, Quote, Slide, sources_of
from components.shared.text import cell_text
from components.shared.wording import APP_NAME, COUNTS_NOTE

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
            sources=sources_of([], tuple(quotes)),
        )
    ]


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
    elif dataset.is_bundled:
        # The server's own data folder without a study.json (one `python -m components.qda` wrote): not an upload.
        lead = f"{dataset.name}: the study in the data folder this server was started with."
    else:
        lead = f"{dataset.name}: data uploaded in this session."
        if dataset.published:  # read from a ?study= link (components/ui/published.py)
            lead = f"{dataset.name}: a study shared by link, as its publisher uploaded it."
    points.append(Point(COUNTS_NOTE))
    points.append(
        Point(f"Every point here, with the words behind it, is on the Explore findings page of the {APP_NAME}.")
    )
    return [
        Slide(
            kind="closing",
            title="Source and licence",
            lead=lead,
            quotes=quotes,
            columns=(Column("", tuple(points)),),
            notes=(
                "Give everyone the participant handout, printed before the session, so they can read every "
                "quote and its source."
            ),
            sources=sources_of([], quotes),
        )
    ]


SECTIONS = (
    _study_slides,
    points_slides,
    why_slides,
    barrier_slides,
    views_slides,
    helps_slides,
    cop_slides,
    recommendation_slides,
    prompt_slides,
    _closing_slides,
)


def build_deck(dataset: Dataset) -> list[Slide]:
    """Every slide, in teaching order; sections with no data are left out. Never empty (closing slide)."""
    slides: list[Slide] = []
    for section in SECTIONS:
        slides.extend(section(dataset))
    return slides
