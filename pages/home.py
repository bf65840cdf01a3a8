"""Home: what the study asked and found, its key figures, and a way into every page."""

import streamlit as st

from components import home
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import view_cache
from components.ui.session_keys import HOME_CARDS

dataset = ui.page_start("Why social workers do — and don't — collaborate")
study = dataset.study

if study:
    st.markdown(f"**The question.** {escape_markdown(study.question)}")
    st.markdown(
        f"{escape_markdown(study.author)}, {escape_markdown(study.author_role)}, interviewed social "
        f"workers in {escape_markdown(study.setting)} ({escape_markdown(study.year)})."
    )

# Figures and findings are built once per dataset (components.ui.view_cache), not on every rerun.
view = view_cache.view(dataset, "home", home.home_view)
for column, figure in zip(st.columns(len(view.figures)), view.figures, strict=True):
    column.metric(figure.label, figure.value, help=figure.help)

if view.headline:
    st.subheader("What it found")
    for finding in view.headline:
        statement, evidence_link = st.columns([5, 1], vertical_alignment="center")
        statement.markdown(f"- {escape_markdown(finding['statement'])} ({escape_markdown(finding['group'])})")
        # A page link keeps this browser session (and an uploaded dataset); a Markdown link opens a new one.
        with evidence_link:
            st.page_link(
                "pages/explore.py",
                label="The evidence",
                icon=":material/format_quote:",
                query_params={"id": finding["finding_id"]},
            )

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Points to note")
    for finding in view.points_to_note:
        st.markdown(f"- {escape_markdown(finding['statement'])}")
with right:
    if view.influences:
        st.subheader("Three influences")
        st.markdown("The thesis found that perspectives on collaboration were shaped by:")
        for finding in view.influences:
            st.markdown(f"- **{escape_markdown(finding['theme'])}**")

st.subheader("Where to go next")
st.html(home.CARD_STYLE)
with st.container(key=HOME_CARDS):
    for row in home.card_rows():
        for column, card in zip(st.columns(home.CARDS_PER_ROW), row, strict=False):
            # "stretch": every card in a row is as tall as the tallest, so the row reads as one grid.
            with column.container(border=True, height="stretch"):
                st.page_link(card.script, label=f"**{card.title}**", width="stretch")
                st.markdown(card.purpose)

ui.page_end(dataset)
