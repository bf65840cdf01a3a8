"""The printable handouts, read back with pypdf as a printer or a participant would get them."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from components.data.load import load_dataset_dir
from components.present.deck import Column, Point, Quote, Slide, build_deck
from components.present.documents import printable
from components.present.handouts import (
    paper_text,
    participant_handout_pdf,
    presenter_handout_pdf,
    writing_line_count,
)
from tests.pdf_text import body, flat, pages_text

HOSTILE = '=HYPERLINK("http://example.invalid","Click") <b>bold</b> [link](http://x.invalid) {nb}'


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def deck(bundled):
    return build_deck(bundled)


@pytest.fixture(scope="module")
def participant(deck, bundled) -> list[str]:
    return pages_text(participant_handout_pdf(deck, bundled))


@pytest.fixture(scope="module")
def presenter(deck, bundled) -> list[str]:
    return pages_text(presenter_handout_pdf(deck, bundled))


def prompts(deck) -> list[Slide]:
    return [slide for slide in deck if slide.kind == "prompt"]


def reveal_only_texts(deck) -> list[str]:
    """Statements a prompt reveals that no slide shows: the answers a participant must not read."""
    shown = {point.text for slide in deck for column in slide.columns for point in column.points}
    shown |= {child.text for slide in deck for column in slide.columns for p in column.points for child in p.children}
    return [point.text for slide in deck for point in slide.reveal if point.text not in shown]


class TestParticipantHandout:
    def test_is_a4_and_opens_with_the_study_title(self, deck, bundled, participant):
        reader = PdfReader(io.BytesIO(participant_handout_pdf(deck, bundled)))
        width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        assert participant[0].startswith(flat(f"{bundled.study.title}: participant handout"))

    def test_every_discussion_question_is_there(self, deck, participant):
        text = body(participant)
        assert len(prompts(deck)) == 8
        for slide in prompts(deck):
            assert flat(f"Discussion question: {slide.lead}") in text

    def test_reveals_and_speaker_notes_are_left_out(self, deck, participant):
        text = " ".join(participant)
        answers = reveal_only_texts(deck)
        assert len(answers) >= 3
        for answer in answers:
            assert flat(answer) not in text
        for slide in deck:
            assert slide.notes
            assert flat(slide.notes) not in text
        assert "Speaker notes" not in text
        assert "Related findings" not in text

    def test_slides_quotes_and_their_sources_are_there(self, deck, participant):
        text = body(participant)
        for slide in deck:
            assert flat(slide.heading) in text
            for quote in slide.quotes:
                assert flat(f"“{quote.text}” — {paper_text(quote.source)}") in text
            for column in slide.columns:
                for point in column.points:
                    assert flat(point.text) in text
                    if point.quote:
                        assert flat(f"“{point.quote}” — {paper_text(point.source)}") in text

    def test_no_internal_ids_or_app_only_words_on_paper(self, participant):
        text = " ".join(participant)
        assert not re.findall(r"\b[FRP]\d{3}\b", text)
        assert "for this app" not in text
        assert "not shown in this deck" not in text
        assert "question written for the Collaboration Findings Explorer from the study's findings" in flat(text)

    def test_every_slide_heading_has_its_content_under_it_on_the_same_page(self, deck, participant):
        # A heading at the foot of a page is the last thing before the footer.
        for number, page in enumerate(participant, start=1):
            content = page.rsplit(" Source: ", 1)[0]
            for index, slide in enumerate(deck, start=1):
                assert not content.endswith(flat(f"{index}. {slide.heading}")), f"page {number}"
            assert content.count(" Discussion question: ") == content.count("Your notes:"), f"page {number}"

    def test_prompts_leave_room_to_write(self, participant):
        assert " ".join(participant).count("Your notes:") == 8

    def test_a_question_asking_two_things_gets_more_room_than_one(self):
        one = writing_line_count("Why might that be?")
        two = writing_line_count("Why might that be, and what would help each side?")
        assert one >= 6
        assert two > one

    def test_citation_and_licence_on_every_page(self, bundled, participant):
        assert len(participant) > 3
        for number, page in enumerate(participant, start=1):
            assert flat(bundled.study.citation) in page, number
            assert flat(f"Licence: {bundled.study.licence}") in page, number
            assert f"Page {number} of {len(participant)}" in page

    def test_inferred_marks_say_what_they_qualify(self, participant):
        text = " ".join(participant)
        assert "element inferred by this app]" in text
        assert "Counts are counts of coded statements, not of people." in text


class TestPresenterHandout:
    def test_reveals_and_notes_are_there(self, deck, presenter):
        text = body(presenter)
        for answer in reveal_only_texts(deck):
            assert flat(answer) in text
        for slide in deck:
            assert flat(f"Speaker notes: {paper_text(slide.notes)}") in text
        assert text.count("Related findings (shown when you reveal them):") == 8

    def test_citation_and_licence_on_every_page(self, bundled, presenter):
        for number, page in enumerate(presenter, start=1):
            assert flat(bundled.study.citation) in page, number
            assert flat(f"Licence: {bundled.study.licence}") in page, number

    def test_no_room_to_write_in_the_presenters_copy(self, presenter):
        assert "Your notes:" not in " ".join(presenter)


class TestData:
    def slide(self, text: str) -> Slide:
        return Slide(
            kind="prompt",
            title=text,
            lead=text,
            quotes=(Quote(text, text),),
            columns=(Column(text, (Point(text, label="Group", quote=text, source="Interview A"),)),),
            reveal=(Point("The hidden answer"),),
            notes="The hidden note",
            sources=("Interview A",),
        )

    @pytest.mark.parametrize("handout", [participant_handout_pdf, presenter_handout_pdf])
    def test_markup_formulas_and_control_characters_come_out_as_inert_text(self, bundled, handout):
        data = handout([self.slide(HOSTILE + "\x07\x1b[31m\u202e\ue000")], bundled)
        text = " ".join(pages_text(data))
        assert HOSTILE + "[31m" in text  # the bell, escape and bidi override are gone, the rest as typed
        assert "\u202e" not in text
        assert "\x07" not in text
        assert b"/URI" not in data
        assert b"/Annot" not in data

    def test_a_dataset_without_a_study_is_cited_by_its_name(self, bundled):
        upload = dataclasses.replace(bundled, study=None, name="Équipe 🌍 data", is_bundled=False)
        data = participant_handout_pdf([self.slide("Ünïcödé — “quoted” Ελληνικά")], upload)
        (page,) = pages_text(data)
        assert "Ünïcödé — “quoted” Ελληνικά" in page
        assert "data: data uploaded in this session." in page
        assert "The hidden answer" not in page
        assert "The hidden note" not in page

    def test_a_long_deck_runs_onto_more_pages_without_losing_text(self, bundled):
        long_text = " ".join(f"word{number}" for number in range(900))
        pages = pages_text(participant_handout_pdf([self.slide(long_text)] * 3, bundled))
        assert len(pages) > 3
        assert " ".join(pages).count(f"{long_text.split()[-1]}") >= 3 * 4


def test_printable_keeps_text_and_drops_what_cannot_print():
    assert printable(" a\tb\r\nc\x00d\u200be ") == "a b cde"
    assert printable("one\r\ntwo\rthree", keep_lines=True) == "one\ntwo\nthree"
    assert printable(None) == ""
    assert printable(float("nan")) == ""
