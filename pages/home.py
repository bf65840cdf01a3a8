"""Home: what the study asked and found, its key figures, and a way into every page."""

import streamlit as st

from components import home, ui
from components.text import escape_markdown

dataset = ui.page_start("Why social workers do — and don't — collaborate")
study = dataset.study

if study:
    st.markdown(f"**The question.** {escape_markdown(study['question'])}")
    st.markdown(
        f"{escape_markdown(study['author'])}, {escape_markdown(study['author_role'])}, interviewed social "
        f"workers in {escape_markdown(study['setting'])} ({escape_markdown(study['year'])})."
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
CARDS = [
    ("pages/compare.py", "Compare MHSW and CSW", "See the two groups' reasons, barriers and views side by side."),
    ("pages/network.py", "Barriers network", "Follow a barrier to what helps and the recommendations that answer it."),
    ("pages/recommendations.py", "Recommendations planner", "Filter by audience and download an action plan."),
    ("pages/present.py", "Present", "Slides and discussion prompts for a training room."),
    ("pages/explore.py", "Explore findings", "Search every finding and read the evidence behind it."),
    ("pages/about.py", "About the study", "Method, limits, glossary and how to cite."),
    ("pages/self-assessment.py", "Self-assessment", "Rate your service against the findings."),
    ("pages/your-data.py", "Your data", "Run this explorer on your own coded study."),
]
for row_start in range(0, len(CARDS), 4):
    for column, (page, label, blurb) in zip(st.columns(4), CARDS[row_start : row_start + 4], strict=False):
        with column.container(border=True):
            st.page_link(page, label=f"**{label}**")
            st.markdown(blurb)

ui.page_end(dataset)
