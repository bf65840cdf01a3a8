"""Self-assessment: a team rates its own collaboration against the findings, sees its weakest areas
first and leaves with the recommendations that answer them. Answers stay in this browser session."""

import datetime as dt

import pandas as pd
import streamlit as st

from components import assessment
from components.data.exports import safe_csv_bytes
from components.data.model import DatasetError
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import url_state, view_cache
from components.ui.badges import inferred_badge
from components.ui.session_keys import ACTION_PLAN, ASSESSMENT_ANSWERS, ASSESSMENT_CLICKED_THEME

KEY = "self_assessment"
FOCUS_AREAS = 2
CHART_KEY, AREA_KEY, AUDIENCE_KEY = f"{KEY}_chart", f"{KEY}_area", f"{KEY}_audience"

dataset = ui.page_start(
    "Self-assessment: how well does your service collaborate?",
    "Rate your service against what the study found hinders and helps collaboration. You get a score for "
    "each area, your weakest areas first, and the recommendations that answer them.",
)
item_set = view_cache.view(
    dataset, "assessment items", lambda data: assessment.build_items(data.findings, data.assessment_items)
)
items = item_set.items

st.info(
    "**A prompt for reflection, not a measurement.** These statements are derived from "
    f"{escape_markdown(assessment.source_description(dataset.study, dataset.name))}. They have not been "
    "tested as a measure. Scores are the mean of your own ratings, out of 2 (fully in place = 2, partly "
    "= 1, not in place = 0; don't know is left out): they are not percentages of people. Your answers "
    "stay in this browser session; download them to keep a record.",
    icon=":material/info:",
)
if item_set.derived and not items.empty:
    st.info(
        "This dataset has no self-assessment statements of its own, so they were derived from its barrier "
        "and enabler findings: each enabler as “In our service: …” and each barrier as “In our service this "
        "barrier has been overcome: …”. Each keeps the id of the finding it comes from.",
        icon=":material/auto_awesome:",
    )
for note in item_set.notes:
    st.warning(escape_markdown(note))


def reset_answers() -> None:
    """Forget every rating, including the widgets' own state, before the form is drawn again."""
    st.session_state[ASSESSMENT_ANSWERS] = {}
    for item_id in items["item_id"]:
        st.session_state.pop(f"{KEY}_rating_{item_id}", None)


def rating_form(answers: dict[str, str]) -> dict[str, str]:
    """One radio per statement, grouped by theme, with the finding's evidence a click away."""
    findings = dataset.findings.set_index(dataset.findings["finding_id"].astype(str), drop=False)
    updated: dict[str, str] = {}
    for theme in item_set.themes:
        with st.container(border=True):
            st.subheader(escape_markdown(theme))
            for item in items.loc[items["theme"] == theme].itertuples():
                key = f"{KEY}_rating_{item.item_id}"
                # Widget state is dropped when the user visits another page; the answers dict outlives it.
                if key not in st.session_state and item.item_id in answers:
                    st.session_state[key] = answers[item.item_id]
                statement, rating = st.columns([1, 1], gap="large", vertical_alignment="top")
                with statement:
                    st.markdown(f"**{escape_markdown(item.statement)}**")
                    if item.finding_id in findings.index:
                        with st.expander(f"Where this comes from ({escape_markdown(item.finding_id)})"):
                            if item.help:
                                st.markdown(f"_Why this statement:_ {escape_markdown(item.help)}")
                            ui.show_finding(findings.loc[item.finding_id])
                with rating:
                    choice = st.radio(
                        assessment.plain_label(item.statement),
                        options=assessment.RATINGS,
                        format_func=assessment.RATING_LABELS.get,
                        index=None,
                        horizontal=True,
                        key=key,
                        label_visibility="collapsed",
                    )
                if choice:
                    updated[item.item_id] = choice
    return updated


def show_recommendations(recommendations: pd.DataFrame) -> None:
    for rec in recommendations.itertuples():
        link_mark = " " + inferred_badge("inferred link") if rec.link_basis == "inferred" else ""
        # Most recommendations are the source's own words: then the source line is the evidence.
        verbatim = rec.evidence and rec.evidence == rec.text
        source = f" · verbatim from {escape_markdown(rec.source)}" if verbatim and rec.source else ""
        st.markdown(
            f"**{escape_markdown(rec.text)}**{ui.basis_badge(rec.basis, 'Communities of Practice element')}  \n"
            f":gray-badge[For: {escape_markdown(rec.audience)}] `{escape_markdown(rec.recommendation_id)}`{source}  \n"
            f"Why it is here: {escape_markdown(rec.why)}.{link_mark}"
        )
        if not verbatim:
            with st.expander(f"Source passage for {escape_markdown(rec.recommendation_id)}"):
                ui.show_quote(rec.evidence, rec.source, rec.recommendation_id)


