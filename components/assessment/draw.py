"""The self-assessment page's sections, drawn with Streamlit: the rating form, the results, the answers file.

What each section says is built by the Streamlit-free modules beside this one; these functions only draw it
and read the widgets. Shared state (answers, the action plan) goes through components/ui/session.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd
import streamlit as st

from components.assessment import answers_file, changes, results
from components.assessment.figure import FOOTER_LINE_CHARS, score_chart, theme_from_selection
from components.assessment.items import FormItem, ItemSet, build_items, form_sections
from components.assessment.recommendation_map import RecommendationMap, audiences_of, build_recommendation_map
from components.assessment.scale import RATING_LABELS, RATINGS, plain_label
from components.data.exports import safe_csv_bytes
from components.data.model import Dataset, DatasetError
from components.shared.badges import inferred_badge
from components.shared.citation import chart_source
from components.shared.session_keys import (
    ASSESSMENT_ADD_TO_PLAN,
    ASSESSMENT_AREA,
    ASSESSMENT_AREA_BOX,
    ASSESSMENT_CHANGES_TABLE,
    ASSESSMENT_CHART,
    ASSESSMENT_CHART_TABLE,
    ASSESSMENT_CHART_TABLE_BOX,
    ASSESSMENT_CITE_PREFIX,
    ASSESSMENT_CLICKED_THEME,
    ASSESSMENT_DOWNLOAD,
    ASSESSMENT_EARLIER,
    ASSESSMENT_LAST_VIEWS,
    ASSESSMENT_OTHER_AREA_PREFIX,
    ASSESSMENT_RATING_PREFIX,
    ASSESSMENT_REC_SOURCE_PREFIX,
    ASSESSMENT_SOURCE_PREFIX,
)
from components.shared.text import escape_markdown
from components.ui import charts, quotes, session, view_cache
from components.ui.lazy import lazy_expander
from components.ui.picks import open_on_click, open_on_pick

T = TypeVar("T")


def last_view(name: str, key: Hashable, build: Callable[[], T]) -> T:
    """What `build` made on an earlier run of this session for the same key, else built now.

    Opening a box or a "Cite this" reruns the page with the same answers, so the results, the chart and
    an uploaded earlier file need not be made again. One view is kept per name, in this session only:
    a room of people rating differently would otherwise fill the shared view cache with their answers.
    """
    kept = st.session_state.setdefault(ASSESSMENT_LAST_VIEWS, {})
    if name in kept and kept[name][0] == key:
        return kept[name][1]
    value = build()
    kept[name] = (key, value)
    return value


def _answers_key(answers: dict[str, str]) -> tuple:
    return tuple(sorted(answers.items()))


def assessment_results(
    dataset: Dataset,
    items: pd.DataFrame,
    answers: dict[str, str],
    mapping: RecommendationMap,
    audience: str | None,
) -> results.Results | None:
    """results.assessment_results, made again only when the answers, the audience or the dataset change."""
    key = (dataset.fingerprint, _answers_key(answers), audience)
    return last_view("results", key, lambda: results.assessment_results(items, answers, mapping, audience))


def _index_findings(dataset: Dataset) -> pd.DataFrame:
    return dataset.findings.set_index(dataset.findings["finding_id"].astype(str), drop=False)


def _items(dataset: Dataset) -> ItemSet:
    return build_items(dataset.findings, dataset.assessment_items)


def _audiences(dataset: Dataset) -> list[str]:
    return audiences_of(dataset.recommendations)


def _form_sections(dataset: Dataset) -> list[tuple[str, list[FormItem]]]:
    return form_sections(items_view(dataset), set(dataset.findings["finding_id"].astype(str)))


# Views declared once, each built once per dataset (shared: never changed by a caller).
findings_by_id = view_cache.cached_view(_index_findings)
items_view = view_cache.cached_view(_items)
audiences_view = view_cache.cached_view(_audiences)
recommendation_map_view = view_cache.cached_view(build_recommendation_map)
form_sections_view = view_cache.cached_view(_form_sections)


def _item_source(dataset: Dataset, item: FormItem) -> None:
    """The finding a statement comes from, built only while its box is open (12+ closed boxes cost nothing)."""
    box = lazy_expander(
        f"Where this comes from ({escape_markdown(item.finding_id)})", key=ASSESSMENT_SOURCE_PREFIX + item.item_id
    )
    if box:
        with box:
            if item.help:
                st.markdown(f"_Why this statement:_ {escape_markdown(item.help)}")
            finding = findings_by_id(dataset).loc[item.finding_id]
            quotes.show_finding(finding, cite_key=f"{ASSESSMENT_CITE_PREFIX}item|{item.item_id}")


def rating_form(dataset: Dataset, item_set: ItemSet, answers: dict[str, str]) -> dict[str, str]:
    """One radio per statement, grouped by theme, with the finding's evidence a click away. Returns the ratings.

    Each statement is three elements stacked (its words, the radio, a closed box), not a pair of columns:
    a column pair costs three blocks more per statement on every run, and a phone stacks them anyway.
    """
    # The item set is itself a view of this dataset (items_view), so the dataset alone keys the form.
    sections = form_sections_view(dataset)
    # Reading st.session_state's keys copies its whole state, so once per run rather than once per statement.
    shown_widgets = set(st.session_state.keys()) if answers else set()
    updated: dict[str, str] = {}
    for theme, form_items in sections:
        with st.container(border=True):
            st.subheader(escape_markdown(theme))
            for item in form_items:
                key = ASSESSMENT_RATING_PREFIX + item.item_id
                # Widget state is dropped when the user visits another page; the answers outlive it.
                if item.item_id in answers and key not in shown_widgets:
                    st.session_state[key] = answers[item.item_id]
                st.markdown(f"**{escape_markdown(item.statement)}**")
                choice = st.radio(
                    plain_label(item.statement),
                    options=RATINGS,
                    format_func=RATING_LABELS.get,
                    index=None,
                    horizontal=True,
                    key=key,
                    label_visibility="collapsed",
                )
                if item.has_finding:
                    _item_source(dataset, item)
                if choice:
                    updated[item.item_id] = choice
    return updated


def _recommendations(theme: str, recommendations: pd.DataFrame) -> None:
    for rec in recommendations.to_dict("records"):
        # The basis qualifies the lens element only (the words are the source's): no element, nothing marked.
        basis = quotes.basis_badge(rec["basis"], "element") if rec["element"] else ""
        st.markdown(results.recommendation_markdown(rec, basis, inferred_badge("inferred link")))
        if not results.is_verbatim(rec):
            # One recommendation can answer two areas: the theme keeps its keys apart.
            where = f"{theme}|{rec['recommendation_id']}"
            box = lazy_expander(
                f"Source passage for {escape_markdown(rec['recommendation_id'])}",
                key=ASSESSMENT_REC_SOURCE_PREFIX + where,
            )
            if box:
                with box:
                    quotes.show_quote(
                        rec["evidence"],
                        rec["source"],
                        rec["recommendation_id"],
                        cite_key=f"{ASSESSMENT_CITE_PREFIX}rec|{where}",
                    )


def _area(area: results.AreaResult) -> None:
    st.markdown(results.join_markdown(area.before))
    _recommendations(area.theme, area.recommendations)
    if area.after:
        st.markdown(results.join_markdown(area.after))


# A dot opens its area's passages by a click or, from the keyboard, by the area pick-list.
_open_clicked_area = open_on_click(ASSESSMENT_CHART, theme_from_selection, ASSESSMENT_AREA, ASSESSMENT_CLICKED_THEME)
_open_picked_area = open_on_pick(ASSESSMENT_AREA, ASSESSMENT_CLICKED_THEME)


def _passages(dataset: Dataset, scored: pd.DataFrame, theme: str, cite_prefix: str | None = None) -> None:
    """An area's statements, your rating of each and the source passage of the finding it comes from.

    With a `cite_prefix` each "Cite this" is lazy (see quotes.cite_this); the dialog's are not, as a dialog
    is built only on the run that opens it.
    """
    findings = findings_by_id(dataset)
    for passage in results.theme_passages(scored, dataset.findings, theme).itertuples():
        with st.container(border=True):
            st.markdown(
                f"**{escape_markdown(passage.statement)}**  \nYour rating: {escape_markdown(passage.rating_label)}"
            )
            if passage.finding_id in findings.index:
                cite_key = f"{cite_prefix}{passage.item_id}" if cite_prefix else None
                quotes.show_finding(findings.loc[passage.finding_id], cite_key=cite_key)
            else:
                st.markdown(quotes.quote_markdown(None, None))


@st.dialog("The source passages behind this area", width="large")
def _passages_dialog(dataset: Dataset, scored: pd.DataFrame, theme: str) -> None:
    st.markdown(f"#### {escape_markdown(theme)}")
    _passages(dataset, scored, theme)


def _area_passages(dataset: Dataset, shown: results.Results) -> None:
    """The pick-list of areas (and a dot click) opening an area's source passages."""
    area_themes = shown.ranked["theme"].tolist()
    if st.session_state.get(ASSESSMENT_AREA) not in area_themes:
        st.session_state[ASSESSMENT_AREA] = None
    area = st.selectbox(
        "Read the source passages behind an area",
        area_themes,
        key=ASSESSMENT_AREA,
        placeholder="Click a dot above, or choose an area here",
        on_change=_open_picked_area,
    )
    if area:
        # Opened only on the run straight after a pick, so the passages appear where the user is looking.
        if st.session_state.pop(ASSESSMENT_CLICKED_THEME, None) == area:
            _passages_dialog(dataset, shown.scored, area)
        box = lazy_expander(f"Source passages: {escape_markdown(area)}", key=ASSESSMENT_AREA_BOX)
        if box:
            with box:
                _passages(dataset, shown.scored, area, cite_prefix=f"{ASSESSMENT_CITE_PREFIX}passage|")
    st.session_state.pop(ASSESSMENT_CLICKED_THEME, None)


