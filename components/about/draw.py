"""The About page's Streamlit sections: the study, how it was done, its limits, what this app's coding adds,
the Communities of Practice lens, context evidence and the glossary. What they show is built by
components.about (the data sections once per dataset, components.ui.view_cache).

Every element sent costs server time in every session (docs/performance.md), so the first view sends what a
student reads and little else: each quote's "Cite this" is built only while open (`cite_key`), and the boxes
a student opens on purpose (the BibTeX entry, an element's recommendations) are lazy expanders. Text whose
structure is fixed (a lead-in and its quote, a card's title, definition and counts) is one Markdown element.
"""

from __future__ import annotations

import streamlit as st

from components.about import study as about
from components.data.model import Dataset
from components.shared import citation, study_words
from components.shared.badges import CONTEXT_BADGE
from components.shared.session_keys import (
    ABOUT_BIBTEX,
    ABOUT_CITE_PREFIX,
    ABOUT_GLOSSARY,
    ABOUT_GLOSSARY_FIND,
    ABOUT_LENS_LINKS_PREFIX,
)
from components.shared.text import escape_markdown
from components.ui import frame as ui
from components.ui import quotes, view_cache
from components.ui.access import app_glossary, bundled_dataset
from components.ui.lazy import lazy_expander

EXPLORE = "pages/explore.py"
# The lens section's anchor: kept from when the bundled study's lens was the only one, so old links still land.
LENS_ANCHOR = "communities-of-practice"

# Static CSS, never data, sent only by this page. On a phone the glossary's three columns leave a few letters
# per line and push the page sideways, so below 640px each entry stacks: the term, its meaning, then where it
# comes from. The header row is hidden from sight only (screen readers still read it), and "From:" says what
# the last cell is. The coding counts keep their columns, with narrower cell padding so the four fit in 390px.
# A recommendation's link in an element's narrow card wraps instead of cutting its text off after a few words.
_GLOSSARY = f'.st-key-{ABOUT_GLOSSARY} [data-testid="stMarkdownContainer"]'
_LENS_LINK = f'[class*="st-key-{ABOUT_LENS_LINKS_PREFIX}"] [data-testid="stPageLink-NavLink"]'
ABOUT_STYLE = f"""<style>
{_LENS_LINK} span:has(> [data-testid="stMarkdownContainer"]),
{_LENS_LINK} [data-testid="stMarkdownContainer"] p {{ white-space: normal; overflow: visible; line-height: 1.4; }}
@media (max-width: 640px) {{
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(th, td) {{ padding: 0.4rem; }}
  {_GLOSSARY} :is(table, tbody, tr, td) {{ display: block; width: 100%; }}
  {_GLOSSARY} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }}
  {_GLOSSARY} tr {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; margin-bottom: 0.5rem;
    padding: 0.25rem 0; }}
  {_GLOSSARY} td {{ border: none; padding: 0.15rem 0.75rem; overflow-wrap: anywhere; }}
  {_GLOSSARY} td:nth-child(3)::before {{ content: "From: "; font-weight: 600; }}
}}
</style>"""


# ---------------------------------------------------------------------------------------------
# Views, declared once and built once per dataset (components.ui.view_cache). An upload has no glossary of its
# own: the lens's definitions and the app's terms are the app's own words, so they come from the bundled study.


def _glossary_tooltip(dataset: Dataset, terms: tuple[str, ...]) -> str | None:
    return ui.glossary_tooltip(dataset, list(terms))


def _coding_table_markdown(dataset: Dataset) -> str:
    return about.markdown_table(_coding_summary(dataset))


def _bundled_lens(dataset: Dataset) -> about.Lens | None:
    return about.lens(dataset, app_glossary())


def _context_groups(dataset: Dataset) -> list:
    index = citation.source_index(dataset.study, not dataset.is_bundled, dataset.name)
    return about.context_by_source(dataset.context, index)


def _glossary_view(dataset: Dataset) -> about.GlossaryView | None:
    has_lens = study_words.lens(dataset) is not None
    return about.glossary_view(dataset.glossary, app_glossary(), has_lens)


def _full_glossary_table(dataset: Dataset) -> str:
    shown = _glossary(dataset)
    return about.glossary_found(shown.glossary, "") if shown is not None else ""


_tooltips = view_cache.cached_view(_glossary_tooltip)
_influences = view_cache.cached_view(about.influences)
_coding_summary = view_cache.cached_view(about.coding_summary)
_coding_table = view_cache.cached_view(_coding_table_markdown)
_lens = view_cache.cached_view(_bundled_lens)
_context = view_cache.cached_view(_context_groups)
_glossary = view_cache.cached_view(_glossary_view)
_glossary_table = view_cache.cached_view(_full_glossary_table)


def open_link(item_id: str, label: str) -> None:
    st.page_link(EXPLORE, label=label, icon=":material/arrow_forward:", query_params={"id": item_id}, help="")


def tooltip(dataset: Dataset, *terms: str) -> str | None:
    """The glossary's definitions of these terms as a `help=` tooltip, built once per dataset (a glossary
    lookup costs milliseconds, in every session)."""
    return _tooltips(dataset, terms)