def show_area(
    scored: pd.DataFrame, row: pd.Series, mapping: assessment.RecommendationMap, audience: str
) -> pd.DataFrame:
    """One area: its score, the statements that are gaps, and the recommendations for the chosen audience
    that answer them."""
    gaps = scored.loc[(scored["theme"] == row["theme"]) & scored["rating"].isin(assessment.GAP_RATINGS)]
    counts = f"{assessment.plural(int(row['rated']), 'statement')} rated" + (
        f", {row['dont_know']} don't know" if row["dont_know"] else ""
    )
    st.markdown(f"Score: **{assessment.format_score(row['score'])}** ({counts}).")
    if gaps.empty:
        st.markdown("Every rated statement in this area is fully in place.")
        return pd.DataFrame(columns=["recommendation_id"])
    st.markdown("**Where you are not there yet:**")
    for gap in gaps.itertuples():
        st.markdown(f"- {escape_markdown(gap.statement)} — _{assessment.RATING_LABELS[gap.rating].lower()}_")
    every_audience = assessment.area_recommendations(scored, row["theme"], mapping)
    if every_audience.empty:
        st.markdown("No recommendation in this dataset is linked to these statements' findings.")
        return every_audience
    recommendations = assessment.for_audience(every_audience, audience)
    hidden = len(every_audience) - len(recommendations)
    if recommendations.empty:
        st.markdown(
            f"None of the {assessment.plural(hidden, 'recommendation')} for this area is for "
            f"{escape_markdown(audience)}. Choose “All audiences” above to see them."
        )
        return recommendations
    for_whom = f" for {escape_markdown(audience)}" if audience else ""
    st.markdown(f"**Recommendations{for_whom} that answer this area ({len(recommendations)}):**")
    show_recommendations(recommendations)
    if hidden:
        st.markdown(
            f"{assessment.plural(hidden, 'more recommendation', 'more recommendations')} for this area "
            f"{'is' if hidden == 1 else 'are'} for other audiences."
        )
    return recommendations


def open_clicked_area() -> None:
    # Runs before the rerun a dot click starts, so the area pick-list can take the clicked area.
    picked = assessment.theme_from_selection(st.session_state.get(CHART_KEY))
    if picked:
        st.session_state[AREA_KEY] = picked
        st.session_state[ASSESSMENT_CLICKED_THEME] = picked


def open_picked_area() -> None:
    # The pick-list is the keyboard's way to an area: choosing one opens the same box a click does.
    if st.session_state.get(AREA_KEY):
        st.session_state[ASSESSMENT_CLICKED_THEME] = st.session_state[AREA_KEY]


def show_passages(scored: pd.DataFrame, theme: str) -> None:
    """An area's statements, your rating of each and the source passage of the finding it comes from."""
    findings = dataset.findings.set_index(dataset.findings["finding_id"].astype(str), drop=False)
    for passage in assessment.theme_passages(scored, dataset.findings, theme).itertuples():
        with st.container(border=True):
            st.markdown(
                f"**{escape_markdown(passage.statement)}**  \nYour rating: {escape_markdown(passage.rating_label)}"
            )
            if passage.finding_id in findings.index:
                ui.show_finding(findings.loc[passage.finding_id])
            else:
                st.markdown(ui.quote_markdown(None, None))


@st.dialog("The source passages behind this area", width="large")
def passages_dialog(scored: pd.DataFrame, theme: str) -> None:
    st.markdown(f"#### {escape_markdown(theme)}")
    show_passages(scored, theme)


