"""Recommendations planner: filter by audience, see why each recommendation exists, leave with an action plan."""

import streamlit as st

from components import recommendations as planner
from components import recommendations_view as planner_view
from components.ui import frame as ui
from components.ui import session, view_cache

dataset = ui.page_start("Recommendations planner")
# Reasons, pick lists and grouping are built once per dataset, not on every rerun.
view = view_cache.view(dataset, "recommendations planner", planner.planner_view)
recommendations = dataset.recommendations

chosen = planner_view.filters(dataset, view)
matches = planner.filter_recommendations(
    dataset, chosen.audiences, chosen.barriers, chosen.elements, chosen.query, view.reasons
)
plan_ids = session.plan_ids(dataset)

# --- What matches
if recommendations.empty:
    st.info(
        "This dataset has no recommendations, so there is nothing to plan from yet. Add a recommendations.csv "
        "(recommendation_id, audience, text) on the Your data page, or return to the bundled study."
    )
    st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")
else:
    summary = planner.match_summary(len(matches), len(recommendations), chosen.audiences)
    st.markdown(f"**{summary}**{planner.plan_note(len(plan_ids))}")
    planner_view.actions(matches["recommendation_id"].astype(str).tolist(), plan_ids, chosen.active)
    if matches.empty:
        st.info(planner.no_match_message(len(recommendations)))

page = planner_view.page_number(planner.page_count(len(matches)))
in_plan = set(plan_ids)
for recommendation in planner.page_slice(matches, page).to_dict("records"):
    recommendation_id = str(recommendation["recommendation_id"])
    card = planner.card(recommendation, view.by_recommendation.get(recommendation_id, ()))
    planner_view.recommendation_card(card, recommendation_id in in_plan)

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
    table, edited = planner_view.plan_editor(dataset, plan_ids)
    planner_view.plan_downloads(dataset, edited)
    planner_view.plan_removal(dataset, plan_ids, table)

ui.page_end(dataset)
