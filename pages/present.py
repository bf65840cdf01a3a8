"""Present: the study as a slide deck for a training room, built from the data by components.deck.

The slide title is the page heading; the slide's body, the controls (keyboard arrows step through
the deck) and the speaker notes follow, all in one fragment so a step reruns only the deck. The
current slide lives in the URL (?slide=4, 1-based) so a trainer can reopen where they stopped.
"""

import streamlit as st

from components import deck as deck_builder
from components import ui
from components.data_access import active_dataset
from components.session_keys import PRESENT_REVEALED
from components.text import escape_markdown
from components.url_state import write_url

SLIDE_KEY = "present_jump"  # the jump menu's value is the current slide (0-based index)
NOTES_KEY = "present_notes"

# Before anything reaches the browser: a fresh server's first deep link is rerouted through app.py once, and
# this page's "collapsed" sidebar must be the last page config the browser sees.
ui.ensure_router()
st.set_page_config(layout="wide", initial_sidebar_state="collapsed")

# Static, page-scoped styling (no data): projector-size text, high contrast, long words wrap.
st.html(
    """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; padding-bottom: 1.5rem; }
[data-testid="stMain"] h1 { font-size: 40px; line-height: 1.15; padding-top: 0; padding-bottom: 0.25rem; }
.st-key-present_slide { overflow-wrap: anywhere; min-height: 510px; }
.st-key-present_slide [data-testid="stMarkdownContainer"] p,
.st-key-present_slide [data-testid="stMarkdownContainer"] li { font-size: 24px; line-height: 1.4; color: #111827; }
.st-key-present_slide [data-testid="stMarkdownContainer"] li { margin-bottom: 0.2rem; }
.st-key-present_slide [data-testid="stMarkdownContainer"] h3 { font-size: 30px; padding: 0.25rem 0; }
.st-key-present_slide blockquote { border-left: 6px solid #005A8C; margin: 0; padding: 0 0 0 0.75rem; opacity: 1; }
.st-key-present_slide blockquote p { color: #1F2937; font-style: italic; }
.st-key-present_lead [data-testid="stMarkdownContainer"] p { font-size: 28px; line-height: 1.3; font-weight: 600; }
.st-key-present_sources [data-testid="stMarkdownContainer"] p { font-size: 18px; color: #374151; }
/* On a projector the controls stay in view at the foot of the window even when a slide runs long;
   on a phone they wrap to several rows, so there they scroll with the page. */
@media (min-width: 900px) and (min-height: 500px) {
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_controls) { position: sticky; bottom: 0; z-index: 10; }
}
.st-key-present_controls { background: #FFFFFF; padding: 0.5rem 0; border-top: 1px solid #9CA3AF; }
.st-key-present_controls p, .st-key-present_controls button { font-size: 20px; }
.st-key-present_notes_box { background: #F2F4F7; }
.st-key-present_notes_box [data-testid="stMarkdownContainer"] p { font-size: 20px; color: #111827; }
</style>
"""
)


def _go_to(index: int, count: int) -> None:
    st.session_state[SLIDE_KEY] = deck_builder.clamp_index(index, count)


def _toggle_reveal(index: int) -> None:
    revealed = set(st.session_state.get(PRESENT_REVEALED, set()))
    revealed.symmetric_difference_update({index})
    st.session_state[PRESENT_REVEALED] = revealed


def _point_markdown(point: deck_builder.Point) -> str:
    label = f"**{escape_markdown(point.label)}:** " if point.label else ""
    tag = f" :blue-badge[{escape_markdown(point.tag)}]" if point.tag else ""
    return f"{label}{escape_markdown(point.text)}{tag}{ui.basis_badge('inferred' if point.inferred else '')}"


def _bullets(points: tuple[deck_builder.Point, ...]) -> str:
    lines = []
    for point in points:
        lines.append(f"- {_point_markdown(point)}")
        lines += [f"    - {_point_markdown(child)}" for child in point.children]
    return "\n".join(lines)


def _quote(quote: deck_builder.Quote) -> str:
    """A verbatim passage and its source in one compact block (the slide has little room)."""
    source = escape_markdown(quote.source) or "source not given"
    return f"> “{escape_markdown(quote.text)}”  \n> — {source}"


def _show_column(column: deck_builder.Column) -> None:
    if column.heading:
        st.markdown(f"### {escape_markdown(column.heading)}")
    if column.body:
        st.markdown(escape_markdown(column.body))
    if column.points:
        st.markdown(_bullets(column.points))


