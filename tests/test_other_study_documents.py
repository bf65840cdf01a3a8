"""The invented second study (tests/other_study.py) through the deck, the handouts and the plan documents:
none of the bundled study's words (tests/bundled_words.py) appear, and both its groups are named."""

from __future__ import annotations

import io

import docx
import pytest

from components.data.load import load_dataset_dir
from components.present.deck import build_deck
from components.present.handouts import participant_handout_pdf, presenter_handout_pdf
from components.recommendations import plan_files, planner
from components.recommendations.plan_documents import plan_docx_bytes, plan_pdf_bytes
from components.shared.citation import citation_line
from tests.bundled_words import bundled_words_in
from tests.other_study import GROUPS, METADATA_FORM, other_study, other_study_with_metadata
from tests.pdf_text import pages_text


@pytest.fixture(scope="module")
def study():
    return other_study()


@pytest.fixture(scope="module")
def deck(study):
    return build_deck(study)


def test_the_deck_speaks_only_of_this_study_and_names_both_groups(deck):
    text = "\n".join(repr(slide) for slide in deck)
    assert bundled_words_in(text) == []
    for group in GROUPS:
        assert group in text
    assert not [slide for slide in deck if slide.kind == "cop"]  # no lens, no lens slide


@pytest.mark.parametrize("handout", [participant_handout_pdf, presenter_handout_pdf])
def test_the_handouts_speak_only_of_this_study(deck, study, handout):
    text = " ".join(pages_text(handout(deck, study)))
    assert bundled_words_in(text) == []
    for group in GROUPS:
        assert group in text


def test_the_plan_documents_speak_only_of_this_study(study):
    table = planner.plan_table(study, ["H01", "H02"], None)
    citation = citation_line(study)
    word = docx.Document(io.BytesIO(plan_docx_bytes(study, table, citation)))
    texts = [
        "\n".join(cell.text for grid in word.tables for row in grid.rows for cell in row.cells),
        "\n".join(paragraph.text for paragraph in word.paragraphs),
        " ".join(pages_text(plan_pdf_bytes(study, table, citation))),
        plan_files.plan_markdown(study, table, citation),
        plan_files.plan_csv_bytes(study, table, citation).decode("utf-8-sig"),
    ]
    for text in texts:
        assert bundled_words_in(text) == []
    assert "Hospital managers" in texts[0]
    assert "Ambulance service leads" in texts[0]


def test_the_check_finds_the_bundled_study_in_its_own_deck():
    """The same check on the bundled deck finds its words: the assertions above are not vacuous."""
    found = bundled_words_in("\n".join(repr(slide) for slide in build_deck(load_dataset_dir())))
    assert any("Communities of Practice" in hit for hit in found)
    assert any("MHSW" in hit for hit in found)


def test_with_its_metadata_the_handout_and_plan_cite_the_study_itself():
    study = other_study_with_metadata()
    handout = " ".join(pages_text(participant_handout_pdf(build_deck(study), study)))
    assert METADATA_FORM["title"] in handout
    assert bundled_words_in(handout) == []
    table = planner.plan_table(study, ["H01"], None)
    plan = plan_files.plan_markdown(study, table, citation_line(study))
    assert "Okafor, Ada (2024). Handover between emergency nurses and paramedics." in plan
