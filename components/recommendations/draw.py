"""What the recommendations planner draws: its filters, a recommendation's card and the action plan editor.

Streamlit lives here, logic does not: every table, sentence and decision comes from
components/recommendations/planner.py (tested without Streamlit), and the plan changes only through
components/ui/session.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from components.data.model import Dataset
from components.recommendations import plan_documents, planner
from components.shared import study_words
from components.shared.citation import citation_line
from components.shared.session_keys import (
    RECOMMENDATIONS_ADD_ALL,
    RECOMMENDATIONS_AUDIENCE,
    RECOMMENDATIONS_BARRIER,
    RECOMMENDATIONS_CITE_PREFIX,
    RECOMMENDATIONS_CLEAR_FILTERS,
    RECOMMENDATIONS_DOWNLOAD_PREFIX,
    RECOMMENDATIONS_ELEMENT,
    RECOMMENDATIONS_EMPTY_PLAN,
    RECOMMENDATIONS_EVIDENCE_PREFIX,
    RECOMMENDATIONS_PAGE,
    RECOMMENDATIONS_PICK_PREFIX,
    RECOMMENDATIONS_PLAN_EDITOR_PREFIX,
    RECOMMENDATIONS_QUERY,
    RECOMMENDATIONS_REMOVE,
    RECOMMENDATIONS_REMOVE_CHOICE,
)
from components.ui import frame as ui
from components.ui import quotes, session, url_state, view_cache
from components.ui.lazy import lazy_expander

FILTER_KEYS = (RECOMMENDATIONS_AUDIENCE, RECOMMENDATIONS_BARRIER, RECOMMENDATIONS_ELEMENT)

# Reasons, pick lists and grouping are built once per dataset, not on every rerun.
planner_view = view_cache.cached_view(planner.planner_view)


# ---------------------------------------------------------------------------------------------
# Callbacks: they run before the page, so the page draws the plan as it now is


def _tick(recommendation_id: str) -> None:
    """A tick or untick beside a recommendation: the shared plan list is the truth, the checkbox follows it."""
    session.set_in_plan(recommendation_id, bool(st.session_state.get(RECOMMENDATIONS_PICK_PREFIX + recommendation_id)))


def _take_out() -> None:
    chosen = st.session_state.get(RECOMMENDATIONS_REMOVE_CHOICE)
    if chosen:
        session.set_in_plan(chosen, False)
    st.session_state[RECOMMENDATIONS_REMOVE_CHOICE] = None


def _clear_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state[key] = []
    st.session_state[RECOMMENDATIONS_QUERY] = ""


def _add_all(match_ids: list[str]) -> None:
    added = session.add_to_plan(match_ids)
    st.toast(planner.added_message(len(added), len(match_ids)))


# ---------------------------------------------------------------------------------------------
# Filters


def filters(dataset: Dataset, view: planner.PlannerView) -> planner.PlannerFilters:
    """The audience first (a team lead starts from "what is meant for my service?"), then barrier, element, search.

    Seeded from the URL once, owned by the widgets after that, and written back to the URL.
    """
    audiences, barriers, elements = dataset.audiences, view.barrier_options, view.element_options
    dropped = {
        "audience": url_state.seed_multi(RECOMMENDATIONS_AUDIENCE, "audience", audiences, []),
        "barrier": url_state.seed_multi(RECOMMENDATIONS_BARRIER, "barrier", barriers, []),
        "lens element": url_state.seed_multi(RECOMMENDATIONS_ELEMENT, "element", elements, []),
    }
    url_state.seed_text(RECOMMENDATIONS_QUERY, "q", max_chars=planner.MAX_QUERY_CHARS)
    st.multiselect(
        "Who are you planning for? Choose your audience",
        audiences,
        key=RECOMMENDATIONS_AUDIENCE,
        placeholder="All audiences" if audiences else "No recommendations in this dataset",
        disabled=not audiences,
        help="The study addresses its recommendations to these audiences. Choose one or more; leave empty for all.",
    )
    # The lens filter only for a study that defines a lens (study.json's `lens`), named as the study names it.
    lens = study_words.lens(dataset)
    if lens is None:
        barrier_column, search_column = st.columns([1, 1], gap="medium")
    else:
        barrier_column, element_column, search_column = st.columns([4, 3, 3], gap="medium")
    barrier_column.multiselect(
        "Barrier or view it addresses",
        barriers,
        key=RECOMMENDATIONS_BARRIER,
        format_func=lambda finding_id: view.barrier_labels.get(finding_id, finding_id),
        placeholder="Any barrier" if barriers else "No links recorded",
        disabled=not barriers,
        help="Through this app's links between recommendations and the study's findings.",
    )
    if lens is not None:
        element_column.multiselect(
            lens.name,
            elements,
            key=RECOMMENDATIONS_ELEMENT,
            format_func=str.capitalize,
            placeholder="Any element" if elements else "None recorded",
            disabled=not elements,
            help=ui.glossary_help(dataset, lens.name),
        )
    search_column.text_input(
        "Search the recommendations",
        key=RECOMMENDATIONS_QUERY,
        max_chars=planner.MAX_QUERY_CHARS,
        # The study's own theme names: the search reads each recommendation's reasons, barriers among them.
        placeholder=study_words.search_hint(dataset),
    )
    url_state.notice_dropped(dropped)
    chosen = planner.PlannerFilters(
        tuple(st.session_state[RECOMMENDATIONS_AUDIENCE]),
        tuple(st.session_state[RECOMMENDATIONS_BARRIER]),
        tuple(st.session_state[RECOMMENDATIONS_ELEMENT]) if lens else (),
        st.session_state[RECOMMENDATIONS_QUERY],
    )
    url_state.write_url(chosen.url())
    return chosen


# ---------------------------------------------------------------------------------------------
# What matches, the cards and the plan: one fragment


@st.fragment
def results_and_plan(
    dataset: Dataset,
    view: planner.PlannerView,
    chosen: planner.PlannerFilters,
    matches: pd.DataFrame,
    keep_button: Callable[[Dataset], None],
) -> None:
    """Everything a tick changes: the count line, "Add all shown", the ticks, and the plan below the cards.

    A fragment, so a tick, a box opened, a page of results or an edit to the plan reruns this part only:
    the filters, the title and the footer are not rebuilt and resent, nor the matches filtered again
    (they change only with a filter, which reruns the whole page). "Clear filters" reruns the whole page.
    """
    recommendations = dataset.recommendations
    plan_ids = session.plan_ids(dataset)
    if recommendations.empty:
        st.info(
            "This dataset has no recommendations, so there is nothing to plan from yet. Add a recommendations.csv "
            "(recommendation_id, audience, text) on the Your data page, or return to the bundled study."
        )
        st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")
    else:
        summary = planner.match_summary(len(matches), len(recommendations), chosen.audiences)
        st.markdown(f"**{summary}**{planner.plan_note(len(plan_ids))}")
        actions(matches["recommendation_id"].astype(str).tolist(), plan_ids, chosen.active)
        if matches.empty:
            st.info(planner.no_match_message(len(recommendations)))

    page = page_number(planner.page_count(len(matches)))
    in_plan = set(plan_ids)
    for recommendation in planner.page_slice(matches, page).to_dict("records"):
        recommendation_id = str(recommendation["recommendation_id"])
        card = planner.card(recommendation, view.by_recommendation.get(recommendation_id, ()))
        recommendation_card(card, recommendation_id in in_plan)

    # --- The plan: edit who does what by when, then take it away
    st.header("Your action plan", anchor="your-action-plan")
    if not plan_ids:
        st.info(
            "Your plan is empty. Tick **In my plan** on a recommendation above to add it; then fill in "
            "the owner, due date, first step and notes here and download the plan."
        )
        return
    st.markdown(
        "Fill in who owns each item, when it is due and the first step. The plan lives in this browser "
        "session only: download it, or keep it for a private link, before you close the tab."
    )
    table, edited = plan_editor(dataset, plan_ids)
    plan_downloads(dataset, edited)
    keep_button(dataset)  # the page hands in Keep's button: a feature never imports another's drawing
    plan_removal(dataset, plan_ids, table)


def actions(match_ids: list[str], plan_ids: list[str], filters_active: bool) -> None:
    """ "Add all shown" (every page of matches) and "Clear filters", side by side.

    Clearing the filters changes widgets outside the fragment, so after its callback the whole page reruns.
    """
    row = st.container(horizontal=True, gap="small")
    if match_ids:
        label, all_in = planner.add_all_button(match_ids, plan_ids)
        row.button(
            label,
            key=RECOMMENDATIONS_ADD_ALL,
            on_click=_add_all,
            args=(match_ids,),
            disabled=all_in,
            icon=":material/playlist_add:",
            help="Adds every recommendation your filters show, on every page of results, to your action plan.",
        )
    if filters_active and row.button("Clear filters", key=RECOMMENDATIONS_CLEAR_FILTERS, on_click=_clear_filters):
        st.rerun(scope="app")


def page_number(pages: int) -> int:
    """The page of results to show: a picker when there is more than one page."""
    if pages <= 1:
        return 1
    if st.session_state.get(RECOMMENDATIONS_PAGE) not in range(1, pages + 1):
        st.session_state[RECOMMENDATIONS_PAGE] = 1
    return st.selectbox(
        f"Page (of {pages}, {planner.PAGE_SIZE} recommendations each)",
        list(range(1, pages + 1)),
        key=RECOMMENDATIONS_PAGE,
    )


# ---------------------------------------------------------------------------------------------
# A recommendation's card


def evidence_key(recommendation_id: str) -> str:
    """The key of a card's evidence box: it holds whether the box is open."""
    return RECOMMENDATIONS_EVIDENCE_PREFIX + recommendation_id


