"""Text helpers: make data safe to show, and fold text for forgiving search."""

from __future__ import annotations

import html
import re
import unicodedata

import pandas as pd

# Characters that Streamlit's Markdown treats as syntax. Escaping them shows user text as typed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "′": "'",
        "″": '"',
    }
)


def escape_markdown(text: object) -> str:
    """Data as literal text inside st.markdown: no links, no HTML, no formatting from the data itself."""
    value = "" if text is None else str(text)
    value = html.escape(value, quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value).replace("\n", " ")


def escape_plotly(text: object) -> str:
    """Data inside plotly labels and hover text, which render a small HTML subset."""
    return html.escape("" if text is None else str(text), quote=False)


def fold(text: object) -> str:
    """Lower case, straight quotes and dashes, single spaces: so "Face-to-face" finds "face – to face"."""
    value = unicodedata.normalize("NFKC", "" if text is None else str(text)).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", value).strip()


def wrap_label(text: str, width: int = 22, max_lines: int = 3) -> str:
    """Wrap a label for a chart with <br>, cutting with an ellipsis after max_lines. Input must be escaped."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return "<br>".join(lines)


def cell_text(value: object) -> str:
    """A table cell as text: None, NaN and pd.NA become "". Not stripped: a leading tab is meaningful to
    the formula-safe export, and the loader has already stripped every cell it read."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # list-like values have no single truth value
        pass
    return str(value)
