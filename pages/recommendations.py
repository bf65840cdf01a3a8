"""Recommendations planner: filter by audience, see why each recommendation exists, leave with an action plan."""

from functools import partial

import streamlit as st

from components import plan_documents
from components import recommendations as planner
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import url_state
from components.ui.badges import inferred_badge
from components.ui.session_keys import ACTION_PLAN, ACTION_PLAN_DETAILS

AUDIENCE_KEY = "recommendations_audience"
BARRIER_KEY = "recommendations_barrier"
ELEMENT_KEY = "recommendations_element"
QUERY_KEY = "recommendations_query"
PAGE_KEY = "recommendations_page"
PICK_PREFIX = "recommendations_pick_"
REMOVE_KEY = "recommendations_remove_choice"
FILTER_KEYS = (AUDIENCE_KEY, BARRIER_KEY, ELEMENT_KEY)


def set_in_plan(recommendation_id: str) -> None:
    """A tick or untick beside a recommendation: the shared plan list is the truth, the checkbox follows it."""
    include = bool(st.session_state.get(PICK_PREFIX + recommendation_id))
    st.session_state[ACTION_PLAN] = planner.toggle_plan(st.session_state.get(ACTION_PLAN), recommendation_id, include)


def remove_from_plan() -> None:
    chosen = st.session_state.get(REMOVE_KEY)
    if chosen:
        st.session_state[ACTION_PLAN] = planner.toggle_plan(st.session_state.get(ACTION_PLAN), chosen, False)
    st.session_state[REMOVE_KEY] = None


def clear_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state[key] = []
    st.session_state[QUERY_KEY] = ""


def add_all_shown(shown_ids: list[str]) -> None:
    plan, added = planner.add_all_to_plan(st.session_state.get(ACTION_PLAN), shown_ids)
    st.session_state[ACTION_PLAN] = plan
    already = len(shown_ids) - len(added)
    st.toast(f"Added {len(added)} to your plan" + (f"; {already} were already in it." if already else "."))


def clear_plan(ids: list[str]) -> None:
    st.session_state[ACTION_PLAN] = planner.clear_plan(st.session_state.get(ACTION_PLAN), ids)


dataset = ui.page_start("Recommendations planner")
reason_frame = planner.reasons(dataset)
recommendations = dataset.recommendations

# --- Filters: the audience first, because a team lead starts from "what is meant for my service?"
audience_options = dataset.audiences
barrier_options = planner.barrier_options(dataset, reason_frame)
barrier_labels = planner.barrier_labels(dataset, barrier_options)
element_options = planner.element_options(dataset)
dropped = {
    "audience": url_state.seed_multi(AUDIENCE_KEY, "audience", audience_options, []),
    "barrier": url_state.seed_multi(BARRIER_KEY, "barrier", barrier_options, []),
    "Communities of Practice element": url_state.seed_multi(ELEMENT_KEY, "element", element_options, []),
}
url_state.seed_text(QUERY_KEY, "q", max_chars=planner.MAX_QUERY_CHARS)

st.multiselect(
    "Who are you planning for? Choose your audience",
    audience_options,
    key=AUDIENCE_KEY,
    placeholder="All audiences" if audience_options else "No recommendations in this dataset",
    disabled=not audience_options,
    help="The study addresses its recommendations to these audiences. Choose one or more; leave empty for all.",
)
barrier_column, element_column, search_column = st.columns([4, 3, 3], gap="medium")
barrier_column.multiselect(
    "Barrier or view it addresses",
    barrier_options,
    key=BARRIER_KEY,
    format_func=lambda finding_id: barrier_labels.get(finding_id, finding_id),
    placeholder="Any barrier" if barrier_options else "No links recorded",
    disabled=not barrier_options,
    help="Through this app's links between recommendations and the study's findings.",
)
element_column.multiselect(
    "Communities of Practice",
    element_options,
    key=ELEMENT_KEY,
    format_func=str.capitalize,
    placeholder="Any element" if element_options else "None recorded",
    disabled=not element_options,
    help=ui.glossary_help(dataset, "Communities of Practice"),
)
search_column.text_input(
    "Search the recommendations",
    key=QUERY_KEY,
    max_chars=planner.MAX_QUERY_CHARS,
    placeholder="e.g. supervision, training",
)
url_state.notice_dropped(dropped)

