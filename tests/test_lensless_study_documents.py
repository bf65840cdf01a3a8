"""A study without a lens whose recommendations.csv fills `cop_element` (tests/lensless_study.py): the loader
says so, naming file, column and rows, and no slide, handout, graph, search result, download or plan shows a
lens tag, an "element inferred" mark or a column named after a lens. The bundled study keeps all of them."""

from __future__ import annotations

import io

import docx
import pytest

from components.about import study as about
from components.data.load import load_dataset_dir
from components.explore import search
from components.network.figure import node_hover
from components.network.graph import build_graph
from components.present.deck import build_deck
from components.present.handouts import participant_handout_pdf, presenter_handout_pdf
from components.recommendations import plan_files, planner
from components.recommendations.plan_documents import plan_docx_bytes, plan_pdf_bytes
from components.shared.citation import citation_line
from tests.lensless_study import ELEMENT_ROWS, lens_words_in, lensless_study
from tests.pdf_text import pages_text


@pytest.fixture(scope="module")
def study():
    return lensless_study()


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


def test_the_loader_sets_the_elements_aside_and_names_file_column_and_rows(study):
    assert study.study is not None
    assert study.study.lens is None
    assert (study.recommendations["cop_element"] == "").all()
    rows = ", ".join(str(row) for row in ELEMENT_ROWS)
    assert study.notes == (
        f"recommendations.csv, column 'cop_element', rows {rows}: 2 recommendations name an element of a lens, but "
        "the study defines no lens: they are set aside and no page shows them. To show them, name the lens and its "
        "elements in the study's details (study.json's `lens`, or the form on Your data).",
    )


def test_the_deck_has_no_lens_tag_mark_or_slide(study, bundled):
    deck = build_deck(study)
    points = [
        point
        for slide in deck
        if slide.kind == "recommendations"
        for column in slide.columns
        for point in column.points
    ]
    assert points, "the deck has recommendation slides"
    assert [(point.tag, point.inferred) for point in points] == [("", False)] * len(points)
    assert lens_words_in("\n".join(repr(slide) for slide in deck)) == []
    # The bundled deck keeps its tags and its lens slide.
    bundled_deck = build_deck(bundled)
    assert any(slide.kind == "cop" for slide in bundled_deck)
    assert any(
        point.tag
        for slide in bundled_deck
        if slide.kind == "recommendations"
        for column in slide.columns
        for point in column.points
    )


@pytest.mark.parametrize("handout", [participant_handout_pdf, presenter_handout_pdf])
def test_the_handouts_have_no_lens_tag(study, handout):
    text = " ".join(pages_text(handout(build_deck(study), study)))
    assert "Set aside a handover bay at the front door." in text
    assert lens_words_in(text) == []
    # H01's basis is "inferred" but it has no element left to qualify: its words are not marked inferred.
    assert "front door. (inferred" not in text


def test_the_graph_and_its_hover_have_no_element(study):
    graph = build_graph(study)
    recommendations = [node for node, data in graph.nodes(data=True) if data["kind"] == "recommendation"]
    assert recommendations == ["H01", "H02"]
    assert [graph.nodes[node]["theme"] for node in recommendations] == ["", ""]
    # H01's basis is "inferred", but it qualifies an element it no longer has: nothing is marked.
    assert "inferred" not in node_hover("H01", graph.nodes["H01"])


def test_search_labels_and_download_have_no_lens(study, bundled):
    corpus = search.build_corpus(study)
    assert search.lens_field(study) == ""
    assert not corpus["cop_text"].fillna("").str.len().any()
    assert search.find(corpus, "Kinship").results.empty
    table = search.export_table(search.find(corpus, "handover").results, search.lens_field(study))
    assert not table.empty
    assert lens_words_in(" ".join(table.columns)) == []
    assert [column for column in table.columns if "lens" in column] == []  # nor an empty "prompt's lens"
    bundled_table = search.export_table(
        search.find(search.build_corpus(bundled), "time").results, search.lens_field(bundled)
    )
    assert "Communities of Practice element" in bundled_table.columns


def test_about_counts_no_lens_element(study):
    assert lens_words_in(" ".join(about.coding_summary(study)["coded item"])) == []


def test_the_plan_documents_have_no_lens_column_or_line(study, bundled):
    table = planner.plan_table(study, ["H01", "H02"], None)
    citation = citation_line(study)
    word = docx.Document(io.BytesIO(plan_docx_bytes(study, table, citation)))
    texts = {
        "docx": "\n".join(
            [cell.text for grid in word.tables for row in grid.rows for cell in row.cells]
            + [paragraph.text for paragraph in word.paragraphs]
        ),
        "pdf": " ".join(pages_text(plan_pdf_bytes(study, table, citation))),
        "markdown": plan_files.plan_markdown(study, table, citation),
        "csv": plan_files.plan_csv_bytes(study, table, citation).decode("utf-8-sig"),
    }
    for kind, text in texts.items():
        assert "Set aside a handover bay" in text, kind
        assert lens_words_in(text) == [], kind
    assert "Lens element" not in plan_files.plan_export_frame(study, table, citation).columns
    bundled_table = planner.plan_table(bundled, ["R03"], None)
    frame = plan_files.plan_export_frame(bundled, bundled_table, citation_line(bundled))
    assert frame["Communities of Practice element"].tolist() == ["shared repertoire"]