def _show_slide(slide: deck_builder.Slide, index: int) -> None:
    if slide.lead:
        with st.container(key="present_lead"):
            st.markdown(escape_markdown(slide.lead))
    shown = slide.kind == "prompt" and index in st.session_state.get(PRESENT_REVEALED, set())
    # Once a prompt's findings are revealed they take the place of the passage, so the slide still fits.
    for quote in () if shown else slide.quotes:
        st.markdown(_quote(quote))
    if len(slide.columns) == 1:
        _show_column(slide.columns[0])
    elif slide.columns:
        for column, content in zip(st.columns(len(slide.columns), gap="large"), slide.columns, strict=True):
            with column:
                _show_column(content)
    if slide.kind == "prompt" and slide.reveal:
        st.button(
            "Hide the related findings" if shown else "Show the related findings",
            key="present_reveal",
            icon=":material/visibility_off:" if shown else ":material/visibility:",
            shortcut="S",
            on_click=_toggle_reveal,
            args=(index,),
        )
        if shown:
            st.markdown(_bullets(slide.reveal))
    if slide.more and (slide.kind != "prompt" or shown):
        st.markdown(f"And {slide.more} more not shown here: see the Explore findings page.")
    sources = slide.shown_sources(revealed=shown)
    if sources:
        with st.container(key="present_sources"):
            st.markdown("Sources: " + escape_markdown(deck_builder.sources_line(sources)))


def _show_notes(slide: deck_builder.Slide) -> None:
    """Notes sit above the slide so the trainer sees them at once; the sources' words fold away."""
    with st.container(key="present_notes_box", border=True):
        st.markdown(f"**Speaker notes.** {escape_markdown(slide.notes) or 'No notes for this slide.'}")
        quotes = [deck_builder.Quote(point.quote, point.source) for point in slide.points() if point.quote]
        quotes += list(slide.note_quotes)
        if quotes:
            with st.expander(f"The sources' own words ({len(quotes)} passages)"):
                for quote in quotes:
                    st.markdown(_quote(quote))


# The deck and its handout are rebuilt only when the data changes, not on every slide step: on a 100x
# dataset they took 1.5 s a run. Streamlit hashes the frozen Dataset by content.
@st.cache_data(show_spinner=False, max_entries=8)
def cached_deck(dataset) -> list:
    return deck_builder.build_deck(dataset)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_handout(dataset) -> bytes:
    return deck_builder.handout_markdown(cached_deck(dataset), dataset).encode("utf-8")


@st.fragment
def _presenter() -> None:
    """The slide, its controls and notes. Stepping through the deck reruns only this, not the whole app.

    A full rerun sends app.py's page config again before this page's ("collapsed"). The browser checks each
    against the state it last applied, so the pair could leave the sidebar open or send it sliding out and
    back on a keypress, and the slide would reflow narrower and run behind the controls.
    """
    # Build the deck before the page heading: the heading is the current slide's title.
    dataset = active_dataset()
    deck = cached_deck(dataset)
    count = len(deck)

    link_note = None
    if SLIDE_KEY not in st.session_state:
        st.session_state[SLIDE_KEY], link_note = deck_builder.slide_from_param(st.query_params.get("slide"), count)
    else:
        # The deck can shrink (another dataset uploaded): stay inside it.
        st.session_state[SLIDE_KEY] = deck_builder.clamp_index(int(st.session_state[SLIDE_KEY]), count)
    index = st.session_state[SLIDE_KEY]
    slide = deck[index]
    write_url({"slide": index + 1})

    ui.page_start(slide.heading)
    if link_note:
        st.caption(escape_markdown(link_note))

    if st.session_state.get(NOTES_KEY):
        _show_notes(slide)

    with st.container(key="present_slide"):
        _show_slide(slide, index)

    with st.container(key="present_controls", horizontal=True, vertical_alignment="center", gap="small"):
        st.button(
            "Previous",
            key="present_previous",
            icon=":material/arrow_back:",
            shortcut="Left",
            disabled=index == 0,
            on_click=_go_to,
            args=(index - 1, count),
        )
        st.button(
            "Next",
            key="present_next",
            icon=":material/arrow_forward:",
            type="primary",
            shortcut="Right",
            disabled=index == count - 1,
            on_click=_go_to,
            args=(index + 1, count),
        )
        st.markdown(f"**Slide {index + 1} of {count}**", width="content")
        st.selectbox(
            "Jump to slide",
            options=list(range(count)),
            format_func=lambda option: deck_builder.slide_label(deck[option], option),
            key=SLIDE_KEY,
            label_visibility="collapsed",
            width=320,
        )
        st.toggle("Speaker notes", key=NOTES_KEY)
        st.download_button(
            "Handout",
            data=cached_handout(dataset),
            file_name="collaboration-findings-handout.md",
            mime="text/markdown",
            icon=":material/download:",
            key="present_handout",
            on_click="ignore",
            help="The whole deck as a Markdown file, with every quote and its source.",
        )

    ui.page_end(dataset)


_presenter()
