"""Drawing one slide of components.present.deck in Streamlit, for the single window, the presenter and the projector.

Present draws in four modules because it has three windows: this one draws a slide and the reveal button for
all of them, draw_single_window.py the one-tab presentation, draw_rooms.py the presenter and projector windows
of a room, and draw_keys.py the clicker keys, timer and full-screen button (custom components).

Every text on a slide is data and is escaped before it reaches Markdown. The containers carry stable
keys (`present_slide`, `present_sources`, …) that the present page's stylesheet sizes for a projector.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import streamlit as st

from components.present import slide_model
from components.present.deck import build_deck
from components.shared import session_keys as keys
from components.shared.text import escape_markdown
from components.ui import quotes, view_cache

# The deck is built once per dataset, not on every slide step (on a 100x dataset it took 1.5 s a run), and
# shared by every session on the bundled study (components.ui.view_cache). Slides are never changed here.
deck_view = view_cache.cached_view(build_deck)


def _point_markdown(point: slide_model.Point) -> str:
    label = f"**{escape_markdown(point.label)}:** " if point.label else ""
    tag = f" :gray-badge[{escape_markdown(point.tag)}]" if point.tag else ""
    return f"{label}{escape_markdown(point.text)}{tag}{quotes.basis_badge('inferred' if point.inferred else '')}"


def bullets(points: tuple[slide_model.Point, ...]) -> str:
    lines = []
    for point in points:
        lines.append(f"- {_point_markdown(point)}")
        lines += [f"    - {_point_markdown(child)}" for child in point.children]
    return "\n".join(lines)


def quote(passage: slide_model.Quote) -> str:
    """A verbatim passage and its source in one compact block (the slide has little room)."""
    source = escape_markdown(passage.source) or "source not given"
    return f"> “{escape_markdown(passage.text)}”  \n> — {source}"


def _show_column(column: slide_model.Column) -> None:
    if column.heading:
        st.markdown(f"### {escape_markdown(column.heading)}")
    if column.body:
        st.markdown(escape_markdown(column.body))
    if column.points:
        st.markdown(bullets(column.points))


def show_slide(slide: slide_model.Slide, revealed: bool, reveal_button=None) -> None:
    """The slide's body under its title. `revealed`: a prompt shows its findings in place of its passage.

    `reveal_button`, when given, is drawn where the findings appear (the single window's Show/Hide button).
    """
    shown = slide.kind == "prompt" and revealed
    if slide.lead:
        with st.container(key="present_lead"):
            st.markdown(escape_markdown(slide.lead))
    # Once a prompt's findings are revealed they take the place of the passage, so the slide still fits.
    for passage in () if shown else slide.quotes:
        st.markdown(quote(passage))
    if len(slide.columns) == 1:
        _show_column(slide.columns[0])
    elif slide.columns:
        for column, content in zip(st.columns(len(slide.columns), gap="large"), slide.columns, strict=True):
            with column:
                _show_column(content)
    if slide.kind == "prompt" and slide.reveal and reveal_button is not None:
        reveal_button()
    if shown and slide.reveal:
        st.markdown(bullets(slide.reveal))
    if slide.more and (slide.kind != "prompt" or shown):
        st.markdown(f"And {slide.more} more not shown here: see the Explore findings page.")
    # A source already named under a quote on the slide is not named twice: the room reads it once, large.
    quoted = set() if shown else {passage.source for passage in slide.quotes}
    sources = tuple(source for source in slide.shown_sources(revealed=shown) if source not in quoted)
    if sources:
        with st.container(key="present_sources"):
            st.markdown("Sources: " + escape_markdown(slide_model.sources_line(sources)))


def notes_markdown(slide: slide_model.Slide) -> str:
    return f"**Speaker notes.** {escape_markdown(slide.notes) or 'No notes for this slide.'}"


def show_source_words(slide: slide_model.Slide) -> None:
    """The sources' own words behind the slide's points, folded away for the trainer to open."""
    passages = [slide_model.Quote(point.quote, point.source) for point in slide.points() if point.quote]
    passages += list(slide.note_quotes)
    if passages:
        with st.expander(f"The sources' own words ({len(passages)} passages)"):
            for passage in passages:
                st.markdown(quote(passage))


# The "next" pane shows a slide's first lines only, so the speaker notes under it stay in view.
PREVIEW_POINTS = 2


def show_preview(slide: slide_model.Slide) -> None:
    """A slide in brief for the presenter's "next" pane: its title and its first lines."""
    st.markdown(f"**{escape_markdown(slide.heading)}**")
    if slide.lead:
        st.markdown(escape_markdown(slide.lead))
        return
    points = [point for column in slide.columns for point in column.points]
    if points:
        shown = tuple(dataclasses.replace(point, children=()) for point in points[:PREVIEW_POINTS])
        rest = len(points) - len(shown)
        st.markdown(bullets(shown) + (f"\n- …and {rest} more" if rest else ""))


# ---------------------------------------------------------------------------------------------
# Stylesheets: static, never data. Every text on a slide is at least 24px, for the back of a room.

SLIDE_STYLE = """<style>
:root { --present-fit: 1; --present-pane-fit: 1; --present-notes-fit: 1; }
/* The title grows with the text (draw_autofit), always 16px larger than it. */
[data-testid="stMain"] h1 { font-size: calc(24px * var(--present-fit) + 16px); line-height: 1.15;
  padding-top: 0; padding-bottom: 0.25rem; }
.st-key-present_slide { overflow-wrap: anywhere; }
.st-key-present_slide [data-testid="stMarkdownContainer"] p,
.st-key-present_slide [data-testid="stMarkdownContainer"] li {
  font-size: calc(24px * var(--present-fit)); line-height: 1.35; color: #111827; }
.st-key-present_slide [data-testid="stMarkdownContainer"] li { margin-bottom: 0.2em; }
/* Badges (a tag, "inferred") are drawn smaller by Streamlit: on a slide they are as large as the line. */
.st-key-present_slide [data-testid="stMarkdownContainer"] :is(p, li) * { font-size: inherit !important; }
.st-key-present_slide [data-testid="stMarkdownContainer"] h3 { font-size: calc(30px * var(--present-fit));
  padding: 0.25em 0; }
.st-key-present_slide blockquote { border-left: 6px solid #111827; margin: 0; padding: 0 0 0 0.75rem; opacity: 1; }
.st-key-present_slide blockquote p { color: #1F2937; font-style: italic; }
.st-key-present_slide .st-key-present_lead [data-testid="stMarkdownContainer"] p {
  font-size: calc(28px * var(--present-fit)); line-height: 1.3; font-weight: 600; }
.st-key-present_slide .st-key-present_sources [data-testid="stMarkdownContainer"] p {
  font-size: 24px; color: #374151; }
.st-key-present_slide button p { font-size: 24px; }
.st-key-present_keys, .st-key-present_room_keys { display: none; }
[class*="st-key-present_fit"] { position: absolute; height: 0; overflow: hidden; }
</style>"""

# The single window: the slide with its controls under it, on the trainer's one screen.
SINGLE_STYLE = """<style>
/* Narrower side margins than Streamlit's wide layout: the controls' row needs the width (below). */
[data-testid="stMainBlockContainer"] { padding: 3.5rem 2rem 1.5rem; }
.st-key-present_slide { min-height: 510px; }
/* On a projector the controls stay in view at the foot of the window even when a slide runs long;
   on a phone they wrap to several rows, so there they scroll with the page. */
@media (min-width: 900px) and (min-height: 500px) {
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_controls) { position: sticky; bottom: 0; z-index: 10; }
}
.st-key-present_controls { background: #FFFFFF; padding: 0.5rem 0; border-top: 1px solid #9CA3AF; }
/* 16px and close together: the jump list takes the rest of the row and needs it to show whole titles
   (a long discussion prompt's, with its "(8 of 8)") with every control on one row. */
.st-key-present_controls { gap: 0.5rem; }
.st-key-present_controls p, .st-key-present_controls button { font-size: 16px; }
.st-key-present_notes_box { background: #F2F4F7; }
.st-key-present_notes_box [data-testid="stMarkdownContainer"] p { font-size: 20px; color: #111827; }
</style>"""

# The projector window: only the slide, edge to edge, with none of Streamlit's own chrome.
PROJECTOR_STYLE = """<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"], [data-testid="stBottom"] {
  display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.5rem 3rem 0.5rem; max-width: none; }
[data-testid="stMain"] { overflow: hidden; }
.st-key-present_fullscreen { position: fixed; right: 1rem; bottom: 1rem; width: auto; z-index: 20; }
.st-key-present_blank, .st-key-present_blank * { background: #000000; color: #000000; }
.st-key-present_blank { position: fixed; inset: 0; z-index: 30; }
</style>"""

# The presenter window, on the trainer's laptop: smaller text, everything in one screen.
PRESENTER_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.75rem; padding-bottom: 0.5rem; }
/* The current slide's pane holds the whole slide: its text is scaled to fill it (draw_autofit), and a slide
   too long even then makes the pane taller rather than hide its end. */