def _plan_button(dataset: Dataset, candidates: list[str]) -> None:
    if candidates:
        label = results.plan_button_label(len(candidates))
        if st.button(label, type="primary", key=ASSESSMENT_ADD_TO_PLAN, icon=":material/playlist_add:"):
            added = session.add_to_plan(candidates)
            st.success(results.added_message(len(candidates), len(added)))
    note = results.plan_count_note(len(session.plan_ids(dataset)))
    if note:
        st.markdown(note)
    st.page_link(
        "pages/recommendations.py",
        label="Open your action plan in the Recommendations planner",
        icon=":material/checklist:",
    )


def _score_chart(shown: results.Results):
    return score_chart(shown.ranked, shown.focus_themes)


def results_section(dataset: Dataset, shown: results.Results | None) -> None:
    """Scores, the chart, the weakest areas with their recommendations, the plan button, the other areas."""
    if shown is None:
        st.markdown(results.RATE_FIRST)
        return
    st.markdown(f"{shown.headline}\n\nClick a dot to read the source passages behind that area.")
    scores = (dataset.fingerprint, tuple(zip(shown.ranked["theme"], shown.ranked["score"], strict=True)))
    figure = last_view("score chart", (*scores, tuple(shown.focus_themes)), lambda: _score_chart(shown))
    charts.chart(
        figure,
        cached_figure=True,
        key=ASSESSMENT_CHART,
        title="Your self-assessment: score per area",
        source=chart_source(dataset),
        caveat="Scores are your own ratings of your service against the study's findings, not data from the study.",
        line_chars=FOOTER_LINE_CHARS,
        on_select=_open_clicked_area,
        selection_mode="points",
        width="stretch",
    )
    charts.text_alternative(
        shown.chart_summary, shown.chart_table, key=ASSESSMENT_CHART_TABLE, box_key=ASSESSMENT_CHART_TABLE_BOX
    )
    if shown.unranked_note:
        st.markdown(shown.unranked_note)
    _area_passages(dataset, shown)

    if shown.focus:
        st.subheader("Your weakest area" if len(shown.focus) == 1 else f"Your {len(shown.focus)} weakest areas")
    for area in shown.focus:
        with st.container(border=True):
            st.markdown(area.heading)
            _area(area)
    _plan_button(dataset, shown.plan_candidates)
    if shown.others:
        st.subheader("Your other areas")
        for position, heading in enumerate(shown.others.headings):
            box = lazy_expander(heading.expander_label, key=ASSESSMENT_OTHER_AREA_PREFIX + heading.theme)
            if box:
                with box:
                    _area(shown.others[position])


