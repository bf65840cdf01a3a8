"""Print-ready documents: a PDF page layout with the citation on every page, and data as plain text.

Nothing here imports Streamlit. The handouts (components/present/handouts.py) and the action plan's documents
(components/plan_documents.py) are built on these pieces, so every PDF the app writes shares one font, one
footer and one rule for data: it goes in as plain text, never as markup, with control characters removed.

The font is DejaVu Sans, bundled in components/present/fonts/ with its licence (a fresh machine may not have it):
it covers Latin, Greek, Cyrillic and many symbols, so names and quotes print as written.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from components.data.model import Dataset
from components.text import cell_text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
APP_CREDIT = "Collaboration Findings Explorer"
# fpdf2 swaps this placeholder for the page count in everything on the page. Data never holds it:
# printable() removes private-use characters, so no cell can turn into a page number.
PAGE_COUNT_ALIAS = "\ue000nb\ue000"

_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def printable(value: object, keep_lines: bool = False) -> str:
    """Data as plain text for a printed document: control, format and private-use characters removed.

    Control characters are not valid in a Word file's XML and print as boxes in a PDF; format characters
    (such as bidirectional overrides) could reorder what a reader sees. Runs of spaces become one space.
    With keep_lines, line breaks typed into a note are kept; otherwise the text is one line.
    """
    text = cell_text(value)
    text = _LINE_BREAKS.sub("\n" if keep_lines else " ", text).replace("\t", " ")
    text = "".join(
        character
        for character in text
        if character == "\n" or unicodedata.category(character) not in {"Cc", "Cf", "Co", "Cs", "Cn"}
    )
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip() if keep_lines else (lines[0] if lines else "")


def citation_line(dataset: Dataset) -> str:
    """How the data is cited on every page: the study's reference and licence, or the upload's name."""
    study = dataset.study
    if study and cell_text(study.citation):
        licence = cell_text(study.licence)
        return f"{cell_text(study.citation)} Licence: {licence}." if licence else cell_text(study.citation)
    if dataset.published:  # read from a ?study= link (components/publish_view.py)
        return f"{dataset.name}: a study shared by link, as its publisher uploaded it."
    return f"{dataset.name}: data uploaded in this session."


class PrintDocument(FPDF):
    """An A4 PDF whose every page ends with the source, its licence and the page number.

    The writing methods take data as plain text (fpdf2's markdown switch stays off), wrap it inside the
    margins and break pages where needed; a heading never sits alone at the foot of a page.
    """

    BODY_SIZE = 10.5
    LINE = 5.2

    def __init__(self, title: str, footer_text: str, landscape: bool = False):
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        for style, file_name in FONT_FILES.items():
            self.add_font(FONT, style, str(FONT_DIR / file_name))
        self.footer_text = printable(footer_text)
        self.alias_nb_pages(PAGE_COUNT_ALIAS)
        self.set_margins(16, 16, 16)
        self.set_title(printable(title))
        self.set_author(APP_CREDIT)
        self.set_creator(APP_CREDIT)
        self.set_lang("en-GB")
        self.footer_height = 0.0
        self.add_page()
        # The footer's height depends on how the citation wraps, which fpdf2 can only measure on a page.
        self.set_font(FONT, "", 7.5)
        footer_lines = self.multi_cell(self.epw, 3.4, self.footer_text, dry_run=True, output="LINES")
        self.footer_height = 3.4 * (len(footer_lines) + 1) + 2
        self.set_auto_page_break(True, margin=self.footer_height + 10)
        self.set_font(FONT, "", self.BODY_SIZE)

    def footer(self) -> None:
        self.set_y(-(self.footer_height + 6))
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)
        self.set_text_color(60, 60, 60)
        self.set_font(FONT, "", 7.5)
        self.multi_cell(0, 3.4, self.footer_text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.multi_cell(
            0, 3.4, f"Page {self.page_no()} of {PAGE_COUNT_ALIAS}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_text_color(0, 0, 0)

    # --- writing --------------------------------------------------------------------------------

    def room_left(self) -> float:
        return self.page_break_trigger - self.get_y()

    def keep_room(self, height: float) -> None:
        """Start a new page unless `height` millimetres still fit on this one."""
        if self.room_left() < height:
            self.add_page()

    def text_block(
        self,
        text: str,
        size: float | None = None,
        style: str = "",
        indent: float = 0,
        gap: float = 1.5,
        colour: tuple[int, int, int] = (0, 0, 0),
    ) -> None:
        """A wrapped paragraph of plain text."""
        if not text:
            return
        size = size or self.BODY_SIZE
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT, markdown=False
        )
        self.set_text_color(0, 0, 0)
        self.ln(gap)

    def heading(self, text: str, level: int = 1) -> None:
        size = {0: 18, 1: 14, 2: 12}.get(level, 11)
        self.keep_room(size * 0.5 * 2 + 22)
        if level > 0 and self.get_y() > self.t_margin + 1:
            self.ln(3 if level == 1 else 1.5)
        self.text_block(text, size=size, style="B", gap=2)

    def bullet(self, text: str, indent: float = 0, label: str = "") -> None:
        """A bullet point; a label ("MHSW") is printed in bold before the text."""
        self.set_font(FONT, "", self.BODY_SIZE)
        self.keep_room(self.LINE * 2)
        self.set_x(self.l_margin + indent)
        self.cell(5, self.LINE, "•")
        body = f"{label}: {text}" if label else text
        self.multi_cell(
            self.epw - indent - 5, self.LINE, body, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT, markdown=False
        )
        self.ln(0.8)

    def quote(self, text: str, source: str, indent: float = 6) -> None:
        """A verbatim passage in quotation marks, then where it comes from."""
        self.text_block(f"“{text}”", size=self.BODY_SIZE - 0.5, style="I", indent=indent, gap=0.3)
        self.text_block(f"— {source or 'source not given'}", size=8.5, indent=indent + 4, colour=(60, 60, 60))

    def writing_lines(self, label: str, count: int = 4, spacing: float = 8) -> None:
        """A label and ruled lines to write on, as on a printed worksheet, kept together on one page."""
        self.keep_room(count * spacing + 10)
        self.text_block(label, size=9, colour=(60, 60, 60), gap=0)
        self.set_draw_color(170, 170, 170)
        for _ in range(count):
            self.ln(spacing)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def pdf_bytes(self) -> bytes:
        return bytes(self.output())