def cite_key(recommendation_id: str, position: int) -> str:
    """The key of the "Cite this" under a card's quote: 0 is the recommendation's own words, 1... its findings.

    The position comes first: digits never hold "_", so no two (position, id) pairs give the same key,
    whatever an uploaded id looks like.
    """
    return f"{RECOMMENDATIONS_CITE_PREFIX}{position}_{recommendation_id}"


def recommendation_card(card: planner.Card, in_plan: bool) -> None:
    """A card in four elements while its evidence is closed: the border, its text, the tick and the box.

    The tick comes after the text and its reasons, where a team lead has read enough to decide; a row of
    columns beside the title cost three more elements a card, and stacked under the text on a phone anyway.
    The evidence is built only while its box is open.
    """
    with st.container(border=True):
        st.markdown(card.summary)
        key = RECOMMENDATIONS_PICK_PREFIX + card.recommendation_id
        # The shared plan list decides the tick, so ids added on the self-assessment page show as ticked here.
        st.session_state[key] = in_plan
        st.checkbox("In my plan", key=key, on_change=_tick, args=(card.recommendation_id,))
        if not card.evidence_label:
            return
        box = lazy_expander(card.evidence_label, key=evidence_key(card.recommendation_id))
        if box:
            with box:
                _evidence(card)


