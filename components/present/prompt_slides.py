"""The deck's discussion prompts: one slide per prompt, with the findings it can reveal.

Nothing here imports Streamlit. A prompt's related findings and recommendations are named by id in
prompts.csv (`related_ids`); unknown ids are skipped, and what does not fit beside the question is counted.
"""

from __future__ import annotations

import math

from components.data.model import Dataset
from components.present.finding_slides import finding_point, recommendation_point
from components.present.slide_fit import (
    CHARS_PER_LINE,
    LEAD_CHARS_PER_LINE,
    LINE_BUDGET,
    MAX_REVEAL,
    SOURCES_LINES,
    chunk,
)
from components.present.slide_model import Point, Quote, Slide
from components.shared.text import cell_text


def prompt_slides(dataset: Dataset) -> list[Slide]:
    """One slide per prompt in file order, numbered as parts of one section ("Discuss: ... (2 of 7)")."""
    prompts = dataset.prompts
    findings = dataset.findings.set_index("finding_id", drop=False)
    recommendations = dataset.recommendations.set_index("recommendation_id", drop=False)
    slides = []
    for number, (_, prompt) in enumerate(prompts.iterrows(), start=1):
        reveal: list[Point] = []
        for item_id in cell_text(prompt.get("related_ids")).split():
            if item_id in findings.index:
                reveal.append(finding_point(findings.loc[item_id]))
            elif item_id in recommendations.index:
                reveal.append(recommendation_point(recommendations.loc[item_id], show_audience=True))
        reveal = list(dict.fromkeys(reveal))
        # Revealed findings share the slide with the question and the reveal button: keep what fits.
        lines_free = (
            LINE_BUDGET - 1 - SOURCES_LINES - math.ceil(len(cell_text(prompt.get("question"))) / LEAD_CHARS_PER_LINE)
        )
        shown = chunk(tuple(reveal[:MAX_REVEAL]), CHARS_PER_LINE[1], lines_free)[0] if reveal else ()
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
