"""A verbatim quote as every page shows it: whose words it is, the quote, its source, and "Cite this".

Data is always escaped before it reaches Markdown; search terms are marked on the escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit.elements.lib.mutable_popover_container import PopoverContainer
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.shared import citation
from components.shared.badges import inferred_badge
from components.shared.search_index import highlight_markdown
from components.shared.session_keys import SOURCE_INDEX
from components.shared.text import escape_markdown


def basis_badge(basis: object, qualifies: str = "") -> str:
    """A Markdown badge that marks this app's interpretation; nothing for what the source states.

    `qualifies` names what is inferred when it is not the text beside the badge: a recommendation quotes
    the source word for word, and only its Communities of Practice element is this app's reading, so it
    gets "element inferred", never a bare "inferred" that would seem to mark the recommendation itself.
    """
    if str(basis) != "inferred":
        return ""
    return (
        " " + inferred_badge(f"{escape_markdown(qualifies)} inferred")
        if qualifies
        else " " + inferred_badge("inferred")
    )


def source_index() -> citation.SourceIndex | None:
    """The active dataset's source documents, as page_start recorded them for this run."""
    return st.session_state.get(SOURCE_INDEX)


# A quote longer than this is shown folded: its start, and a way to read it whole (a QDA passage can run to
# thousands of characters, and a list of them would be a wall of text).
FOLD_CHARS = 1_200
FOLDED_CHARS = 600
# A passage that is its own statement (a QDA selection without a name) is its bold lead line: shorter still.
FOLDED_STATEMENT_CHARS = 240
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def is_long(evidence: object) -> bool:
    return isinstance(evidence, str) and len(evidence) > FOLD_CHARS


