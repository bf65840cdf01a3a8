"""The action plan as documents a team lead edits, circulates or prints: Word (.docx) and PDF.

Nothing here imports Streamlit. Both are built from the plan table the page's editor holds (see
components/recommendations/planner.py plan_table and plan_files.py plan_items) and hold one real table with
the same columns:
the recommendation, its audience, the reasons with their verbatim evidence, and the owner, due date, first
step and notes the team filled in. Data goes in as plain text (python-docx writes text runs, fpdf2 writes
text with its markdown switch off), so a cell such as =HYPERLINK(...) or <b> stays the characters typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from fpdf.fonts import FontFace

from components.data.model import Dataset
from components.present.documents import FONT, PrintDocument, printable
from components.recommendations.plan_files import plan_csv_bytes, plan_items, plan_markdown_bytes
from components.shared.wording import APP_NAME

TITLE = "Action plan"
COLUMNS = ("Recommendation", "Audience", "Reasons, with their evidence", "Owner", "Due date", "First step", "Notes")
# Column widths in centimetres on landscape A4 with 1.5 cm margins (26.7 cm across): the reasons, which
# hold the verbatim evidence, widest; the owner's name and a date ("2027-03-31") narrow.
COLUMN_CM = (4.4, 2.4, 10.6, 2.2, 2.1, 2.6, 2.4)
INFERRED_NOTE = (
    "Links marked “link inferred by this app” are this explorer's reading of the study, not the study's own "
    "words. Quotes are verbatim from the study's sources."
)
EMPTY_NOTE = "No recommendations are in this plan yet. Tick “In my plan” beside a recommendation to add it."


def _recommendation_lines(item: dict) -> list[str]:
    lines = [printable(item["recommendation"]), f"ID {printable(item['recommendation_id'])}"]
    if item["element"]:
        mark = " (inferred by this app)" if item["element_inferred"] else ""
        lines.append(f"{printable(item['element_label'])}: {printable(item['element'])}{mark}")
    return lines


def _reason_heading(kind: str, reason: dict) -> str:
    mark = " (link inferred by this app)" if reason["inferred"] else ""
    return f"{kind}: {printable(reason['label'])}{mark}"


def _quote(evidence: str, source: str) -> str:
    return f"“{printable(evidence)}” — {printable(source) or 'source not given'}"


def _reasons(item: dict, with_evidence: bool = True) -> list[tuple[str, bool]]:
    """The reasons cell as lines, each flagged True when it is a verbatim quote."""
    lines: list[tuple[str, bool]] = []
    for kind, key in (("Addresses", "addresses"), ("Builds on", "builds_on")):
        for reason in item[key]:
            lines.append((_reason_heading(kind, reason), False))
            if with_evidence and reason["evidence"]:
                lines.append((_quote(reason["evidence"], reason["source"]), True))
    if item["own_evidence"]:
        lines.append(("In the study's words:", False))
        lines.append((_quote(item["own_evidence"], item["source"]), True))
    elif item["source"]:
        lines.append((f"Recommendation source: {printable(item['source'])}", False))
    if not (item["addresses"] or item["builds_on"]):
        lines.insert(0, ("No links to the study's findings are recorded for this recommendation.", False))
    return lines


def _details(item: dict) -> tuple[str, str, str, str]:
    due = item["due_date"].isoformat() if item["due_date"] else ""
    return (
        printable(item["owner"]),
        due,
        printable(item["first_step"], keep_lines=True),
        printable(item["notes"], keep_lines=True),
    )


# ---------------------------------------------------------------------------------------------
# Word


def _repeat_as_header(row) -> None:
    """Word repeats a row marked tblHeader at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fix_column_widths(grid, widths_cm: tuple[float, ...]) -> None:
    """The same widths in the table's grid, its every cell and its total, and a fixed layout.

    Word reads the cells' widths, LibreOffice the grid's: python-docx's table grid gives every column the
    same width whatever the cells say, so LibreOffice drew the reasons as a narrow ribbon.
    """
    for column, width in zip(grid.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the <w:gridCol> of that column
    for row in grid.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    properties = grid._tbl.tblPr
    total = properties.find(qn("w:tblW"))
    if total is None:
        total = OxmlElement("w:tblW")
        properties.append(total)
    total.set(qn("w:w"), str(round(sum(widths_cm) / 2.54 * 1440)))
    total.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)