def results(answers: dict[str, str], audience: str) -> None:
    scored = assessment.score_items(items, answers)
    themes = assessment.theme_scores(scored)
    ranked = assessment.rank_themes(themes)
    if ranked.empty:
        st.markdown(
            "Rate at least one statement (other than don't know) to see your scores and the recommendations "
            "for your weakest areas."
        )
        return
    focus = assessment.weakest_themes(ranked, FOCUS_AREAS)
    mapping = view_cache.view(
        dataset,
        "assessment recommendation map",
        lambda data: assessment.build_recommendation_map(data.findings, data.recommendations, data.links),
    )
    unscored = themes.loc[themes["score"].isna(), "theme"].tolist()
    scores = ranked.set_index("theme")["score"]
    named = [f"{escape_markdown(theme)} ({assessment.format_score(scores[theme])})" for theme in focus]
    if named:
        label = "Your weakest area" if len(named) == 1 else "Your weakest areas"
        st.markdown(f"**{label}: {' and '.join(named)}.** The recommendations that answer them follow the chart.")
    else:
        st.markdown("**Every statement you rated is fully in place.** There is no weak area to act on.")
    st.markdown("Click a dot to read the source passages behind that area.")
    ui.chart(
        assessment.score_chart(ranked, focus),
        key=CHART_KEY,
        title="Your self-assessment: score per area",
        source=ui.chart_source(dataset),
        caveat="Scores are your own ratings of your service against the study's findings, not data from the study.",
        on_select=open_clicked_area,
        selection_mode="points",
        width="stretch",
    )
    ui.text_alternative(
        assessment.chart_summary(ranked, unscored), assessment.chart_table(ranked), key=f"{KEY}_chart_table"
    )
    if len(ranked) < len(themes):
        unranked = len(themes) - len(ranked)
        st.markdown(
            f"{assessment.plural(unranked, 'area has', 'areas have')} no rating yet and "
            f"{'is' if unranked == 1 else 'are'} not ranked."
        )
    area_themes = ranked["theme"].tolist()
    if st.session_state.get(AREA_KEY) not in area_themes:
        st.session_state[AREA_KEY] = None
    area = st.selectbox(
        "Read the source passages behind an area",
        area_themes,
        key=AREA_KEY,
        placeholder="Click a dot above, or choose an area here",
        on_change=open_picked_area,
    )
    if area:
        # Opened only on the run straight after a pick, so the passages appear where the user is looking.
        if st.session_state.pop(ASSESSMENT_CLICKED_THEME, None) == area:
            passages_dialog(scored, area)
        with st.expander(f"Source passages: {escape_markdown(area)}"):
            show_passages(scored, area)
    st.session_state.pop(ASSESSMENT_CLICKED_THEME, None)

    if focus:
        st.subheader("Your weakest area" if len(focus) == 1 else f"Your {len(focus)} weakest areas")
    area_frames = []
    for _, row in ranked.head(len(focus)).iterrows():
        with st.container(border=True):
            st.markdown(f"### {row['rank']}. {escape_markdown(row['theme'])}")
            area_frames.append(show_area(scored, row, mapping, audience))

    plan_ids = assessment.plan_ids(area_frames)
    if plan_ids:
        label = (
            "Add this recommendation to my action plan"
            if len(plan_ids) == 1
            else f"Add these {len(plan_ids)} recommendations to my action plan"
        )
        if st.button(label, type="primary", key=f"{KEY}_add_to_plan", icon=":material/playlist_add:"):
            plan, added = assessment.add_to_plan(st.session_state.get(ACTION_PLAN), plan_ids)
            st.session_state[ACTION_PLAN] = plan
            already = len(plan_ids) - len(added)
            message = f"Added {assessment.plural(len(added), 'recommendation')} to your action plan"
            message += f"; {already} already there." if already else "."
            st.success(message)
    in_plan = len(st.session_state.get(ACTION_PLAN) or [])
    if in_plan:
        st.markdown(f"Your action plan holds {assessment.plural(in_plan, 'recommendation')}.")
    st.page_link(
        "pages/recommendations.py",
        label="Open your action plan in the Recommendations planner",
        icon=":material/checklist:",
    )

    others = ranked.iloc[len(focus) :]
    if not others.empty:
        st.subheader("Your other areas")
        for _, row in others.iterrows():
            title = f"{row['rank']} · {escape_markdown(row['theme'])}: {assessment.format_score(row['score'])}"
            with st.expander(title):
                show_area(scored, row, mapping, audience)


