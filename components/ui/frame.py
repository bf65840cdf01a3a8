"""The frame of every page: the router check, the title with the dataset banner, the citation footer
and glossary tooltips. Quotes are in components/ui/quotes.py, charts in components/ui/charts.py."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components.data.model import Dataset, DatasetError
from components.shared import citation
from components.shared.session_keys import ROUTER_CHECKED, SOURCE_INDEX
from components.shared.text import escape_markdown
from components.shared.wording import APP_NAME
from components.ui import published
from components.ui.access import active_dataset, use_bundled_dataset


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


def page_start(
    title: str | None,
    intro: str | Callable[[Dataset], str] | None = None,
    *,
    anchor: bool = True,
    banner: bool = True,
) -> Dataset:
    """Title, one-line intro and (for an upload) the active-dataset banner. Returns the active dataset.

    An intro that speaks of the study is a function of the dataset, called once the dataset is known.
    A page whose title comes from the study passes None and writes its own title from the dataset returned.
    A slide's title is no place to link to (`anchor=False`: no link icon beside it), and a page whose layout
    must not move (the slide) passes `banner=False` and draws `dataset_banners` below its content."""
    ensure_router()
    st.html(QUOTE_STYLE)
    try:
        dataset = active_dataset()
    except DatasetError as error:
        # Only the server's own folder can fail here (an upload is checked before it becomes active): the
        # person running the server needs the faults, a visitor a plain sentence, and nobody a traceback.
        show_unreadable_data(error)
        st.stop()
    # Quotes rendered later in this run say whose words they are from this dataset's own source list.
    st.session_state[SOURCE_INDEX] = citation.source_index(
        dataset.study, not dataset.is_bundled, dataset.name, published=dataset.published
    )
    if banner:
        dataset_banners(dataset)
    if title:
        st.title(title, anchor=None if anchor else False)
    if callable(intro):
        intro = intro(dataset)
    if intro:
        st.markdown(intro)
    return dataset


def dataset_banners(dataset: Dataset) -> None:
    """Whose data this is: a published study's read-only banner, or why a ?study= link opened nothing
    (components/ui/published.py), or an upload's banner. Nothing for the bundled study."""
    published.banner(dataset)
    own_data_banner(dataset)


def own_data_banner(dataset: Dataset) -> None:
    """For an upload: whose data this is, and the way back to the bundled study. Nothing for the bundled study,
    nor for a published study (components/ui/published.py draws its own read-only banner)."""
    if dataset.is_bundled or dataset.published:
        return
    with st.container(border=True):
        st.markdown(f"**You are viewing your own data:** {escape_markdown(dataset.name)} (this browser session only).")
        if st.button("Return to the bundled study", key="banner_return_to_bundled"):
            use_bundled_dataset()
            st.rerun()


def show_unreadable_data(error: DatasetError) -> None:
    st.title("The explorer's data could not be read")
    st.error(
        "The dataset this server was started with has faults, so no page can show it. Whoever runs the "
        "server can fix these files and reload the page:"
    )
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in error.summary().splitlines()))


def page_end(dataset: Dataset) -> None:
    """The citation and licence on every page."""
    published.keep_in_url(dataset)  # a published study's ?study= survives pages that rewrite their query
    st.divider()
    st.caption(f"{escape_markdown(citation.source_line(dataset))} {APP_NAME}.")


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
