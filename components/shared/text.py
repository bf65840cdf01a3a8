"""Text helpers: make data safe to show, and fold text for forgiving search.

The one place for both: every page escapes data for Markdown with `escape_markdown` and for plotly labels
with `escape_plotly`, and every comparison of typed text with data goes through `fold` (or `search_fold`,
which the Explore search and the planner's text filter share).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

from components.data.cells import cell_text

# Characters that Streamlit's Markdown treats as syntax. Escaping them shows user text as typed: `$` would
# start maths, `:` a directive (`:red[x]`, `:material/icon:`), `#`, `-`, `+` and `1.` a heading or a list.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# In a downloaded Markdown file only what builds links, emphasis, code, HTML, headings and tables: the file
# is read as plain text as often as rendered, and escaped dots and dashes would litter it. Each value there
# follows a bullet or heading marker of this app's own, so it cannot start a list or a heading itself. `$` is
# escaped too: GitHub, Obsidian and Pandoc read "$5 to $10" as maths.
_FILE_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
# Quote marks search ignores (after `fold` has straightened curly ones), so "childrens" finds "children's".
_QUOTE_MARKS = str.maketrans("", "", "'\"`´")
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


def escape_markdown(text: object, *, in_file: bool = False) -> str:
    """Data as literal text inside st.markdown: no links, no HTML, no formatting from the data itself.

    `in_file=True` is for a downloaded Markdown document: blanks (None, NaN) become "", white space runs
    become one space, and only link, emphasis, code, HTML, heading and table syntax is escaped, so the file
    still reads well as plain text.
    """
    if in_file:
        return _FILE_MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", cell_text(text)).strip())
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


def search_fold(text: object) -> str:
    """`fold` for matching words: quote marks dropped (so "childrens" finds "children's") and dashes read as
    spaces (so "face-to-face" finds "face to face"); blanks (None, NaN) are "". Used on the query and on the
    text alike. Nothing is cached: a cache shared by the server would keep uploaded text after its session.
    """
    value = fold(cell_text(text)).translate(_QUOTE_MARKS).replace("-", " ")
    return re.sub(r"\s+", " ", value).strip()


def search_fold_series(values: pd.Series) -> pd.Series:
    """`search_fold` for a whole column at once (vectorised, so a 5,000-row upload searches quickly)."""
    text = values.where(values.notna(), "").astype("string").str.normalize("NFKC").str.translate(_QUOTES).str.casefold()
    text = text.str.translate(_QUOTE_MARKS).str.replace("-", " ", regex=False)
    return text.str.replace(r"\s+", " ", regex=True).str.strip().astype(str)


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


def _term_pattern(term: str) -> str:
    """A regex finding `term` in raw text the way `search_fold` compares: any case, quote marks skipped,
    a space standing for any run of spaces or dashes."""
    parts = []
    for char in term:
        if char == " ":
            parts.append(r"[\s\-‐‑–—]+")
        else:
            parts.append(re.escape(char))
    return r"['‘’‚‛“”„‟′″`´\"]*".join(parts)


def highlight_markdown(text: object, terms: Sequence[str]) -> str:
    """Text escaped for Markdown, with each match of the search terms marked by an orange background.

    The text is split at the matches and every piece escaped on its own, so nothing in the data can
    become Markdown or HTML; only the `:orange-background[…]` marks are this function's own.
    """
    value = cell_text(text)
    wanted = [term for term in terms if term]
    if not value or not wanted:
        return escape_markdown(value)
    found = sorted(
        (match.start(), match.end())
        for term in wanted
        for match in re.finditer(_term_pattern(term), value, re.IGNORECASE)
        if match.end() > match.start()
    )
    spans: list[list[int]] = []
    for start, end in found:
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(escape_markdown(value[position:start]))
        pieces.append(f":orange-background[{escape_markdown(value[start:end])}]")
        position = end
    pieces.append(escape_markdown(value[position:]))
    return "".join(pieces)
