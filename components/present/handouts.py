"""Printable handouts of the presenter deck: one for participants, one for the presenter.

Nothing here imports Streamlit. Both are built from `components.present.deck.build_deck(dataset)`, so they say what
the slides say. The participant handout has each slide's content, its verbatim quotes with their sources and
the discussion questions with room to write, but not what a prompt slide reveals or the speaker notes: those
are the presenter's. The presenter handout has everything. Every page ends with the citation and licence.
"""

from __future__ import annotations

import re

from components.data.model import Dataset
from components.present.deck import Point, Slide
from components.present.documents import PrintDocument, printable
from components.shared.citation import citation_line, source_line
from components.shared.text import cell_text
from components.shared.wording import APP_NAME, COUNTS_NOTE

INFERRED_MARK = " (inferred: this app's interpretation)"
ELEMENT_INFERRED = ": element inferred by this app"
READING_NOTE = (
    f"{COUNTS_NOTE} Statements marked inferred are this app's interpretation. "
    "Quotes are the sources' own words, with where each comes from."
)
INDENT = 6
# Room to write under a discussion question: this many ruled lines for a question, and more for each
# further question asked in the same prompt ("Why might that be, and what would help each side?").
WRITING_LINES = 6
EXTRA_LINES_PER_QUESTION = 3
LINE_SPACING = 9  # millimetres: handwriting needs more than the 8 of a printed form

# A source may name the app's own ids ("question written for this app from findings F013 and F014"): on
# paper a reader has no app to look them up in, so the ids become what they are, and the app is named.
_ID_LIST = re.compile(
    r"\b(?:findings?|recommendations?|prompts?)\s+[A-Z]{1,3}\d{2,4}(?:\s*(?:,|and|&)\s*[A-Z]{1,3}\d{2,4})*",
    re.IGNORECASE,
)
_BARE_ID = re.compile(r"\s*\(?\b[FRP]\d{3}\b\)?")
_THIS_APP = re.compile(r"\bthis app\b", re.IGNORECASE)


def paper_text(value: object) -> str:
    """Data other than a quote (whose words are never changed) as printed: plain text, without the app's
    internal ids or words that only make sense in the app."""
    text = _ID_LIST.sub("the study's findings", printable(value))
    text = _BARE_ID.sub("", text)
    # Named, as a reader of the paper cannot tell which app "this app" is.
    return _THIS_APP.sub(f"the {APP_NAME}", text)


def writing_line_count(question: str) -> int:
    """Ruled lines to write on for a question: more when it asks more than one thing."""
    asked = max(1, question.count("?") + len(re.findall(r",\s*and (?:what|how|why|who)\b", question)))
    return WRITING_LINES + EXTRA_LINES_PER_QUESTION * (asked - 1)


def _title(dataset: Dataset) -> str:
    study = dataset.study
    return printable(cell_text(study.title) if study else "") or printable(dataset.name)


def _point(document: PrintDocument, point: Point, indent: float = 0) -> None:
    text = printable(point.text)
    # The mark says what is inferred: on a tagged recommendation it is the element, not the words.
    if point.tag:
        text += f" [{paper_text(point.tag)}{ELEMENT_INFERRED if point.inferred else ''}]"
    elif point.inferred:
        text += INFERRED_MARK
    document.bullet(text, indent=indent, label=paper_text(point.label))
    if point.quote:
        document.quote(printable(point.quote), paper_text(point.source), indent=indent + INDENT)
    for child in point.children:
        _point(document, child, indent + INDENT)


def _slide(document: PrintDocument, number: int, slide: Slide, presenter: bool) -> None:
    """A slide kept on one page when it fits on one: its heading is never left at the foot of a page."""
    with document.offset_rendering() as trial:
        _slide_content(trial, number, slide, presenter)
    if trial.page_break_triggered and document.get_y() > document.t_margin + 1:
        document.add_page()
    _slide_content(document, number, slide, presenter)


def _slide_content(document: PrintDocument, number: int, slide: Slide, presenter: bool) -> None:
    document.heading(f"{number}. {paper_text(slide.heading)}", level=1)
    if slide.lead:
        prefix = "Discussion question: " if slide.kind == "prompt" else ""
        document.text_block(prefix + paper_text(slide.lead), size=11.5, style="B", gap=2)
    for quote in slide.quotes:
        document.quote(printable(quote.text), paper_text(quote.source))
    for column in slide.columns:
        if column.heading:
            document.heading(paper_text(column.heading), level=2)
        if column.body:
            document.text_block(paper_text(column.body))
        for point in column.points:
            _point(document, point)
    # What a section left off the slides is named as such; what a prompt could reveal is the presenter's.
    if slide.more and slide.kind != "prompt":
        document.text_block(f"{slide.more} more in this part of the study, not printed here.", style="I")
    if slide.note_quotes:
        document.text_block("More from the source:", style="B", gap=1)
        for quote in slide.note_quotes:
            document.quote(printable(quote.text), paper_text(quote.source))
    if presenter and slide.reveal:
        document.text_block("Related findings (shown when you reveal them):", style="B", gap=1)
        for point in slide.reveal:
            _point(document, point)
        if slide.more:
            document.text_block(f"{slide.more} more related, not on the slide.", style="I")
    if presenter and slide.notes:
        document.text_block(f"Speaker notes: {paper_text(slide.notes)}", style="I", colour=(40, 40, 40))
    sources = slide.shown_sources(revealed=presenter)
    if sources:
        document.text_block(
            "Sources: " + "; ".join(paper_text(source) for source in sources), size=8.5, colour=(60, 60, 60)
        )
    if not presenter and slide.kind == "prompt":
        document.writing_lines("Your notes:", count=writing_line_count(slide.lead), spacing=LINE_SPACING)


def _handout(deck: list[Slide], dataset: Dataset, presenter: bool) -> bytes:
    kind = "presenter handout" if presenter else "participant handout"
    title = f"{_title(dataset)}: {kind}"
    citation = citation_line(dataset)
    document = PrintDocument(title, printable(source_line(dataset)))
    document.heading(title, level=0)
    document.text_block(f"Source: {printable(citation)}")
    document.text_block(READING_NOTE, size=9.5, colour=(40, 40, 40))
    if presenter:
        document.text_block(
            "For the presenter: with each discussion question, the findings it reveals and the speaker notes. "
            "Give participants the participant handout, which leaves these out.",
            size=9.5,
            style="I",
        )
    for number, slide in enumerate(deck, start=1):
        _slide(document, number, slide, presenter)
    return document.pdf_bytes()


def participant_handout_pdf(deck: list[Slide], dataset: Dataset) -> bytes:
    """The deck for participants as an A4 PDF: slides' content, quotes and prompts, without answers or notes."""
    return _handout(deck, dataset, presenter=False)


def presenter_handout_pdf(deck: list[Slide], dataset: Dataset) -> bytes:
    """The whole deck as an A4 PDF for the presenter, with each prompt's revealed findings and speaker notes."""
    return _handout(deck, dataset, presenter=True)