def _cell_lines(cell, lines: list[tuple[str, bool]], size: float) -> None:
    cell.text = ""
    for number, (text, is_quote) in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        run = paragraph.add_run(text)
        run.font.size = Pt(size - 0.5 if is_quote else size)
        run.italic = is_quote


def plan_docx_bytes(dataset: Dataset, table: pd.DataFrame, citation: str) -> bytes:
    """The plan as an editable Word document: landscape A4, one table whose header repeats on every page."""
    items = plan_items(dataset, table)
    document = Document()
    document.core_properties.title = TITLE
    document.core_properties.author = APP_NAME
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9.5)
    section.footer.paragraphs[0].text = f"Source: {printable(citation)}"

    document.add_heading(TITLE, level=1)
    document.add_paragraph(f"Built with the {APP_NAME} from: {printable(citation)}")
    if not items:
        document.add_paragraph(EMPTY_NOTE)
    grid = document.add_table(rows=1, cols=len(COLUMNS))
    grid.style = "Table Grid"
    grid.autofit = False
    _repeat_as_header(grid.rows[0])
    for cell, heading in zip(grid.rows[0].cells, COLUMNS, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
    for item in items:
        cells = grid.add_row().cells
        owner, due, first_step, notes = _details(item)
        _cell_lines(cells[0], [(line, False) for line in _recommendation_lines(item)], 9.5)
        cells[1].text = printable(item["audience"])
        _cell_lines(cells[2], _reasons(item), 9)
        for cell, value in zip(cells[3:], (owner, due, first_step, notes), strict=True):
            cell.text = value
    _fix_column_widths(grid, COLUMN_CM)
    note = document.add_paragraph(INFERRED_NOTE)
    note.runs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    # The source is said once in the text (under the title) and in every page's footer: a last paragraph
    # repeating it stood right above the footer saying the same.
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# PDF


# How much of each item's reasons the PDF's table holds; the rest follows the table as flowing text.
WITH_EVIDENCE, REASONS_ONLY, REASONS_BELOW, NO_TABLE = "with evidence", "reasons only", "reasons below", "no table"


def _reasons_cell(item: dict, layout: str) -> str:
    if layout == REASONS_BELOW:
        count = len(item["addresses"]) + len(item["builds_on"])
        return f"{count} linked finding{'s' if count != 1 else ''}: see “The evidence behind each item” below."
    return _reasons_text(_reasons(item, with_evidence=layout == WITH_EVIDENCE))


def _pdf_table(document: PrintDocument, items: list[dict], layout: str) -> None:
    document.set_font(FONT, "", 8)
    heading_style = FontFace(emphasis="BOLD", fill_color=(225, 232, 240))
    with document.table(
        col_widths=COLUMN_CM,  # shares of the page's text width, as in the Word document
        width=document.epw,
        align="LEFT",
        text_align="LEFT",
        line_height=3.7,
        headings_style=heading_style,
        repeat_headings=1,
        padding=1.2,
        v_align="TOP",
    ) as grid:
        header = grid.row()
        for heading in COLUMNS:
            header.cell(heading)
        for item in items:
            row = grid.row()
            owner, due, first_step, notes = _details(item)
            row.cell("\n".join(_recommendation_lines(item)))
            row.cell(printable(item["audience"]))
            row.cell(_reasons_cell(item, layout))
            for value in (owner, due, first_step, notes):
                row.cell(value)


def _reasons_text(lines: list[tuple[str, bool]]) -> str:
    """The reasons cell as text: a blank line before each reason, so each reads with its quote."""
    parts: list[str] = []
    for text, is_quote in lines:
        if parts and not is_quote:
            parts.append("")
        parts.append(text)
    return "\n".join(parts)


def _items_as_text(document: PrintDocument, items: list[dict], with_details: bool) -> None:
    """Each item's reasons with their verbatim quotes (and, without a table, its details) as flowing text."""
    document.heading("The evidence behind each item" if not with_details else "The plan, item by item", level=1)
    for item in items:
        document.heading(f"{printable(item['recommendation_id'])}: {printable(item['recommendation'])}", level=2)
        if with_details:
            owner, due, first_step, notes = _details(item)
            document.bullet(printable(item["audience"]), label="Audience")
            for label, value in (("Owner", owner), ("Due date", due), ("First step", first_step), ("Notes", notes)):
                document.bullet(value or "not set", label=label)
        for text, is_quote in _reasons(item):
            if is_quote:
                document.text_block(text, size=9.5, style="I", indent=6)
            else:
                document.bullet(text)


def _plan_pdf(items: list[dict], citation: str, layout: str) -> bytes:
    document = PrintDocument(TITLE, f"Source: {printable(citation)}", landscape=True)
    document.heading(TITLE, level=0)
    document.text_block(f"Built with the {APP_NAME} from: {printable(citation)}")
    if not items:
        document.text_block(EMPTY_NOTE)
    elif layout == NO_TABLE:
        _items_as_text(document, items, with_details=True)
    else:
        _pdf_table(document, items, layout)
        document.ln(3)
        if layout != WITH_EVIDENCE:
            _items_as_text(document, items, with_details=False)
    document.text_block(INFERRED_NOTE, size=9, colour=(60, 60, 60))
    return document.pdf_bytes()


def plan_pdf_bytes(dataset: Dataset, table: pd.DataFrame, citation: str) -> bytes:
    """The plan as a landscape A4 PDF to print: the same table as the Word document, header on every page.

    A table row cannot run across pages. When one item is too long for a page (an upload may link one
    recommendation to dozens of findings, or hold a very long text), the table keeps less of the reasons and
    the rest follows it item by item; as a last resort the plan is printed item by item without a table.
    Nothing is cut off.
    """
    items = plan_items(dataset, table)
    for layout in (WITH_EVIDENCE, REASONS_ONLY, REASONS_BELOW):
        try:
            return _plan_pdf(items, citation, layout)
        except ValueError as error:  # fpdf2's "row ... is too high and cannot be rendered on a single page"
            if "too high" not in str(error):
                raise
    return _plan_pdf(items, citation, NO_TABLE)


# ---------------------------------------------------------------------------------------------
# The planner's downloads, in the order the page shows them


@dataclass(frozen=True)
class PlanDownload:
    label: str
    build: Callable[[Dataset, pd.DataFrame, str], bytes]  # (dataset, the editor's plan table, citation)
    file_name: str
    mime: str
    key: str  # the download button's key is "recommendations_download_" + this
    icon: str


DOWNLOADS = (
    PlanDownload(
        "Download the plan to edit in Word (.docx)",
        plan_docx_bytes,
        "action-plan.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        ":material/edit_document:",
    ),
    PlanDownload(
        "Download the plan to print (PDF)",
        plan_pdf_bytes,
        "action-plan.pdf",
        "application/pdf",
        "pdf",
        ":material/print:",
    ),
    PlanDownload(
        "Download the plan for a spreadsheet (CSV)",
        plan_csv_bytes,
        "action-plan.csv",
        "text/csv",
        "csv",
        ":material/table:",
    ),
    PlanDownload(
        "Download the plan as a document (Markdown)",
        plan_markdown_bytes,
        "action-plan.md",
        "text/markdown",
        "markdown",
        ":material/description:",
    ),
)