def folded(evidence: str, chars: int = FOLDED_CHARS) -> str:
    """The start of a long passage, cut at a word boundary (the words shown are the passage's own)."""
    start = evidence[:chars]
    cut = start.rfind(" ")
    return (start[:cut] if cut > chars // 2 else start).rstrip()


def blockquote_lines(quote: str) -> str:
    """Escaped quote text whose line ends stay inside the blockquote: a line break is a Markdown hard break,
    a blank line a new paragraph of the same quote (a raw blank line would end the quote, and split it)."""
    quote = quote.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [paragraph.strip() for paragraph in _PARAGRAPH_BREAK.split(quote)]
    return "\n>\n> ".join("  \n> ".join(line.strip() for line in paragraph.split("\n")) for paragraph in paragraphs)


def quote_markdown(evidence: object, source: object, highlight: Sequence[str] = (), whole: bool = False) -> str:
    """A verbatim quote as a Markdown blockquote: whose words it is, the quote, its source; all escaped.

    `highlight` marks search terms in the quote (on escaped text, so data never becomes Markdown). A long
    quote is folded to its start unless `whole`; `show_whole_passage` draws the way to read it all.
    """
    if not evidence or pd.isna(evidence):
        return "_No source passage recorded._"
    cited = citation.resolve("" if source is None or pd.isna(source) else source, source_index())
    lead = citation.whose_words(cited)
    text = str(evidence)
    if is_long(text) and not whole:
        quote = blockquote_lines(highlight_markdown(folded(text), highlight)) + " …"
        quote += (
            f"”\n>\n> :small[_A long passage: the first {len(folded(text)):,} of its {len(text):,} characters are "
            "shown. Read it whole under “Read the whole passage”._]"
        )
        quote = "“" + quote
        return _with_source(quote, cited, lead)
    quote = "“" + blockquote_lines(highlight_markdown(text, highlight)) + "”"
    return _with_source(quote, cited, lead)


def _with_source(quote: str, cited: citation.CitedSource, lead: str) -> str:
    """The blockquote: whose words (for a known document), the quote (already in its quote marks), source."""
    if cited.uploaded:
        return f"> {quote}\n>\n> — {escape_markdown(lead)}"
    source_text = f"— {escape_markdown(cited.text)}" if cited.text else ""
    lines = [f"> *{escape_markdown(lead)}:*" if cited.document is not None else "", f"> {quote}"]
    if source_text:
        lines.append(f"> {source_text}")
    return "\n>\n".join(line for line in lines if line)


def _app_base_url() -> str:
    """This app's address as the browser sees it (st.context.url less the page path); blank when unknown."""
    ctx = get_script_run_ctx()
    pages = [page.get("url_pathname", "") for page in ctx.pages_manager.get_pages().values()] if ctx else []
    return citation.app_base_url(st.context.url, pages)


def cite_this(
    evidence: object, source: object, item_id: object = "", item_label: str = "", cite_key: str | None = None
) -> PopoverContainer | None:
    """A "Cite this" popover: the reference with its section as plain text, RIS and BibTeX, ready to copy.

    With an item id the link reopens that item on Explore; without one, the page the quote is on. With a
    `cite_key` (a list of many quotes) the references are built and sent only while the popover is open:
    opening it reruns the page, instead of every closed popover sending its six elements on every run.
    Returns the popover while it is filled (a caller may add to it), else None.
    """
    if not evidence or pd.isna(evidence):
        return None
    popover = st.popover(
        "Cite this",
        icon=":material/format_quote:",
        type="tertiary",
        key=cite_key,
        on_change="rerun" if cite_key else "ignore",
    )
    if cite_key and not popover.open:
        return None
    base = _app_base_url()
    url = citation.item_url(base, item_id) if item_id else (st.context.url or "")
    cited = citation.cite(evidence, source, source_index(), item_id=item_id, item_label=item_label, url=url)
    with popover:
        st.markdown("**Reference** (copy with the button at the top right of each box)")
        st.code(cited.plain, language=None, wrap_lines=True)
        st.markdown("**RIS** (Zotero, EndNote, Mendeley)")
        st.code(cited.ris, language=None)
        st.markdown("**BibTeX**")
        st.code(cited.bibtex, language=None)
    return popover


def show_quote(
    evidence: object,
    source: object,
    item_id: object = "",
    item_label: str = "",
    highlight: Sequence[str] = (),
    cite_key: str | None = None,
    lead: str = "",
) -> None:
    """A verbatim quote with whose words it is, its source and a "Cite this" (lazy with a `cite_key`).

    `lead` (Markdown, already escaped) is what introduces the quote, a heading or a line of text: it goes in
    the quote's own element, since every element costs the server in each session.
    """
    quote = quote_markdown(evidence, source, highlight)
    st.markdown(f"{lead}\n\n{quote}" if lead else quote)
    show_whole_passage(evidence, source, highlight)
    cite_this(evidence, source, item_id, item_label, cite_key)


def show_whole_passage(evidence: object, source: object, highlight: Sequence[str] = ()) -> None:
    """For a quote `quote_markdown` folded: an expander that shows it whole. Nothing for a short quote."""
    if not is_long(evidence):
        return
    with st.expander(f"Read the whole passage ({len(evidence):,} characters)"):
        st.markdown(quote_markdown(evidence, source, highlight, whole=True))


def finding_markdown_parts(finding: pd.Series | dict, highlight: Sequence[str] = ()) -> list[str]:
    """A finding as `show_finding` draws it, one Markdown string per element: statement with group, category,
    theme and inferred marks; verbatim evidence and source; the source's detail when there is one.
    A list of many findings joins them into one element (every element costs the server, in each session)."""
    theme_mark = " (theme name inferred)" if finding.get("theme_basis") == "inferred" else ""
    finding_id = finding["finding_id"]
    # A statement is one line: a line break (a QDA passage can be its statement) would break the bold. A long
    # passage that is its own statement is folded like its quote ("Read the whole passage" shows it all).
    statement = " ".join(str(finding["statement"]).split())
    if is_long(statement) and statement == " ".join(str(finding.get("evidence") or "").split()):
        statement = folded(statement, FOLDED_STATEMENT_CHARS) + " …"
    parts = [
        f"**{highlight_markdown(statement, highlight)}**{basis_badge(finding.get('basis'))}  \n"
        f":gray-badge[{escape_markdown(finding['group'])}] :gray-badge[{escape_markdown(finding['category'])}] "
        f"Theme: {highlight_markdown(finding['theme'], highlight)}{theme_mark} · id {escape_markdown(finding_id)}",
        quote_markdown(finding.get("evidence"), finding.get("source"), highlight),
    ]
    if finding.get("detail"):
        parts.append(f"Detail from the source: “{highlight_markdown(finding['detail'], highlight)}”")
    return parts


def show_finding(finding: pd.Series, highlight: Sequence[str] = (), cite_key: str | None = None) -> None:
    """One finding: statement, group and category, verbatim evidence and source, inferred marks, Cite this
    (lazy with a `cite_key`, see `cite_this`)."""
    for part in finding_markdown_parts(finding, highlight):
        st.markdown(part)
    show_whole_passage(finding.get("evidence"), finding.get("source"), highlight)
    finding_id = finding["finding_id"]
    cite_this(finding.get("evidence"), finding.get("source"), finding_id, f"finding {finding_id}", cite_key)