def lead_and_quote(
    lead: str, evidence: object, source: object, place: str, item_id: object = "", item_label: str = ""
) -> None:
    """One Markdown element: the lines that lead into a quote (Markdown, escaped), then the quote with whose
    words it is; then its "Cite this", built only while open. `place` names the quote uniquely on the page."""
    quotes.show_quote(evidence, source, item_id, item_label, cite_key=f"{ABOUT_CITE_PREFIX}{place}", lead=lead)


# ---------------------------------------------------------------------------------------------
# The study's own sections (they need its metadata, so an upload has none of them)


def contents_line(dataset: Dataset) -> None:
    """Links to the sections this study has: a study that gives no method, limits, lens or context has none."""
    study, lens = dataset.study, study_words.lens(dataset)
    links = [
        ("the study", "the-study", True),
        ("how it was done", "method", about.has_method(study)),
        ("limits", "limits", bool(study.limits)),
        (escape_markdown(lens.name) if lens else "", LENS_ANCHOR, lens is not None),
        ("context evidence", "context", not dataset.context.empty),
        ("glossary", "glossary", True),
    ]
    st.markdown("On this page: " + " · ".join(f"[{label}](#{anchor})" for label, anchor, shown in links if shown))


def study_section(dataset: Dataset) -> None:
    study = dataset.study
    st.header("The study", anchor="the-study")
    facts, cite = st.columns([3, 2], gap="large")
    with facts:
        lines = "\n".join(f"- **{label}:** {escape_markdown(value)}" for label, value in about.study_facts(study))
        if study.question:
            lines += f"\n\n**The question it asked:** {escape_markdown(study.question)}"
        if study.question and study.question_evidence:
            lead_and_quote(lines, study.question_evidence, study.question_source, "question")
        else:
            st.markdown(lines)
    with cite:
        st.subheader("How to cite")
        if study.citation:
            st.markdown("Copy the reference with the button at the top right of the box.")
            st.code(study.citation, language=None, wrap_lines=True)
        entry = about.bibtex(study)
        if entry:
            box = lazy_expander("As a BibTeX entry", key=ABOUT_BIBTEX)
            if box:
                with box:
                    st.code(entry, language=None)
        if study.licence:
            plain = ""
            if "BY-NC-ND" in study.licence:
                plain = ": you may share it with credit, not for commercial use, and not in changed form"
            work = study_words.work_noun(dataset)
            line = f"The {work} is shared under the licence {escape_markdown(study.licence)}{plain}."
            if study.licence_evidence:
                lead_and_quote(line, study.licence_evidence, study.licence_source, "licence")
            else:
                st.markdown(line)


def method_section(dataset: Dataset) -> None:
    if not about.has_method(dataset.study):
        return
    method = dataset.study.method
    st.header("How it was done", anchor="method")
    parts = []
    if method.interviews:
        split = ", ".join(f"{count} {escape_markdown(label)}" for label, count in method.group_counts)
        parts.append(f"**{escape_markdown(method.interviews)} interviews**" + (f" ({split})" if split else ""))
    if method.design:
        design = method.design
        parts.append(escape_markdown(design[:1].lower() + design[1:] if parts else design))
    if method.analysis:
        parts.append(f"analysed by {escape_markdown(method.analysis.lower())}")
    if parts:
        st.markdown(
            "; ".join(parts) + ".",
            help=tooltip(
                dataset,
                *(group.label for group in study_words.study_groups(dataset)),
                "semi-structured interview",
                "thematic analysis",
            ),
        )
    for number, entry in enumerate(about.method_evidence(dataset.study)):
        lead = about.method_evidence_lead(dataset) if number == 0 else ""
        lead_and_quote(lead, entry["quote"], entry["source"], f"method_{number}")

    influences = _influences(dataset)
    if not influences.empty:
        st.subheader(f"The {len(influences)} influences the {study_words.work_noun(dataset)} found")
        st.markdown("Perspectives on collaboration were shaped by:")
        for column, (_, influence) in zip(st.columns(len(influences), border=True), influences.iterrows(), strict=True):
            with column:
                st.markdown(f"**{escape_markdown(influence['name'])}**")
                if influence["finding_id"]:
                    open_link(influence["finding_id"], f"Open {escape_markdown(influence['finding_id'])}")
        # The abstract names all three in one sentence: show each distinct quote once, not once per card.
        for _, quoted in influences[influences["evidence"] != ""].drop_duplicates("evidence").iterrows():
            finding_id = quoted["finding_id"]
            lead_and_quote(
                "", quoted["evidence"], quoted["source"], f"influence_{finding_id}", finding_id, f"finding {finding_id}"
            )


