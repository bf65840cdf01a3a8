"""The home page, drawn: what the study asked and found, its key figures, and a way into every page.

The only module of the feature that imports Streamlit; what it shows is built once per dataset by
`components.home.view.home_view` (cached here) and `components.shared.study_words`.
"""

from __future__ import annotations

import streamlit as st

from components.data.model import Dataset
from components.home import view
from components.shared import study_words
from components.shared.session_keys import HOME_CARDS, HOME_FIGURES, HOME_HEADLINES
from components.shared.wording import plural
from components.ui import view_cache

# Small counts spelled out in a heading, as a writer would ("Three influences").
NUMBER_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")

# Figures and findings are built once per dataset, not on every rerun.
home_view = view_cache.cached_view(view.home_view)


def title_and_intro(dataset: Dataset) -> None:
    """The study's own headline and introduction, or neutral words for a study without them."""
    st.title(study_words.headline(dataset))
    intro = study_words.intro_markdown(dataset)
    if intro:
        st.markdown(intro)


def key_figures(shown: view.HomeView) -> None:
    # One row that wraps on a phone; columns would cost a block per figure in every session.
    with st.container(horizontal=True, key=HOME_FIGURES):
        for figure in shown.figures:
            st.metric(figure.label, figure.value, help=figure.help)


def headline_findings(shown: view.HomeView) -> None:
    st.html(view.CARD_STYLE)
    if not shown.headline:
        return
    st.subheader("What it found")
    # The statements are this app's wording, not quotes: no quotation mark beside them (quotes keep theirs).
    st.markdown(
        " ".join(
            part
            for part in (
                shown.headline_note,
                "In this app's words; each opens with its evidence, the source's own words in quotation marks, "
                "on Explore.",
            )
            if part
        )
    )
    with st.container(key=HOME_HEADLINES):
        for finding in shown.headline:
            # A page link keeps this browser session (and an uploaded dataset); a Markdown link opens a new one.
            st.page_link(
                "pages/explore.py",
                label=view.headline_label(finding),
                icon=":material/arrow_forward:",
                query_params={"id": finding["finding_id"]},
                help="The evidence for this finding, on Explore",
            )


def points_and_influences(shown: view.HomeView) -> None:
    left, right = st.columns(2, gap="large")
    with left:
        if shown.points_to_note:
            st.subheader("Points to note")
            st.markdown(shown.points_markdown)
        if shown.points_hidden:
            st.page_link(
                "pages/explore.py",
                label=shown.points_rest_label,
                icon=":material/filter_list:",
                query_params=view.OBSERVATIONS_QUERY,
            )
    with right:
        if shown.influences:
            # As many as the study names ("Three influences" for the bundled study), not a number in code.
            count = len(shown.influences)
            st.subheader(
                f"{NUMBER_WORDS[count]} influence{'' if count == 1 else 's'}"
                if count < len(NUMBER_WORDS)
                else plural(count, "influence")
            )
            st.markdown(shown.influences_markdown)


def next_pages() -> None:
    st.subheader("Where to go next")
    with st.container(key=HOME_CARDS):
        for row in view.card_rows():
            # A bordered column is the card: a container inside each would cost one more block per card.
            for column, card in zip(st.columns(view.CARDS_PER_ROW, border=True), row, strict=False):
                with column:
                    st.page_link(card.script, label=f"**{card.title}**", width="stretch")
                    st.markdown(card.purpose)
