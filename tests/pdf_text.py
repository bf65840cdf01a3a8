"""Reading generated PDFs back as text, for the document tests (unit and browser)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: PDF lines wrap wherever the page ends."""
    return re.sub(r"\s+", " ", text).strip()


def pages_text(data: bytes) -> list[str]:
    """Each page's text, flattened."""
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def body(pages: list[str]) -> str:
    """The pages' text without their footers, joined: a passage that runs onto the next page reads whole."""
    return " ".join(page.rsplit(" Source: ", 1)[0] for page in pages)
