"""Home: what the study asked and found, its key figures, and a way into every page."""

import streamlit as st

from components import home
from components.text import escape_markdown
from components.ui import frame as ui

dataset = ui.page_start("Why social workers do — and don't — collaborate")
study = dataset.study

if study:
    st.markdown(f"**The question.** {escape_markdown(study.question)}")
    st.markdown(
        f"{escape_markdown(study.author)}, {escape_markdown(study.author_role)}, interviewed social "
        f"workers in {escape_markdown(study.setting)} ({escape_markdown(study.year)})."
    )

figures = home.key_figures(dataset)
for column, figure in zip(st.columns(len(figures)), figures, strict=True):
    column.metric(figure.label, figure.value, help=figure.help)

headline = home.headline_findings(dataset)
if not headline.empty:
    st.subheader("What it found")
    for _, finding in headline.iterrows():
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
    for _, finding in home.points_to_note(dataset).iterrows():
        st.markdown(f"- {escape_markdown(finding['statement'])}")
with right:
    influences = home.influences(dataset)
    if not influences.empty:
        st.subheader("Three influences")
        st.markdown("The thesis found that perspectives on collaboration were shaped by:")
        for _, finding in influences.iterrows():
            st.markdown(f"- **{escape_markdown(finding['theme'])}**")

st.subheader("Where to go next")
st.html(home.CARD_STYLE)
with st.container(key=home.CARDS_KEY):
    for row_start in range(0, len(home.NEXT_PAGES), 4):
        row = home.NEXT_PAGES[row_start : row_start + 4]
        for column, card in zip(st.columns(4), row, strict=False):
            # "stretch": every card in a row is as tall as the tallest, so the row reads as one grid.
            with column.container(border=True, height="stretch"):
                st.page_link(card.script, label=f"**{card.title}**", width="stretch")
                st.markdown(card.purpose)

ui.page_end(dataset)