.st-key-present_current { min-height: 450px; }
.st-key-present_current blockquote { border-left: 6px solid #111827; opacity: 1; }
.st-key-present_current blockquote p { color: #1F2937; font-style: italic; }
.st-key-present_room_bar [data-testid="stMarkdownContainer"] p { font-size: 18px; }
.st-key-present_current [data-testid="stMarkdownContainer"] p,
.st-key-present_current [data-testid="stMarkdownContainer"] li {
  font-size: calc(18px * var(--present-pane-fit)) !important; }
.st-key-present_current [data-testid="stMarkdownContainer"] h3 { font-size: calc(22px * var(--present-pane-fit)); }
.st-key-present_current .st-key-present_lead [data-testid="stMarkdownContainer"] p {
  font-size: calc(20px * var(--present-pane-fit)) !important; }
.st-key-present_current_title h2 { font-size: 28px; padding: 0 0 0.25rem; }
.st-key-present_next_preview [data-testid="stMarkdownContainer"] p,
.st-key-present_next_preview [data-testid="stMarkdownContainer"] li { font-size: 16px; color: #374151; }
.st-key-present_notes_box { background: #F2F4F7; }
.st-key-present_notes_box [data-testid="stMarkdownContainer"] p,
.st-key-present_notes_box [data-testid="stMarkdownContainer"] li {
  font-size: calc(17px * var(--present-notes-fit)); color: #111827; }
/* Close together, in 16px: the jump list beside Previous and Next shows whole titles. */
.st-key-present_controls { gap: 0.5rem; }
.st-key-present_controls p, .st-key-present_controls button { font-size: 16px; }
</style>"""


def reveal_button(revealed: bool, on_click: Callable[..., None], args: tuple, *, on_projector: bool = False) -> None:
    """The one button that shows or hides a prompt slide's related findings ("S" on a keyboard or clicker).

    In a room the presenter's window says "on the projector", because that is where the findings appear.
    """
    where = " on the projector" if on_projector else ""
    st.button(
        f"{'Hide' if revealed else 'Show'} the related findings{where}",
        key=keys.PRESENT_REVEAL,
        icon=":material/visibility_off:" if revealed else ":material/visibility:",
        shortcut="S",
        on_click=on_click,
        args=args,
    )