def over_time(answers: dict[str, str]) -> None:
    today = dt.date.today()
    st.markdown(
        "Download your answers to keep them: nothing is stored on the server. Next time, upload that file "
        "here to see what changed."
    )
    st.download_button(
        "Download your answers (CSV)",
        data=safe_csv_bytes(assessment.answers_frame(items, answers, today)),
        file_name=assessment.answers_file_name(today),
        mime="text/csv",
        key=f"{KEY}_download",
        icon=":material/download:",
        disabled=not answers,
        help=None if answers else "Rate at least one statement first.",
    )
    uploaded = st.file_uploader("Upload an earlier answers file to compare", type=["csv"], key=f"{KEY}_earlier")
    if uploaded is None:
        return
    try:
        earlier = assessment.read_answers(uploaded.name, uploaded.getvalue(), items)
    except DatasetError as error:
        lines = "\n".join(f"- {escape_markdown(problem)}" for problem in error.problems[:50])
        more = f"\n- … and {len(error.problems) - 50} more" if len(error.problems) > 50 else ""
        st.error(
            f"**This answers file could not be read.** Fix these and upload it again:\n\n{lines}{more}",
            icon=":material/error:",
        )
        return
    for note in earlier.notes:
        st.markdown(escape_markdown(note))
    when = f"from {escape_markdown(earlier.assessed_on)}" if earlier.assessed_on else "in the file"
    st.markdown(f"**What changed since the answers {when}:**")
    for change in assessment.theme_changes(items, earlier.answers, answers).itertuples():
        before = assessment.format_score(change.earlier)
        now = assessment.format_score(change.now)
        st.markdown(
            f"- **{escape_markdown(change.theme)}**: {before} then, {now} now "
            f"({assessment.describe_change(change.change)})"
        )
    item_changes = assessment.item_changes(items, earlier.answers, answers)
    moved = item_changes.loc[item_changes["change"].isin(["better", "worse"])]
    if moved.empty:
        st.markdown("No statement's rating went up or down.")
    else:
        st.markdown("**Statements whose rating moved:**")
        for row in moved.itertuples():
            then = assessment.RATING_LABELS[row.earlier].lower()
            now = assessment.RATING_LABELS[row.now].lower()
            st.markdown(f"- {row.change.capitalize()}: {escape_markdown(row.statement)} ({then} → {now})")
    with st.expander("Every statement, then and now"):
        st.dataframe(item_changes, hide_index=True, width="stretch", key=f"{KEY}_changes_table")


if items.empty:
    st.warning(
        "This dataset has no self-assessment statements and no barrier or enabler findings to derive them "
        "from. Add findings with the category 'barrier' or 'enabler' to your data, or return to the bundled "
        "study, to use this page."
    )
    st.page_link("pages/your-data.py", label="Go to Your data", icon=":material/upload_file:")
else:
    known_items = set(items["item_id"])
    stored = st.session_state.get(ASSESSMENT_ANSWERS) or {}
    answers = {item_id: rating for item_id, rating in stored.items() if item_id in known_items}

    st.header("1. Rate your service")
    st.markdown(
        "For each statement, choose how far it is true of your service today. Open “Where this comes from” "
        "to read the study's own words."
    )
    # Filled after the form, so the count includes the click that caused this run.
    progress = st.empty()
    answers = rating_form(answers)
    progress.markdown(f"**{len(answers)} of {len(items)} statements rated.**")
    st.session_state[ASSESSMENT_ANSWERS] = answers
    st.button("Clear all answers", key=f"{KEY}_clear", on_click=reset_answers, icon=":material/restart_alt:")

    st.header("2. Your results")
    audiences = [assessment.ALL_AUDIENCES, *assessment.audiences_of(dataset.recommendations)]
    url_state.notice_dropped(
        {"Audience": url_state.seed_single(AUDIENCE_KEY, "audience", audiences, assessment.ALL_AUDIENCES)}
    )
    if len(audiences) > 1:
        st.selectbox(
            "Show recommendations for",
            audiences,
            format_func=assessment.audience_label,
            key=AUDIENCE_KEY,
            help="Who the study addresses each recommendation to. Each recommendation names its audience.",
        )
    results(answers, st.session_state[AUDIENCE_KEY] or assessment.ALL_AUDIENCES)
    url_state.write_url({"audience": st.session_state[AUDIENCE_KEY] or None})

    st.header("3. Keep a record and see what changed")
    over_time(answers)

ui.page_end(dataset)
