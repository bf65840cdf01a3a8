"""About: how the study was done, its limits, how to cite it, the lens it used and the words this app uses."""

import streamlit as st

from components import about, about_view
from components.about_view import open_link
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import quotes


def study_section(dataset) -> None:
    study = dataset.study
    st.header("The study", anchor="the-study")
    facts, cite = st.columns([3, 2], gap="large")
    with facts:
        st.markdown("\n".join(f"- **{label}:** {escape_markdown(value)}" for label, value in about.study_facts(study)))
        if study.question:
            st.markdown(f"**The question it asked:** {escape_markdown(study.question)}")
            if study.question_evidence:
                source = study.question_source
                quotes.show_quote(study.question_evidence, source)
    with cite:
        st.subheader("How to cite")
        if study.citation:
            st.markdown("Copy the reference with the button at the top right of the box.")
            st.code(study.citation, language=None, wrap_lines=True)
        entry = about.bibtex(study)
        if entry:
            with st.expander("As a BibTeX entry"):
                st.code(entry, language=None)
        if study.licence:
            plain = ""
            if "BY-NC-ND" in study.licence:
                plain = ": you may share it with credit, not for commercial use, and not in changed form"
            st.markdown(f"The thesis is shared under the licence {escape_markdown(study.licence)}{plain}.")
            if study.licence_evidence:
                source = study.licence_source
                quotes.show_quote(study.licence_evidence, source)


def method_section(dataset) -> None:
    method = dataset.study.method
    st.header("How it was done", anchor="method")
    parts = []
    if method.interviews:
        split = ", ".join(f"{count} {label}" for label, count in method.group_counts)
        parts.append(f"**{escape_markdown(method.interviews)} interviews**" + (f" ({split})" if split else ""))
    if method.design:
        design = method.design
        parts.append(escape_markdown(design[:1].lower() + design[1:] if parts else design))
    if method.analysis:
        parts.append(f"analysed by {escape_markdown(method.analysis.lower())}")
    if parts:
        st.markdown(
            "; ".join(parts) + ".",
            help=ui.glossary_tooltip(dataset, ["MHSW", "CSW", "semi-structured interview", "thematic analysis"]),
        )
    evidence = about.method_evidence(dataset.study)
    if evidence:
        st.markdown("In the researcher's words (her summary and the thesis abstract):")
        for entry in evidence:
            quotes.show_quote(entry["quote"], entry["source"])

    influences = about.influences(dataset)
    if not influences.empty:
        st.subheader(f"The {len(influences)} influences the thesis found")
        st.markdown("Perspectives on collaboration were shaped by:")
        for column, (_, influence) in zip(st.columns(len(influences)), influences.iterrows(), strict=True):
            with column.container(border=True):
                st.markdown(f"**{escape_markdown(influence['name'])}**")
                if influence["finding_id"]:
                    open_link(influence["finding_id"], f"Open {escape_markdown(influence['finding_id'])}")
        # The abstract names all three in one sentence: show each distinct quote once, not once per card.
        for _, quoted in influences[influences["evidence"] != ""].drop_duplicates("evidence").iterrows():
            quotes.show_quote(
                quoted["evidence"], quoted["source"], quoted["finding_id"], f"finding {quoted['finding_id']}"
            )


def limits_section(dataset) -> None:
    st.header("Limits", anchor="limits")
    entries = about.limits(dataset.study)
    if entries:
        st.markdown("What the sources themselves say limits the study:")
        for entry in entries:
            with st.container(border=True):
                st.markdown(f"**{escape_markdown(entry['limit'])}**")
                if entry["quote"]:
                    quotes.show_quote(entry["quote"], entry["source"])
                elif entry["source"]:
                    st.markdown(f"Source: {escape_markdown(entry['source'])}")


dataset = ui.page_start(
    "About the study",
    "How the study was done, what limits it, how to cite it, and the words this app uses.",
)

if dataset.study:
    st.markdown(
        "On this page: [the study](#the-study) · [how it was done](#method) · [limits](#limits) · "
        "[Communities of Practice](#communities-of-practice) · [context evidence](#context) · [glossary](#glossary)"
    )
    study_section(dataset)
    method_section(dataset)
    limits_section(dataset)
else:
    about_view.upload_note(dataset)
about_view.data_sections(dataset)
ui.page_end(dataset)
