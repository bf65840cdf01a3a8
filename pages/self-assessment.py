"""Self-assessment: a team rates its own collaboration against the findings, sees its weakest areas
first and leaves with the recommendations that answer them. Answers stay in this browser session."""

import streamlit as st

from components.assessment import draw as sections
from components.assessment import items as assessment_items
from components.assessment import recommendation_map
from components.keep import draw as keep_draw
from components.shared.session_keys import ASSESSMENT_AUDIENCE, ASSESSMENT_CLEAR
from components.shared.text import escape_markdown
from components.ui import frame as ui
from components.ui import session, url_state

dataset = ui.page_start(
    "Self-assessment: how well does your service collaborate?",
    "Rate your service against what the study found hinders and helps collaboration. You get a score for "
    "each area, your weakest areas first, and the recommendations that answer them.",
)
item_set = sections.items_view(dataset)
items = item_set.items

st.info(assessment_items.reflection_note(dataset.study, dataset.name), icon=":material/info:")
if item_set.derived and not items.empty:
    st.info(assessment_items.DERIVED_NOTE, icon=":material/auto_awesome:")
for note in item_set.notes:
    st.warning(escape_markdown(note))

if items.empty:
    st.warning(assessment_items.NOTHING_TO_RATE)
    st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")
else:
    keep_draw.reopen_assessment(dataset, items["item_id"].tolist())  # a private link (?assessment=ID)
    # Filled after the form, so the count includes the click that caused this run.
    form_heading = st.empty()
    answers = sections.rating_form(dataset, item_set, session.assessment_answers(items["item_id"]))
    form_heading.markdown(assessment_items.form_heading(len(answers), len(items)))
    session.save_assessment_answers(answers)
    st.button(
        "Clear all answers",
        key=ASSESSMENT_CLEAR,
        on_click=session.reset_assessment_answers,
        args=(items["item_id"].tolist(),),
        icon=":material/restart_alt:",
    )

    st.header("2. Your results")
    all_audiences = recommendation_map.ALL_AUDIENCES
    audiences = [
        all_audiences,
        *sections.audiences_view(dataset),
    ]
    url_state.notice_dropped(
        {"Audience": url_state.seed_single(ASSESSMENT_AUDIENCE, "audience", audiences, all_audiences)}
    )
    if len(audiences) > 1:
        st.selectbox(
            "Show recommendations for",
            audiences,
            format_func=recommendation_map.audience_label,
            key=ASSESSMENT_AUDIENCE,
            help="Who the study addresses each recommendation to. Each recommendation names its audience.",
        )
    audience = st.session_state[ASSESSMENT_AUDIENCE] or all_audiences
    mapping = sections.recommendation_map_view(dataset)
    sections.results_section(dataset, sections.assessment_results(dataset, items, answers, mapping, audience))
    url_state.write_url({"audience": audience or None})

    sections.answers_file_section(dataset, items, answers)
    keep_draw.keep_assessment_button(dataset, answers)

ui.page_end(dataset)
