"""Recommendations planner: filter by audience, see why each recommendation exists, leave with an action plan."""

from components.recommendations import draw as planner_view
from components.recommendations import planner
from components.ui import frame as ui

dataset = ui.page_start("Recommendations planner")
view = planner_view.planner_view(dataset)

chosen = planner_view.filters(dataset, view)
matches = planner.filter_recommendations(
    dataset, chosen.audiences, chosen.barriers, chosen.elements, chosen.query, view.reasons
)
# What matches, the cards and the action plan: a tick reruns only this part (a fragment), not the filters.
planner_view.results_and_plan(dataset, view, chosen, matches)

ui.page_end(dataset)
