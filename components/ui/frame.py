"""Small Streamlit pieces every page shares: header with dataset banner, evidence, chart with its
text alternative, and the citation footer. Data is always escaped before it reaches Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import citation
from components.data.access import active_dataset, use_bundled_dataset
from components.data.model import Dataset
from components.present.deck import COUNTS_NOTE
from components.present.documents import citation_line
from components.search import highlight_markdown
from components.text import escape_markdown
from components.ui.badges import inferred_badge
from components.ui.chart_export import FOOTER_CHARS, chart_config, framed_figure, kept_framed_figure
from components.ui.session_keys import ROUTER_CHECKED, SOURCE_INDEX

APP_CREDIT = "Collaboration Findings Explorer"


def ensure_router() -> None:
    """Rerun through app.py when Streamlit ran this page without it.

    Because a `pages/` folder exists, Streamlit 1.67 serves the first session after a server start in its
    legacy folder mode: a deep link (`/recommendations?audience=…`) then runs the page file alone, without
    app.py's navigation and page config. That mode leaves this flag set; clearing it and rerunning sends the
    same URL through `st.navigation`, so the page opens as it always does. Once per session at most:
    AppTest sets the flag again before every run, and a rerun on each would swallow button clicks.
    """
    if PagesManager.uses_pages_directory and ROUTER_CHECKED not in st.session_state:
        st.session_state[ROUTER_CHECKED] = True
        PagesManager.uses_pages_directory = False
        st.rerun()


# Static CSS, never data. Streamlit draws blockquotes (every verbatim quote here) at 60% opacity, which is
# about 4.7:1 on white: legal, but faint on a projector. Quotes are the evidence, so they get full contrast,
# and an ink border: blue is MHSW's colour, not a quote's.
# On a phone a page title at Streamlit's 2.75rem breaks mid-word ("Recommendatio / ns planner").
QUOTE_STYLE = """<style>
[data-testid="stMarkdownContainer"] blockquote { opacity: 1; border-left: 0.3rem solid #111827; }
@media (max-width: 640px) { [data-testid="stHeadingWithActionElements"] h1 { font-size: 2rem; } }
</style>"""


def page_start(title: str, intro: str | None = None) -> Dataset:
    """Title, one-line intro and (for an upload) the active-dataset banner. Returns the active dataset."""
    ensure_router()
    st.html(QUOTE_STYLE)
    dataset = active_dataset()
    # Quotes rendered later in this run say whose words they are from this dataset's own source list.
    st.session_state[SOURCE_INDEX] = citation.source_index(dataset.study, not dataset.is_bundled, dataset.name)
    if not dataset.is_bundled:
        with st.container(border=True):
            st.markdown(
                f"**You are viewing your own data:** {escape_markdown(dataset.name)} (this browser session only)."
            )
            if st.button("Return to the bundled study", key="banner_return_to_bundled"):
                use_bundled_dataset()
                st.rerun()
    st.title(title)
    if intro:
        st.markdown(intro)
    return dataset


def chart_source(dataset: Dataset) -> str:
    """The short reference drawn under a chart: author, year, title, institution and licence, in two lines."""
    study = dataset.study
    if not study:
        return citation_text(dataset)
    licence = re.search(r"\(([^()]+)\)\s*$", study.licence)
    licence_text = licence.group(1) if licence else study.licence
    return f"{study.short_citation} {study.title}, {study.institution}. Licence: {licence_text}."


def citation_text(dataset: Dataset) -> str:
    return citation_line(dataset)  # one wording for pages and printed documents


def page_end(dataset: Dataset) -> None:
    """The citation and licence on every page."""
    st.divider()
    st.caption(
        f"Source: {escape_markdown(citation_text(dataset))} Counts in this app are counts of coded "
        f"statements, not of people. {APP_CREDIT}."
    )


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


def quote_markdown(evidence: object, source: object, highlight: Sequence[str] = ()) -> str:
    """A verbatim quote as a Markdown blockquote: whose words it is, the quote, its source; all escaped.

    `highlight` marks search terms in the quote (on escaped text, so data never becomes Markdown).
    """
    if not evidence or pd.isna(evidence):
        return "_No source passage recorded._"
    cited = citation.resolve("" if source is None or pd.isna(source) else source, source_index())
    lead = citation.whose_words(cited)
    quote = highlight_markdown(evidence, highlight)
    if cited.uploaded:
        return f"> “{quote}”\n>\n> — {escape_markdown(lead)}"
    source_text = f"— {escape_markdown(cited.text)}" if cited.text else ""
    lines = [f"> *{escape_markdown(lead)}:*" if cited.document is not None else "", f"> “{quote}”"]
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
) -> None:
    """A "Cite this" popover: the reference with its section as plain text, RIS and BibTeX, ready to copy.

    With an item id the link reopens that item on Explore; without one, the page the quote is on. With a
    `cite_key` (a list of many quotes) the references are built and sent only while the popover is open:
    opening it reruns the page, instead of every closed popover sending its six elements on every run.
    """
    if not evidence or pd.isna(evidence):
        return
    popover = st.popover(
        "Cite this",
        icon=":material/format_quote:",
        type="tertiary",
        key=cite_key,
        on_change="rerun" if cite_key else "ignore",
    )
    if cite_key and not popover.open:
        return
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


def show_quote(
    evidence: object,
    source: object,
    item_id: object = "",
    item_label: str = "",
    highlight: Sequence[str] = (),
    cite_key: str | None = None,
) -> None:
    """A verbatim quote with whose words it is, its source and a "Cite this" (lazy with a `cite_key`)."""
    st.markdown(quote_markdown(evidence, source, highlight))
    cite_this(evidence, source, item_id, item_label, cite_key)


def show_finding(finding: pd.Series, highlight: Sequence[str] = (), cite_key: str | None = None) -> None:
    """One finding: statement, group and category, verbatim evidence and source, inferred marks, Cite this
    (lazy with a `cite_key`, see `cite_this`)."""
    theme_mark = " (theme name inferred)" if finding.get("theme_basis") == "inferred" else ""
    finding_id = finding["finding_id"]
    st.markdown(
        f"**{highlight_markdown(finding['statement'], highlight)}**{basis_badge(finding.get('basis'))}  \n"
        f":gray-badge[{escape_markdown(finding['group'])}] :gray-badge[{escape_markdown(finding['category'])}] "
        f"Theme: {highlight_markdown(finding['theme'], highlight)}{theme_mark} · id {escape_markdown(finding_id)}"
    )
    st.markdown(quote_markdown(finding.get("evidence"), finding.get("source"), highlight))
    if finding.get("detail"):
        st.markdown(f"Detail from the source: “{highlight_markdown(finding['detail'], highlight)}”")
    cite_this(finding.get("evidence"), finding.get("source"), finding_id, f"finding {finding_id}", cite_key)


def text_alternative(summary: str, table: pd.DataFrame, key: str) -> None:
    """Under every chart: a generated sentence and the numbers as a table, for screen readers and the room."""
    st.markdown(escape_markdown(summary))
    with st.expander("Show the numbers as a table"):
        st.dataframe(table, hide_index=True, width="stretch", key=key)


IMAGE_FORMAT_LABELS = {"png": "PNG", "svg": "SVG"}


def chart(
    figure: go.Figure,
    *,
    key: str,
    title: str,
    source: str,
    caveat: str | None = COUNTS_NOTE,
    line_chars: int = FOOTER_CHARS,
    max_height: int | None = None,
    alt: str | None = None,
    on_select: str | Callable = "ignore",
    selection_mode: str | Iterable[str] = ("points", "box", "lasso"),
    config: dict | None = None,
    theme: str | None = "streamlit",
    width: str | int = "stretch",
    height: str | int = "content",
    cached_figure: bool = False,
):
    """st.plotly_chart for a chart whose saved image keeps its title, source and caveat.

    A drop-in for `st.plotly_chart(figure, key=..., on_select=..., selection_mode=..., alt=..., config=...,
    theme=..., width=..., height=...)`: those pass straight through and it returns what st.plotly_chart
    returns (the selection, when on_select is set). More, keyword only:
      title   -- what the chart shows, drawn above it and used for the image's file name;
      source  -- where the data comes from, usually `citation_text(dataset)`, drawn under it;
      caveat  -- drawn under the source; defaults to "Counts are counts of coded statements, not of
                 people."; pass None for a chart that does not count statements;
      line_chars -- characters a line of source (plotly does not wrap): the default fits a chart two
                 thirds of a 1280 px page wide; pass about 40 for one in a third of the page;
      max_height -- the most pixels the framed chart may take, the plot area giving up room for the frame;
      cached_figure -- True for a figure from components.ui.view_cache (never changed): it is framed once,
                 not on every rerun (see chart_export.kept_framed_figure).
    `key` is required: it keys the chart and, with "_image_format" added, the PNG/SVG choice under it
    that decides what the camera button in the chart's mode bar saves. The mode bar is always shown.
    Data in title and source is escaped here; the figure is copied, never changed.
    """
    format_key = f"{key}_image_format"
    image_format = st.session_state.get(format_key) or "png"
    frame = kept_framed_figure if cached_figure else framed_figure
    framed = frame(figure, title, source, caveat, line_chars, max_height)
    shown = st.plotly_chart(
        framed,
        key=key,
        on_select=on_select,
        selection_mode=selection_mode,
        config=chart_config(framed, title, image_format, config),
        theme=theme,
        width=width,
        height=height,
        alt=alt,
    )
    st.segmented_control(
        "Camera button saves the chart as",
        list(IMAGE_FORMAT_LABELS),
        format_func=IMAGE_FORMAT_LABELS.get,
        default="png",
        required=True,
        key=format_key,
        help="The camera button at the chart's top right saves it with its title, source and caveat: "
        "PNG for slides and documents, SVG to stay sharp at any size.",
    )
    return shown


def glossary_help(dataset: Dataset, term: str) -> str | None:
    """The glossary's definition of a term, for a widget's `help=` tooltip."""
    glossary = dataset.glossary
    if glossary.empty:
        return None
    match = glossary.loc[glossary["term"].str.casefold() == term.casefold(), "definition"]
    return str(match.iloc[0]) if not match.empty else None


def glossary_tooltip(dataset: Dataset, terms: list[str], lead: str = "") -> str | None:
    """A `help=` tooltip from the glossary's definitions of these terms (escaped: glossary text is data)."""
    lines = [lead] if lead else []
    for term in terms:
        definition = glossary_help(dataset, term)
        if definition:
            lines.append(f"**{escape_markdown(term)}**: {escape_markdown(definition)}")
    return "\n\n".join(lines) or None
