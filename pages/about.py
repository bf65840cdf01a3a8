"""About: how the study was done, its limits, how to cite it, the lens it used and the words this app uses."""

import streamlit as st

from components import about
from components.data.access import bundled_dataset
from components.data.vocabulary import COP_ELEMENTS
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import view_cache
from components.ui.badges import CONTEXT_BADGE

EXPLORE = "pages/explore.py"
RECOMMENDATION_LINK_LIMIT = 30


def open_link(item_id: str, label: str) -> None:
    st.page_link(EXPLORE, label=label, icon=":material/arrow_forward:", query_params={"id": item_id}, help="")


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
                ui.show_quote(study.question_evidence, source)
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
                ui.show_quote(study.licence_evidence, source)


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
            ui.show_quote(entry["quote"], entry["source"])

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
            ui.show_quote(quoted["evidence"], quoted["source"], quoted["finding_id"], f"finding {quoted['finding_id']}")


def limits_section(dataset) -> None:
    st.header("Limits", anchor="limits")
    entries = about.limits(dataset.study)
    if entries:
        st.markdown("What the sources themselves say limits the study:")
        for entry in entries:
            with st.container(border=True):
                st.markdown(f"**{escape_markdown(entry['limit'])}**")
                if entry["quote"]:
                    ui.show_quote(entry["quote"], entry["source"])
                elif entry["source"]:
                    st.markdown(f"Source: {escape_markdown(entry['source'])}")


def coding_section(dataset) -> None:
    st.subheader("What this app's coding adds", anchor="coding")
    summary = view_cache.view(dataset, "about coding summary", about.coding_summary)
    if summary.empty:
        st.markdown("This dataset has no coded items to count.")
        return
    st.markdown(
        "Each point in the sources is one coded statement. Where the app goes beyond the words of the "
        "source — a theme name, a link between a barrier and what helps, a Communities of Practice "
        "element — it is marked **inferred** wherever it appears. Counted from the data:",
        help=ui.glossary_tooltip(dataset, ["coded statement", "stated", "inferred"]),
    )
    st.markdown(about.markdown_table(summary))


def cop_section(dataset) -> None:
    # An upload has no glossary; the lens's definitions are the app's own words, so borrow them (not the quote).
    own_glossary = not dataset.glossary.empty
    glossary = dataset.glossary if own_glossary else bundled_dataset().glossary
    use = about.cop_use(dataset.recommendations)
    entries = about.glossary_entries(glossary, [about.COP_TERM, *COP_ELEMENTS])
    if use.empty and not own_glossary:
        return
    if entries.empty and (use.empty or not use["recommendations"].any()):
        return
    st.header("The Communities of Practice lens", anchor="communities-of-practice")
    lens = about.glossary_entries(glossary, [about.COP_TERM])
    if not lens.empty:
        st.markdown(escape_markdown(lens.iloc[0]["definition"]))
        if own_glossary and lens.iloc[0]["evidence"]:
            ui.show_quote(lens.iloc[0]["evidence"], lens.iloc[0]["source"])
    if not use.empty:
        st.markdown(
            "**How the recommendations use it.** The study used the three elements to shape its recommendations. "
            f"{escape_markdown(about.cop_sentence(use))}",
            help=ui.glossary_tooltip(dataset, ["stated", "inferred"]),
        )
    columns = st.columns(len(COP_ELEMENTS))
    for column, element in zip(columns, COP_ELEMENTS, strict=True):
        with column.container(border=True):
            st.markdown(f"**{escape_markdown(element[:1].upper() + element[1:])}**")
            definition = about.glossary_entries(glossary, [element])
            if not definition.empty:
                st.markdown(escape_markdown(definition.iloc[0]["definition"]))
            row = use[use["element"] == element]
            if not row.empty:
                row = row.iloc[0]
                st.markdown(
                    f"{row['recommendations']} recommendation{'s' if row['recommendations'] != 1 else ''}: "
                    f"{row['stated']} stated, {row['inferred']} inferred."
                )
                if row["ids"]:
                    with st.expander("Which recommendations"):
                        # A long list (a large upload) would cost more to draw than it helps to read.
                        for rec_id in row["ids"][:RECOMMENDATION_LINK_LIMIT]:
                            text = dataset.recommendations.loc[
                                dataset.recommendations["recommendation_id"] == rec_id, "text"
                            ]
                            label = escape_markdown(rec_id)
                            if not text.empty:
                                label += f" · {escape_markdown(text.iloc[0])}"
                            open_link(rec_id, label)
                        hidden = len(row["ids"]) - RECOMMENDATION_LINK_LIMIT
                        if hidden > 0:
                            st.markdown(f"… and {hidden} more: search for them on the Explore page.")


def glossary_section(dataset) -> None:
    st.header("Glossary", anchor="glossary")
    glossary = dataset.glossary
    if glossary.empty:
        glossary = about.app_terms(bundled_dataset().glossary)
        if glossary.empty:
            return
        st.markdown("Your data has no glossary. These are the terms this app itself uses:")
    else:
        st.markdown("Every abbreviation and term used in this app.")
        st.markdown("The same definitions appear in the tooltips behind the question-mark icons.")
    query = st.text_input(
        "Find a term",
        key="about_glossary_find",
        placeholder="For example: MHSW, supervision, thematic",
        help="Looks in the term and its meaning; capitals and quote marks don't matter.",
    )
    shown = about.filter_glossary(glossary, query)
    if shown.empty:
        st.markdown("No term matches. Clear the box to see them all.")
    else:
        st.markdown(about.glossary_markdown(shown))


def context_section(dataset) -> None:
    groups = about.context_by_source(dataset.context, ui.source_index())
    if not groups:
        return
    st.header("Context evidence: not this study", anchor="context")
    st.warning(
        f"The items below come from {len(groups)} other source{'s' if len(groups) != 1 else ''}, not from this "
        "study's interviews. They are context that helps read the findings, not findings of this study.",
        icon=":material/info:",
    )
    for source, rows in groups:
        with st.container(border=True):
            st.markdown(f"{CONTEXT_BADGE} **{escape_markdown(source)}**")
            for _, item in rows.iterrows():
                st.markdown(f"**{escape_markdown(item['title'])}.** {escape_markdown(item['statement'])}")
                ui.show_quote(
                    item["evidence"], item["source"], item["context_id"], f"context item {item['context_id']}"
                )


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
    st.info(
        "You are viewing your own data. The study's title, author, method, limits and how to cite it come "
        "only with the bundled study, Carpenter (2019): return to it with the button above to read them. "
        "Below is what can be worked out from your data."
    )
    st.markdown(
        f"Your data: **{escape_markdown(dataset.name)}** — {len(dataset.findings)} coded statements, "
        f"{len(dataset.recommendations)} recommendations, {len(dataset.links)} links.",
        help=ui.glossary_tooltip(bundled_dataset(), ["coded statement"]),
    )
coding_section(dataset)
cop_section(dataset)
context_section(dataset)
glossary_section(dataset)
ui.page_end(dataset)