def _read_earlier(items: pd.DataFrame, name: str, raw: bytes) -> answers_file.EarlierAnswers | DatasetError:
    try:
        return answers_file.read_answers(name, raw, items)
    except DatasetError as error:
        return error


def _compare_with_earlier(items: pd.DataFrame, answers: dict[str, str], uploaded, fingerprint: str) -> None:
    # Read once per file: every rating and every box opened reruns the page with the file still there.
    earlier = last_view(
        "earlier answers",
        (fingerprint, uploaded.file_id),
        lambda: _read_earlier(items, uploaded.name, uploaded.getvalue()),
    )
    if isinstance(earlier, DatasetError):
        st.error(answers_file.file_error_markdown(earlier), icon=":material/error:")
        return
    for note in earlier.notes:
        st.markdown(escape_markdown(note))
    st.markdown(answers_file.comparison_heading(earlier))
    st.markdown("\n".join(changes.theme_change_lines(items, earlier.answers, answers)))
    item_changes = changes.item_changes(items, earlier.answers, answers)
    moved = changes.moved_lines(item_changes)
    if moved:
        st.markdown("**Statements whose rating moved:**")
        st.markdown("\n".join(moved))
    else:
        st.markdown("No statement's rating went up or down.")
    with st.expander("Every statement, then and now"):
        st.dataframe(item_changes, hide_index=True, width="stretch", key=ASSESSMENT_CHANGES_TABLE)


def answers_file_section(dataset: Dataset, items: pd.DataFrame, answers: dict[str, str]) -> None:
    """Section 3 with its heading: download the answers; upload an earlier file to see what changed."""
    today = dt.date.today()
    st.markdown(
        "## 3. Keep a record and see what changed\n\nDownload your answers to keep them: nothing is stored on "
        "the server. Next time, upload that file here to see what changed."
    )
    rated = dict(answers)
    st.download_button(
        "Download your answers (CSV)",
        # Made when the button is pressed, not on every rating of every session.
        data=lambda: safe_csv_bytes(answers_file.answers_frame(items, rated, today)),
        on_click="ignore",
        file_name=answers_file.answers_file_name(today),
        mime="text/csv",
        key=ASSESSMENT_DOWNLOAD,
        icon=":material/download:",
        disabled=not answers,
        help=None if answers else "Rate at least one statement first.",
    )
    uploaded = st.file_uploader("Upload an earlier answers file to compare", type=["csv"], key=ASSESSMENT_EARLIER)
    if uploaded is not None:
        _compare_with_earlier(items, answers, uploaded, dataset.fingerprint)