audiences = st.session_state[AUDIENCE_KEY]
barriers = st.session_state[BARRIER_KEY]
elements = st.session_state[ELEMENT_KEY]
query = st.session_state[QUERY_KEY]
url_state.write_url({"audience": audiences, "barrier": barriers, "element": elements, "q": query.strip()})

matches = planner.filter_recommendations(dataset, audiences, barriers, elements, query, reason_frame)
plan_ids = planner.known_plan(dataset, st.session_state.get(ACTION_PLAN))
in_plan = set(plan_ids)

# --- What matches
if recommendations.empty:
    st.info(
        "This dataset has no recommendations, so there is nothing to plan from yet. Add a recommendations.csv "
        "(recommendation_id, audience, text) on the Your data page, or return to the bundled study."
    )
    st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")
else:
    plan_note = (
        f" Your plan has **{len(plan_ids)}** — see [your action plan](#your-action-plan) below."
        if plan_ids
        else " Tick **In my plan** to add one to your action plan."
    )
    st.markdown(f"**{planner.match_summary(len(matches), len(recommendations), audiences)}**{plan_note}")
    actions = st.container(horizontal=True, gap="small")
    match_ids = matches["recommendation_id"].astype(str).tolist()
    if match_ids:
        all_in = in_plan.issuperset(match_ids)
        actions.button(
            "All shown are in your plan" if all_in else f"Add all {len(match_ids)} shown to my plan",
            key="recommendations_add_all",
            on_click=add_all_shown,
            args=(match_ids,),
            disabled=all_in,
            icon=":material/playlist_add:",
            help="Adds every recommendation your filters show, on every page of results, to your action plan.",
        )
    if audiences or barriers or elements or query.strip():
        actions.button("Clear filters", key="recommendations_clear", on_click=clear_filters)

if not recommendations.empty and matches.empty:
    st.info(
        "No recommendation matches all of these filters. Try removing the barrier or element filter, "
        "searching for a shorter word, or choosing another audience — or clear the filters to see all "
        f"{len(recommendations)}."
    )

pages = planner.page_count(len(matches))
if pages > 1:
    if st.session_state.get(PAGE_KEY) not in range(1, pages + 1):
        st.session_state[PAGE_KEY] = 1
    st.selectbox(
        f"Page (of {pages}, {planner.PAGE_SIZE} recommendations each)", list(range(1, pages + 1)), key=PAGE_KEY
    )
shown = planner.page_slice(matches, st.session_state.get(PAGE_KEY, 1) if pages > 1 else 1)

