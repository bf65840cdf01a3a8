"""The single window of /present: the slide, its controls under it and the speaker notes, on one screen.

Streamlit drawing only; which slide it shows is components.present.stepping. The slide is 1-based in the
URL (`?slide=4`). "Presenter view" turns this window into a room's presenter window
(components.present.draw_rooms).
"""

from __future__ import annotations

import streamlit as st

from components.data.model import Dataset
from components.present import draw_autofit, draw_handouts, presenter, stepping
from components.present import draw_keys as slide_keys
from components.present import draw_slides as slide_view
from components.present.slide_model import Slide
from components.shared import session_keys as keys
from components.shared.text import escape_markdown
from components.ui import frame as ui
from components.ui.access import active_dataset
from components.ui.url_state import write_url


def _go_to(index: int, count: int) -> None:
    st.session_state[keys.PRESENT_JUMP] = stepping.clamp_index(index, count)


def _toggle_reveal(index: int) -> None:
    st.session_state[keys.PRESENT_REVEALED] = stepping.toggled(
        st.session_state.get(keys.PRESENT_REVEALED, set()), index
    )


def _open_room(index: int) -> None:
    """Open a room on the current slide and turn this window into the presenter view (a whole-page run)."""
    room = presenter.room_store().open(presenter.current_browser_id(), active_dataset(), slide=index)
    if room is None:
        return  # the database cannot be used: the button's help now says why, and the slides go on here
    st.query_params.clear()
    st.query_params.update({"room": room.code, "view": presenter.PRESENTER})
    st.rerun()  # from a callback in a fragment: the whole page reruns, as the presenter view


@st.fragment
def show_single_window() -> None:
    """The slide, its controls and notes. Stepping through the deck reruns only this, not the whole app.

    A full rerun sends app.py's page config again before this page's ("collapsed"). The browser checks each
    against the state it last applied, so the pair could leave the sidebar open or send it sliding out and
    back on a keypress, and the slide would reflow narrower and run behind the controls.
    """
    st.html(slide_view.SINGLE_STYLE)
    # Build the deck before the page heading: the heading is the current slide's title.
    dataset = active_dataset()
    deck = slide_view.deck_view(dataset)
    index, link_note = stepping.single_window_slide(
        st.session_state.get(keys.PRESENT_JUMP),
        st.query_params.get("slide"),
        len(deck),
        slide_keys.step_from_keys(keys.PRESENT_KEYS),
    )
    st.session_state[keys.PRESENT_JUMP] = index
    slide = deck[index]
    write_url({"slide": index + 1})

    # No link icon on a slide's title, and the upload's banner goes below the controls so the slide never moves.
    ui.page_start(slide.heading, anchor=False, banner=False)
    # Always there, empty or not: notes (or a link's note) coming and going must not move the slide and its
    # controls, which the browser would then draw afresh, the notes toggle losing the keyboard's focus.
    with st.container(key=keys.PRESENT_NOTES_SLOT):
        if link_note:
            st.caption(escape_markdown(link_note))

    revealed = index in st.session_state.get(keys.PRESENT_REVEALED, set())

    def reveal_button() -> None:
        slide_view.reveal_button(revealed, _toggle_reveal, (index,))

    with st.container(key="present_slide"):
        slide_view.show_slide(slide, revealed, reveal_button)
    draw_autofit.fit_slide(key="present_fit_single", reserve=(".st-key-present_controls",))
    with st.container(key="present_controls", horizontal=True, vertical_alignment="center", gap="small"):
        _controls(deck, index, dataset)
    # The notes come under the controls: above the slide they pushed its last lines under the control bar,
    # and here turning them on or off moves neither the slide nor the toggle (which keeps the keyboard's focus).
    if st.session_state.get(keys.PRESENT_NOTES):
        with st.container(key="present_notes_box", border=True):
            st.markdown(slide_view.notes_markdown(slide))
            slide_view.show_source_words(slide)
    ui.dataset_banners(dataset)
    ui.page_end(dataset)


def _controls(deck: list[Slide], index: int, dataset: Dataset) -> None:
    """Previous, Next, where we are, the jump list, notes, handouts and the way into a room, on one row."""
    count = len(deck)
    st.button(
        "Previous",
        key=keys.PRESENT_PREVIOUS,
        icon=":material/arrow_back:",
        shortcut="Left",
        disabled=index == 0,
        on_click=_go_to,
        args=(index - 1, count),
    )
    st.button(
        "Next",
        key=keys.PRESENT_NEXT,
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
        format_func=lambda option: stepping.slide_label(deck[option], option),
        key=keys.PRESENT_JUMP,
        label_visibility="collapsed",
        width="stretch",  # the rest of the row: whole titles, with the part that tells slides apart
    )
    st.toggle("Speaker notes", key=keys.PRESENT_NOTES)
    # No icon: the controls must stay on one row at 1280 px, above the slide's last line.
    with st.popover("Handouts"):
        draw_handouts.show(deck, dataset)
    has_browser = bool(presenter.current_browser_id())
    rooms_problem = presenter.room_store().problem()
    st.button(
        "Presenter view",
        key=keys.PRESENT_OPEN_ROOM,
        icon=":material/co_present:",
        on_click=_open_room,
        args=(index,),
        disabled=not has_browser or bool(rooms_problem),
        help=(
            "Needs cookies: this browser sent none, so a projector window could not be tied to it."
            if not has_browser
            else f"Unavailable now. {rooms_problem}"
            if rooms_problem
            else "Your screen shows notes, the next slide and a timer; a second window shows only the slide "
            "on the projector."
            + (
                ""
                if dataset.is_bundled
                else " Your study is kept on the server for the room, for this browser only, and deleted four "
                "hours after the room was last used."
            )
        ),
    )