def _evidence(card: planner.Card) -> None:
    """Inside the open box: the recommendation's own words, then each linked finding with its verbatim quote."""
    if card.own_quote:
        quotes.show_quote(
            card.own_quote, card.source, card.recommendation_id, cite_key=cite_key(card.recommendation_id, 0)
        )
    elif card.source_line:
        st.markdown(card.source_line)
    for position, entry in enumerate(card.entries, start=1):
        quotes.show_quote(
            entry.evidence,
            entry.source,
            entry.finding_id,
            f"finding {entry.finding_id}",
            cite_key=cite_key(card.recommendation_id, position),
            lead=entry.heading,
        )
        if entry.why_linked:
            st.markdown(entry.why_linked)


# ---------------------------------------------------------------------------------------------
# The plan: who does what by when, the downloads, taking items out


def plan_editor(dataset: Dataset, plan_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan's data editor; what is typed is saved through components.ui.session.

    Returns the plan table it was built from and the table as edited.
    """
    table = planner.plan_table(dataset, plan_ids, session.plan_details())
    edited = st.data_editor(
        planner.editor_table(table),
        key=RECOMMENDATIONS_PLAN_EDITOR_PREFIX + planner.plan_signature(plan_ids),
        hide_index=True,
        num_rows="fixed",
        width="stretch",
        placeholder="",
        disabled=["recommendation_id", "audience", "recommendation"],
        # The columns to fill in must fit at 1280 px without scrolling sideways; the audience is in both downloads.
        column_order=["recommendation_id", "recommendation", "owner", "due_date", "first_step", "notes"],
        column_config={
            "recommendation_id": st.column_config.TextColumn("ID", width=56),
            "recommendation": st.column_config.TextColumn("Recommendation", width=240),
            "owner": st.column_config.TextColumn("Owner", max_chars=100, width=130),
            "due_date": st.column_config.DateColumn("Due date", format="D MMM YYYY", width=120),
            "first_step": st.column_config.TextColumn("First step", max_chars=300, width=160),
            "notes": st.column_config.TextColumn("Notes", max_chars=500),
        },
    )
    session.save_plan_details(edited)
    return table, edited


def plan_downloads(dataset: Dataset, edited: pd.DataFrame) -> None:
    """Word, PDF, CSV and Markdown, two a row. Each file is built when its button is clicked (a PDF takes a second)."""
    citation = citation_line(dataset)
    columns = st.columns(2, gap="medium") + st.columns(2, gap="medium")
    for column, download in zip(columns, plan_documents.DOWNLOADS, strict=True):
        column.download_button(
            download.label,
            data=partial(download.build, dataset, edited, citation),
            file_name=download.file_name,
            mime=download.mime,
            key=RECOMMENDATIONS_DOWNLOAD_PREFIX + download.key,
            on_click="ignore",
            icon=download.icon,
            width="stretch",
        )


def plan_removal(dataset: Dataset, plan_ids: list[str], table: pd.DataFrame) -> None:
    """Take one item out, or clear the plan (what was typed for an item comes back if it is added again)."""
    remove_column, button_column, empty_column = st.columns([3, 1, 1.3], vertical_alignment="bottom")
    plan_labels = dict(zip(table["recommendation_id"], table["recommendation"], strict=True))
    if st.session_state.get(RECOMMENDATIONS_REMOVE_CHOICE) not in plan_ids:
        st.session_state[RECOMMENDATIONS_REMOVE_CHOICE] = None
    remove_column.selectbox(
        "Take an item out of the plan",
        plan_ids,
        key=RECOMMENDATIONS_REMOVE_CHOICE,
        placeholder="Choose an item",
        format_func=partial(planner.remove_label, plan_labels),
    )
    button_column.button("Take out", key=RECOMMENDATIONS_REMOVE, on_click=_take_out, width="stretch")
    empty_column.button(
        "Clear the plan",
        key=RECOMMENDATIONS_EMPTY_PLAN,
        on_click=session.clear_plan,
        args=(dataset,),
        width="stretch",
        help="Takes every item out of your plan. What you typed for an item comes back if you add it again.",
    )
