"""Compare: two groups' themes side by side, who each says collaboration is with, and the words behind a theme."""

import streamlit as st

from components.compare import draw as show
from components.compare.figures import PHONE_LINE_CHARS, PROJECTOR_CHART_HEIGHT, THEME_CHART_MIN_WIDTH
from components.compare.labels import category_label, chosen_groups
from components.compare.view import CATEGORIES, group_notice
from components.shared import session_keys as keys
from components.shared.citation import chart_source
from components.ui import charts, url_state, viewport
from components.ui import frame as ui

# Wide enough for a group's name; the two pickers and the categories share one row at 1280 px.
CONTROL_WIDTH = 150

# No intro paragraph: the first chart has to fit a 1280x720 projector without scrolling.
dataset = ui.page_start("Compare perspectives")
# Static CSS, no data: less space above the title, so the first chart fits a 1280x720 projector whole.
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>")
choice = show.group_choice(dataset)
pickable = list(choice.pickable)
dropped = {
    "Group": url_state.seed_single(keys.COMPARE_LEFT, "left", pickable, choice.default_left)
    + url_state.seed_single(keys.COMPARE_RIGHT, "right", pickable, choice.default_right),
    "Category": url_state.seed_single(keys.COMPARE_CATEGORY, "category", CATEGORIES, CATEGORIES[0]),
}

# One row that wraps on a phone: a horizontal container is one element where columns are one per control.
with st.container(key=keys.COMPARE_CONTROLS, horizontal=True, vertical_alignment="bottom", gap="small"):
    if len(pickable) >= 2:
        # Labels stay for screen readers; the line above the chart says what is compared, in fewer pixels.
        st.selectbox(
            "Compare group", pickable, key=keys.COMPARE_LEFT, label_visibility="collapsed", width=CONTROL_WIDTH
        )
        st.selectbox("With group", pickable, key=keys.COMPARE_RIGHT, label_visibility="collapsed", width=CONTROL_WIDTH)
    st.segmented_control(
        "Category",
        CATEGORIES,
        format_func=category_label,
        key=keys.COMPARE_CATEGORY,
        required=True,
        label_visibility="collapsed",
        wrap=True,
        width="content",
    )
left, right = st.session_state[keys.COMPARE_LEFT], st.session_state[keys.COMPARE_RIGHT]
category = st.session_state[keys.COMPARE_CATEGORY] or CATEGORIES[0]
notice = group_notice(choice.pickable, left, right)
# Always drawn, empty or not: a note coming and going must not shift the charts below it, which would make
# the browser draw them from scratch.
with st.container(key=keys.COMPARE_NOTICE):
    if notice:
        st.info(notice)

# Counts, sentences, tables and figures are built once per dataset and view (components.ui.view_cache).
view = show.page_view(dataset, category, tuple(chosen_groups(left, right)))
comparison = view.comparison
dropped["Theme"] = url_state.seed_single(keys.COMPARE_THEME, "theme", comparison.themes, None)
url_state.notice_dropped(dropped)

chart_side, partner_side = st.columns([2, 1], gap="medium")
with chart_side:
    if comparison.is_empty:
        st.info(view.empty_message)
    else:
        st.markdown(view.heading)
        # On a phone the groups' panels stack, as wide as the screen, instead of scrolling sideways.
        phone = viewport.is_phone(keys.VIEWPORT_REPORTER)
        charts.chart(
            show.theme_chart(dataset, view, st.session_state[keys.COMPARE_THEME], phone),
            cached_figure=True,
            key=keys.COMPARE_CHART,
            title=f"{view.label}: statements by theme",
            source=chart_source(dataset),
            # What is left of a 1280x720 projector under the page's controls: the whole chart stays in view.
            max_height=None if phone else PROJECTOR_CHART_HEIGHT,
            line_chars=PHONE_LINE_CHARS if phone else 60,
            phone_min_width=None if phone else THEME_CHART_MIN_WIDTH,
            on_select=show.open_clicked_theme,
            selection_mode="points",
            theme=None,
            alt=view.theme_summary,
        )
        if view.more_themes:
            st.markdown(view.more_themes)
        charts.text_alternative(
            view.theme_summary, view.theme_table, key=keys.COMPARE_THEMES_TABLE, box_key=keys.COMPARE_THEMES_TABLE_BOX
        )

with partner_side:
    # A fragment: a click on a cell, a pick or its image format reruns only this column.
    show.partner_panel(dataset, view)

if not comparison.is_empty:
    st.markdown("#### Read the evidence behind a theme")
    theme = st.selectbox(
        "Theme",
        comparison.themes,
        key=keys.COMPARE_THEME,
        placeholder="Click a bar above, or choose a theme here",
        help="Themes are this app's coding of the source; inferred theme names are marked.",
    )
    if theme:
        words = show.theme_words(dataset, category, theme, tuple(comparison.panels))
        show.show_words(words)
        # Opened only on the run straight after a click, so the words appear where the user is looking.
        if st.session_state.pop(keys.COMPARE_CLICKED_THEME, None) == theme:
            show.words_dialog(words)
st.session_state.pop(keys.COMPARE_CLICKED_THEME, None)

url_state.write_url(
    {"left": left, "right": right, "category": category, "theme": st.session_state.get(keys.COMPARE_THEME) or None}
)
ui.page_end(dataset)
