"""Printable handouts of the presenter deck: one for participants, one for the presenter.

Nothing here imports Streamlit. Both are built from `components.present.deck.build_deck(dataset)`, so they say what
the slides say. The participant handout has each slide's content, its verbatim quotes with their sources and
the discussion questions with room to write, but not what a prompt slide reveals or the speaker notes: those
are the presenter's. The presenter handout has everything. Every page ends with the citation and licence.
"""

from __future__ import annotations

from components.data.model import Dataset
from components.present.deck import Point, Slide
from components.present.documents import PrintDocument, printable
from components.shared.citation import citation_line, source_line
from components.shared.text import cell_text
from components.shared.wording import COUNTS_NOTE

INFERRED_MARK = " (inferred: this app's interpretation)"
ELEMENT_INFERRED = ": element inferred by this app"
READING_NOTE = (
    f"{COUNTS_NOTE} Statements marked inferred are this app's interpretation. "
    "Quotes are the sources' own words, with where each comes from."
)
INDENT = 6
PROMPT_ROOM = 90  # millimetres


def _title(dataset: Dataset) -> str:
    study = dataset.study
    return printable(cell_text(study.title) if study else "") or printable(dataset.name)


def _point(document: PrintDocument, point: Point, indent: float = 0) -> None:
    text = printable(point.text)
    # The mark says what is inferred: on a tagged recommendation it is the element, not the words.
    if point.tag:
        text += f" [{printable(point.tag)}{ELEMENT_INFERRED if point.inferred else ''}]"
    elif point.inferred:
        text += INFERRED_MARK
    document.bullet(text, indent=indent, label=printable(point.label))
    if point.quote:
        document.quote(printable(point.quote), printable(point.source), indent=indent + INDENT)
    for child in point.children:
        _point(document, child, indent + INDENT)


def _slide(document: PrintDocument, number: int, slide: Slide, presenter: bool) -> None:
    if slide.kind == "prompt" and not presenter:
        document.keep_room(PROMPT_ROOM)  # a question, its quote and the lines to write on, on one page
    document.heading(f"{number}. {printable(slide.heading)}", level=1)
    if slide.lead:
        prefix = "Discussion question: " if slide.kind == "prompt" else ""
        document.text_block(prefix + printable(slide.lead), size=11.5, style="B", gap=2)
    for quote in slide.quotes:
        document.quote(printable(quote.text), printable(quote.source))
    for column in slide.columns:
        if column.heading:
            document.heading(printable(column.heading), level=2)
        if column.body:
            document.text_block(printable(column.body))
        for point in column.points:
            _point(document, point)
    if slide.more:
        document.text_block(f"And {slide.more} more not shown in this deck.", style="I")
    if slide.note_quotes:
        document.text_block("More from the source:", style="B", gap=1)
        for quote in slide.note_quotes:
            document.quote(printable(quote.text), printable(quote.source))
    if presenter and slide.reveal:
        document.text_block("Related findings (shown when you reveal them):", style="B", gap=1)
        for point in slide.reveal:
            _point(document, point)
    if presenter and slide.notes:
        document.text_block(f"Speaker notes: {printable(slide.notes)}", style="I", colour=(40, 40, 40))
    sources = slide.shown_sources(revealed=presenter)
    if sources:
        document.text_block(
            "Sources: " + "; ".join(printable(source) for source in sources), size=8.5, colour=(60, 60, 60)
        )
    if not presenter and slide.kind == "prompt":
        document.writing_lines("Your notes:")


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