def limits_section(dataset: Dataset) -> None:
    entries = about.limits(dataset.study)
    if entries:
        st.header("Limits", anchor="limits")
        st.markdown("What the sources themselves say limits the study:")
        for number, entry in enumerate(entries):
            with st.container(border=True):
                limit = f"**{escape_markdown(entry['limit'])}**"
                if entry["quote"]:
                    lead_and_quote(limit, entry["quote"], entry["source"], f"limit_{number}")
                elif entry["source"]:
                    st.markdown(f"{limit}\n\nSource: {escape_markdown(entry['source'])}")
                else:
                    st.markdown(limit)


def study_sections(dataset: Dataset) -> None:
    """The study's own sections: contents, the study and how to cite it, how it was done, its limits."""
    contents_line(dataset)
    study_section(dataset)
    method_section(dataset)
    limits_section(dataset)


# ---------------------------------------------------------------------------------------------
# The sections that read the data (an upload has them too)


def coding_section(dataset: Dataset) -> None:
    st.subheader("What this app's coding adds", anchor="coding")
    summary = _coding_summary(dataset)
    if summary.empty:
        st.markdown("This dataset has no coded items to count.")
        return
    lens = study_words.lens(dataset)
    element = f", a {escape_markdown(lens.name)} element" if lens else ""
    st.markdown(
        "Each point in the sources is one coded statement. Where the app goes beyond the words of the "
        f"source — a theme name, a link between a barrier and what helps{element} — it is marked "
        "**inferred** wherever it appears. Counted from the data:",
        help=tooltip(dataset, "coded statement", "stated", "inferred"),
    )
    st.markdown(_coding_table(dataset))


def cop_section(dataset: Dataset) -> None:
    # Only a study that defines a lens (study.json's `lens`) has this section.
    named = study_words.lens(dataset)
    if named is None:
        return
    # A study without a glossary borrows the app's definitions of the elements (not its quote).
    lens = _lens(dataset)
    if lens is None:
        return
    st.header(f"The {escape_markdown(named.name)} lens", anchor=LENS_ANCHOR)
    if lens.definition and lens.quote:
        lead_and_quote(lens.definition, *lens.quote, "lens")
    elif lens.definition:
        st.markdown(lens.definition)
    if lens.use_sentence:
        st.markdown(
            "**How the recommendations use it.** The study used the "
            f"{about.count_word(len(lens.elements))} elements to shape its recommendations. {lens.use_sentence}",
            help=tooltip(dataset, "stated", "inferred"),
        )
    for number, (column, element) in enumerate(
        zip(st.columns(len(lens.elements), border=True), lens.elements, strict=True)
    ):
        with column:
            st.markdown(
                "\n\n".join(part for part in (f"**{element.title}**", element.definition, element.counts) if part)
            )
            if not element.links:
                continue
            box = lazy_expander("Which recommendations", key=f"{ABOUT_LENS_LINKS_PREFIX}{number}")
            if box:
                with box:
                    for rec_id, label in element.links:
                        open_link(rec_id, label)
                    if element.hidden:
                        st.markdown(f"… and {element.hidden} more: search for them on the Explore page.")


def context_section(dataset: Dataset) -> None:
    groups = _context(dataset)
    if not groups:
        return
    st.header("Context evidence: not this study", anchor="context")
    st.warning(about.context_warning(len(groups)), icon=":material/info:")
    for source, rows in groups:
        with st.container(border=True):
            heading = f"{CONTEXT_BADGE} **{escape_markdown(source)}**"
            for _, item in rows.iterrows():
                item_id = item["context_id"]
                lead = f"**{escape_markdown(item['title'])}.** {escape_markdown(item['statement'])}"
                lead_and_quote(
                    f"{heading}\n\n{lead}" if heading else lead,
                    item["evidence"],
                    item["source"],
                    f"context_{item_id}",
                    item_id,
                    f"context item {item_id}",
                )
                heading = ""  # the source names its box once, above its first item


def glossary_section(dataset: Dataset) -> None:
    shown = _glossary(dataset)
    st.header("Glossary", anchor="glossary")
    if shown is None:
        return
    st.markdown("\n\n".join(shown.intro))
    query = st.text_input(
        "Find a term",
        key=ABOUT_GLOSSARY_FIND,
        placeholder=about.glossary_placeholder(shown.glossary),
        help="Looks in the term and its meaning; capitals and quote marks don't matter.",
    )
    with st.container(key=ABOUT_GLOSSARY):
        # The open page's table (no search) is built once; a search is folded afresh, never kept server-wide.
        if not query.strip():
            st.markdown(_glossary_table(dataset))
        else:
            st.markdown(about.glossary_found(shown.glossary, query))


def upload_note(dataset: Dataset) -> None:
    """For an upload: where the study's metadata went, and what the data itself holds."""
    st.info(
        "You are viewing your own data. It came without the study's metadata (title, author, method, limits, "
        "how to cite it), so this page shows what can be worked out from the data itself."
    )
    st.markdown(about.upload_summary(dataset), help=tooltip(bundled_dataset(), "coded statement"))


def data_sections(dataset: Dataset) -> None:
    """Everything the page computes from the data, after the study's own sections."""
    st.html(ABOUT_STYLE)
    coding_section(dataset)
    cop_section(dataset)
    context_section(dataset)
    glossary_section(dataset)
