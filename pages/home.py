"""Home: what the study asked and found, its key figures, and a way into every page."""

import streamlit as st

from components.home import draw as home_draw
from components.home import view as home
from components.shared import study_words
from components.shared.session_keys import HOME_CARDS, HOME_FIGURES, HOME_HEADLINES
from components.ui import frame as ui

dataset = ui.page_start(None)
st.title(study_words.headline(dataset))

intro = study_words.intro_markdown(dataset)
if intro:
    st.markdown(intro)

# Figures and findings are built once per dataset (components.ui.view_cache), not on every rerun.
view = home_draw.home_view(dataset)
# One row that wraps on a phone; columns would cost a block per figure in every session.
with st.container(horizontal=True, key=HOME_FIGURES):
    for figure in view.figures:
        st.metric(figure.label, figure.value, help=figure.help)

st.html(home.CARD_STYLE)
if view.headline:
    st.subheader("What it found")
    # The statements are this app's wording, not quotes: no quotation mark beside them (quotes keep theirs).
    st.markdown(
        " ".join(
            part
            for part in (
                view.headline_note,
                "In this app's words; each opens with its evidence, the source's own words in quotation marks, "
                "on Explore.",
            )
            if part
        )
    )
    with st.container(key=HOME_HEADLINES):
        for finding in view.headline:
            # A page link keeps this browser session (and an uploaded dataset); a Markdown link opens a new one.
            st.page_link(
                "pages/explore.py",
                label=home.headline_label(finding),
                icon=":material/arrow_forward:",
                query_params={"id": finding["finding_id"]},
                help="The evidence for this finding, on Explore",
            )

left, right = st.columns(2, gap="large")
with left:
    if view.points_to_note:
        st.subheader("Points to note")
        st.markdown(view.points_markdown)
    if view.points_hidden:
        st.page_link(
            "pages/explore.py",
            label=view.points_rest_label,
            icon=":material/filter_list:",
            query_params=home.OBSERVATIONS_QUERY,
        )
with right:
    if view.influences:
        st.subheader("Three influences")
        st.markdown(view.influences_markdown)

st.subheader("Where to go next")
with st.container(key=HOME_CARDS):
    for row in home.card_rows():
        # A bordered column is the card: a container inside each would cost one more block per card.
        for column, card in zip(st.columns(home.CARDS_PER_ROW, border=True), row, strict=False):
            with column:
                st.page_link(card.script, label=f"**{card.title}**", width="stretch")
                st.markdown(card.purpose)

ui.page_end(dataset)
