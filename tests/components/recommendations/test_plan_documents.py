"""The action plan as Word and PDF, opened with python-docx and pypdf as a team lead's software would."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile

import docx
import pandas as pd
import pytest
from pypdf import PdfReader

from components.data.load import build_dataset
from components.recommendations import planner
from components.recommendations.plan_documents import COLUMNS, DOWNLOADS, EMPTY_NOTE, plan_docx_bytes, plan_pdf_bytes
from components.shared.citation import citation_line
from components.shared.wording import APP_NAME
from tests.components.recommendations.plan_data import CHILDRENS, LA
from tests.pdf_text import flat, pages_text

FORMULA = '=HYPERLINK("http://example.invalid","Click")'
MARKUP = "<b>bold</b> **strong** [link](http://example.invalid)"


@pytest.fixture(scope="module")
def citation(study):
    return citation_line(study)


@pytest.fixture(scope="module")
def table(study):
    details = pd.DataFrame(
        [
            {
                "recommendation_id": "R05",
                "owner": FORMULA,
                "due_date": dt.date(2027, 3, 31),
                "first_step": MARKUP + "\x07\x1b",
                "notes": "Line one\nLine two",
            },
            {"recommendation_id": "R06", "owner": "Sam", "due_date": None, "first_step": "Agenda", "notes": ""},
        ]
    )
    return planner.plan_table(study, ["R05", "R06", "R03"], details)


def word_table(data: bytes) -> list[list[str]]:
    (grid,) = docx.Document(io.BytesIO(data)).tables
    return [[cell.text for cell in row.cells] for row in grid.rows]


class TestWord:
    def test_one_real_table_with_the_plan_columns_in_audience_then_plan_order(self, study, table, citation):
        rows = word_table(plan_docx_bytes(study, table, citation))
        assert tuple(rows[0]) == COLUMNS
        assert COLUMNS == (
            "Recommendation",
            "Audience",
            "Reasons, with their evidence",
            "Owner",
            "Due date",
            "First step",
            "Notes",
        )
        ids = [re.search(r"ID (R\d+)", row[0]).group(1) for row in rows[1:]]
        assert ids == ["R03", "R05", "R06"]  # the local authority's list comes first in the data
        assert [row[1] for row in rows[1:]] == [LA, CHILDRENS, CHILDRENS]

    def test_details_reasons_and_verbatim_evidence_are_in_the_row(self, study, table, citation):
        by_id = {
            re.search(r"ID (R\d+)", row[0]).group(1): row
            for row in word_table(plan_docx_bytes(study, table, citation))[1:]
        }
        r05, r06 = by_id["R05"], by_id["R06"]
        assert r05[0].startswith("Social workers’ focus upon sharing information")
        assert r05[3:] == [FORMULA, "2027-03-31", MARKUP, "Line one\nLine two"]
        assert r06[3:] == ["Sam", "", "Agenda", ""]
        assert "Addresses: Children's social workers are driven by timescales, tasks and targets." in r06[2]
        assert "(link inferred by this app)" in r06[2]
        assert "“CSW – Timescales, tasks, targets” — Carpenter n.d." in r06[2]

    def test_hostile_cells_stay_inert_text(self, study, table, citation):
        data = plan_docx_bytes(study, table, citation)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read("word/document.xml").decode("utf-8")
            relations = package.read("word/_rels/document.xml.rels").decode("utf-8")
        assert "&lt;b&gt;bold&lt;/b&gt;" in xml
        assert "<b>" not in xml
        for field in ("w:hyperlink", "w:fldSimple", "w:instrText", "w:fldChar"):
            assert field not in xml
        assert "example.invalid" not in relations  # no link was made from the data
        assert "\x07" not in xml
        assert "\x1b" not in xml

    def test_header_row_repeats_on_every_page_and_the_page_is_landscape(self, study, table, citation):
        document = docx.Document(io.BytesIO(plan_docx_bytes(study, table, citation)))
        (grid,) = document.tables
        assert grid.rows[0]._tr.trPr.xpath("./w:tblHeader")
        section = document.sections[0]
        assert section.page_width > section.page_height

    def test_the_citation_is_in_the_text_and_every_page_footer(self, study, table, citation):
        document = docx.Document(io.BytesIO(plan_docx_bytes(study, table, citation)))
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
        # Once in the text, under the title, and in the footer: not again at the end above the footer.
        assert [text for text in paragraphs if citation in text] == [f"Built with the {APP_NAME} from: {citation}"]
        assert document.sections[0].footer.paragraphs[0].text == f"Source: {citation}"
        assert "Licence: Creative Commons Attribution Non-commercial No Derivatives" in citation

    def test_column_widths_agree_in_the_grid_and_every_cell(self, study, table, citation):
        (grid,) = docx.Document(io.BytesIO(plan_docx_bytes(study, table, citation))).tables
        columns = [column.width for column in grid.columns]
        assert len(set(columns)) > 2, "every column the same width"
        for row in grid.rows:
            assert [cell.width for cell in row.cells] == columns
        reasons = COLUMNS.index("Reasons, with their evidence")
        assert columns[reasons] == max(columns)
        assert columns[COLUMNS.index("Owner")] < columns[0] / 1.5
        assert columns[COLUMNS.index("Due date")] < columns[0] / 1.5
        assert grid._tbl.tblPr.xpath("./w:tblLayout[@w:type='fixed']")

    def test_an_empty_plan_is_a_header_row_and_a_sentence(self, study, citation):
        data = plan_docx_bytes(study, planner.plan_table(study, [], None), citation)
        assert word_table(data) == [list(COLUMNS)]
        assert EMPTY_NOTE in [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]


class TestPdf:
    def test_the_table_and_the_citation_on_every_page(self, study, citation):
        everything = planner.plan_table(study, study.recommendations["recommendation_id"].tolist(), None)
        pages = pages_text(plan_pdf_bytes(study, everything, citation))
        assert len(pages) > 2
        for number, page in enumerate(pages, start=1):
            assert flat(citation) in page, number
            assert f"Page {number} of {len(pages)}" in page
        text = " ".join(page.rsplit(" Source: ", 1)[0] for page in pages)
        for recommendation_id in everything["recommendation_id"]:
            assert f"ID {recommendation_id}" in text

    def test_the_header_row_repeats_on_every_page_the_table_runs_onto(self, study, citation):
        everything = planner.plan_table(study, study.recommendations["recommendation_id"].tolist(), None)
        pages = pages_text(plan_pdf_bytes(study, everything, citation))
        with_rows = [page for page in pages if re.search(r"ID R\d\d", page)]
        assert len(with_rows) > 2
        for page in with_rows:
            assert "Recommendation Audience Reasons, with their evidence Owner Due date First step Notes" in page

    def test_details_and_hostile_cells_print_as_typed(self, study, table, citation):
        data = plan_pdf_bytes(study, table, citation)
        text = " ".join(pages_text(data))
        # A narrow column wraps a cell wherever it must, so compare without the line breaks.
        squeezed = "".join(text.split())
        assert "".join(FORMULA.split()) in squeezed
        assert "".join(MARKUP.split()) in squeezed
        assert "2027-03-31" in text
        assert "“CSW – Timescales, tasks, targets” — Carpenter n.d." in text
        assert b"/URI" not in data  # no link was made from the data

    def test_an_item_too_long_for_a_page_moves_its_quotes_below_the_table(self):
        evidence = "We never have time " * 12
        findings = "finding_id,group,category,theme,statement,evidence,source\n" + "".join(
            f"F{n},Team,barrier,Time,Statement number {n} about time.,{evidence}end {n},Interview {n}\n"
            for n in range(60)
        )
        links = "from_id,to_id,relation\n" + "".join(f"X1,F{n},addresses\n" for n in range(60))
        dataset = build_dataset(
            {
                "findings.csv": findings.encode(),
                "recommendations.csv": b"recommendation_id,audience,text\nX1,Team,Do the thing\n",
                "links.csv": links.encode(),
            },
            name="Uploaded test data",
        )
        data = plan_pdf_bytes(dataset, planner.plan_table(dataset, ["X1"], None), citation_line(dataset))
        text = " ".join(page.rsplit(" Source: ", 1)[0] for page in pages_text(data))
        assert "The evidence behind each item" in text
        for n in range(60):
            assert f"Addresses: Statement number {n} about time." in text
            assert f"end {n}” — Interview {n}" in text

    def test_an_empty_plan_still_cites(self, study, citation):
        (page,) = pages_text(plan_pdf_bytes(study, planner.plan_table(study, [], None), citation))
        assert EMPTY_NOTE in page
        assert flat(citation) in page


def test_an_item_too_long_even_for_a_row_is_printed_item_by_item():
    text = " ".join(f"step{n}" for n in range(600))  # under the loader's 5,000 characters a cell
    dataset = build_dataset(
        {
            "findings.csv": b"finding_id,group,category,theme,statement,evidence,source\nF1,T,barrier,Time,S.,E,I\n",
            "recommendations.csv": f"recommendation_id,audience,text\nX1,Team,{text}\n".encode(),
        },
        name="Uploaded test data",
    )
    data = plan_pdf_bytes(dataset, planner.plan_table(dataset, ["X1"], None), citation_line(dataset))
    pages = pages_text(data)
    joined = " ".join(page.rsplit(" Source: ", 1)[0] for page in pages)
    assert "The plan, item by item" in joined
    assert "step0 " in joined
    assert "step599" in joined
    assert "Owner: not set" in joined


def test_the_planner_offers_word_pdf_csv_and_markdown():
    assert [download.file_name for download in DOWNLOADS] == [
        "action-plan.docx",
        "action-plan.pdf",
        "action-plan.csv",
        "action-plan.md",
    ]


# scripts/test.sh installs LibreOffice: in CI a missing soffice is a failure, not a skip.
@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"), reason="LibreOffice is installed by scripts/test.sh"
)
def test_libreoffice_lays_out_two_recommendations_on_one_landscape_page(study, citation, tmp_path):
    """The Word plan as a team lead opening it in LibreOffice would see it, rendered to PDF."""
    two = planner.plan_table(study, ["R05", "R06"], None)
    document = tmp_path / "action-plan.docx"
    document.write_bytes(plan_docx_bytes(study, two, citation))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rendered = (tmp_path / "action-plan.pdf").read_bytes()
    pages = pages_text(rendered)
    assert len(pages) == 1, f"{len(pages)} pages"
    reader = PdfReader(io.BytesIO(rendered))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    text = pages[0]
    assert text.count("Reasons, with their evidence") == 1
    assert text.count(f"Source: {flat(citation)[:40]}") == 1  # the footer's, not again above it
    # The reasons column is wide: a reason's heading runs on one line, not a word or two a line.
    layout = reader.pages[0].extract_text(extraction_mode="layout")
    assert any("Reasons, with their evidence" in line for line in layout.splitlines())