for recommendation in shown.to_dict("records"):
    recommendation_id = str(recommendation["recommendation_id"])
    own = reason_frame.loc[reason_frame["recommendation_id"] == recommendation_id]
    addressed = own.loc[own["relation"] == planner.ADDRESSES]
    linked = own.loc[own["relation"] != planner.ADDRESSES]
    with st.container(border=True):
        text_column, pick_column = st.columns([6, 1], vertical_alignment="top")
        badges = [f":gray-badge[For {escape_markdown(recommendation['audience'])}]"]
        if recommendation.get("cop_element"):
            badges.append(f":gray-badge[{escape_markdown(str(recommendation['cop_element']).capitalize())}]")
            if recommendation.get("basis") == "inferred":
                badges.append(inferred_badge("element inferred"))
        text_column.markdown(f"**{escape_markdown(recommendation['text'])}**")
        text_column.markdown(" ".join(badges) + f" · `{escape_markdown(recommendation_id)}`")
        # The shared plan list decides the tick, so ids added on the self-assessment page show as ticked here.
        st.session_state[PICK_PREFIX + recommendation_id] = recommendation_id in in_plan
        pick_column.checkbox(
            "In my plan", key=PICK_PREFIX + recommendation_id, on_change=set_in_plan, args=(recommendation_id,)
        )
        if not addressed.empty:
            lines = [
                f"- {escape_markdown(planner.reason_label(item))}"
                f"{' ' + inferred_badge('link inferred') if item['link_basis'] == 'inferred' else ''}"
                for item in addressed.to_dict("records")
            ]
            st.markdown("**Why — what it addresses:**\n" + "\n".join(lines))
        if not linked.empty:
            lines = [
                f"- {escape_markdown(planner.reason_label(item))}"
                f"{' ' + inferred_badge('link inferred') if item['link_basis'] == 'inferred' else ''}"
                for item in linked.to_dict("records")
            ]
            st.markdown("**It builds on what helps:**\n" + "\n".join(lines))
        if own.empty:
            st.markdown("_No links to the study's findings are recorded for this recommendation._")
        own_quote = str(recommendation.get("evidence") or "")
        has_own_quote = own_quote.strip() and own_quote.strip() != str(recommendation["text"]).strip()
        if not own.empty or has_own_quote or recommendation.get("source"):
            with st.expander(f"The evidence behind it ({len(own)} finding{'s' if len(own) != 1 else ''})"):
                if has_own_quote:
                    ui.show_quote(own_quote, recommendation.get("source"), recommendation_id)
                elif recommendation.get("source"):
                    st.markdown(f"Recommendation source: {escape_markdown(recommendation['source'])}")
                for item in own.to_dict("records"):
                    relation = "Addresses" if item["relation"] == planner.ADDRESSES else "Builds on"
                    st.markdown(
                        f"**{relation}:** {escape_markdown(item['statement'])} "
                        f":gray-badge[{escape_markdown(item['group'])}] `{escape_markdown(item['finding_id'])}`"
                    )
                    ui.show_quote(item["evidence"], item["source"], item["finding_id"], f"finding {item['finding_id']}")
                    if item["note"]:
                        inferred = " (inferred)" if item["link_basis"] == "inferred" else ""
                        st.markdown(f"Why this app links them{inferred}: {escape_markdown(item['note'])}")

# --- The plan: edit who does what by when, then take it away
st.header("Your action plan", anchor="your-action-plan")
if not plan_ids:
    st.info(
        "Your plan is empty. Tick **In my plan** beside a recommendation above to add it; then fill in "
        "the owner, due date, first step and notes here and download the plan."
    )
else:
    st.markdown(
        "Fill in who owns each item, when it is due and the first step. The plan lives in this browser "
        "session only: download it before you close the tab."
    )
    table = planner.plan_table(dataset, plan_ids, st.session_state.get(ACTION_PLAN_DETAILS))
    edited = st.data_editor(
        planner.editor_table(table),
        key=f"recommendations_plan_editor_{planner.plan_signature(plan_ids)}",
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
    st.session_state[ACTION_PLAN_DETAILS] = planner.update_details(st.session_state.get(ACTION_PLAN_DETAILS), edited)

    citation = ui.citation_text(dataset)
    # Each file is built when its button is clicked, not on every rerun: a PDF takes about a second.
    download_columns = st.columns(2, gap="medium") + st.columns(2, gap="medium")
    for column, download in zip(download_columns, plan_documents.DOWNLOADS, strict=True):
        column.download_button(
            download.label,
            data=partial(download.build, dataset, edited, citation),
            file_name=download.file_name,
            mime=download.mime,
            key=f"recommendations_download_{download.key}",
            on_click="ignore",
            icon=download.icon,
            width="stretch",
        )
    remove_column, button_column, empty_column = st.columns([3, 1, 1.3], vertical_alignment="bottom")
    plan_labels = dict(zip(table["recommendation_id"], table["recommendation"], strict=True))
    if st.session_state.get(REMOVE_KEY) not in plan_ids:
        st.session_state[REMOVE_KEY] = None
    remove_column.selectbox(
        "Take an item out of the plan",
        plan_ids,
        key=REMOVE_KEY,
        placeholder="Choose an item",
        format_func=lambda item: f"{item}: {planner.short_label(plan_labels.get(item, ''), 70)}",
    )
    button_column.button("Take out", key="recommendations_remove", on_click=remove_from_plan, width="stretch")
    empty_column.button(
        "Clear the plan",
        key="recommendations_empty",
        on_click=clear_plan,
        args=(plan_ids,),
        width="stretch",
        help="Takes every item out of your plan. What you typed for an item comes back if you add it again.",
    )

ui.page_end(dataset)
