"""A room's two windows: the trainer's presenter window and the projector window, stepping one deck together.

Streamlit drawing only. The room itself (its slide, reveals, blank screen, timer, and the browser it belongs
to) is components.present.presenter; what a key changes is components.present.stepping. Each window redraws
when the other moved the room on (`_follow`).
"""

from __future__ import annotations

import streamlit as st

from components.live_room import draw_room as live_room_view
from components.present import draw_autofit, draw_handouts, presenter, stepping
from components.present import draw_keys as slide_keys
from components.present import draw_slides as slide_view
from components.present.presenter import PROJECTOR, Room
from components.present.slide_model import Slide
from components.shared import session_keys as keys
from components.shared.text import escape_markdown
from components.ui import frame as ui
from components.ui.access import active_dataset

# The presenter's current-slide pane at 1280x720: what the room bar, the line above the pane and the
# controls under it leave of the window's height.
CURRENT_PANE_HEIGHT = 450


def show_room(view: str, code_param: object) -> None:
    """The `view` window of the room the URL names, or a page saying it is not open in this browser."""
    owner = presenter.current_browser_id()
    code = presenter.normal_code(code_param)
    room = presenter.room_store().get(code, owner) if code else None
    if room is None:
        _room_missing(view)
    elif view == PROJECTOR:
        st.html(slide_view.PROJECTOR_STYLE)
        # Revealed answers take the slide's place, so a 720 px projector shows them whole; the panel's poll
        # reruns the page when the presenter reveals or hides them.
        if room.blank or not live_room_view.results_shown(room.code, owner):
            _projector_view(room.code, owner)
        else:
            st.session_state[keys.PRESENT_ROOM_SEEN] = room.version  # drawn as it is: no need to follow
            _projector_keys(room.code, owner)
        _follow_projector(room.code, owner)
        live_room_view.projector_panel(room.code, owner, room.dataset)
    else:
        _presenter_view(room.code, owner)
        _follow_presenter(room.code, owner)
        live_room_view.presenter_dock(room.code, owner)


def _room_now(code: str, owner: str) -> tuple[Room, list[Slide], int]:
    """The room after the clicker key pressed in this window (if any), its deck and its slide, kept in the deck.

    The clicker may send its keys to either window (the projector has focus once made full screen).
    """
    room = presenter.room_store().get(code, owner)
    if room is None:
        st.rerun()  # the room ended between runs: the whole page says so
    deck = slide_view.deck_view(room.dataset)
    # Its own key: a session that opened the room from the single window already has a listener under
    # PRESENT_KEYS there, and the same key in another fragment hears nothing.
    step = slide_keys.step_from_keys(keys.PRESENT_ROOM_KEYS, blank_key=True)
    change = stepping.room_change(step, room.slide, room.blank, len(deck))
    if change:
        room = presenter.room_store().update(code, owner, **change) or room
    st.session_state[keys.PRESENT_ROOM_SEEN] = room.version
    return room, deck, stepping.clamp_index(room.slide, len(deck))


def _room_go_to(code: str, owner: str, index: int) -> None:
    presenter.room_store().go_to(code, owner, index)


def _room_jump(code: str, owner: str, key: str, shown: int) -> None:
    picked = stepping.picked_slide(st.session_state[key], shown)
    if picked is not None:
        presenter.room_store().go_to(code, owner, picked)


def _room_reveal(code: str, owner: str, index: int, shown: bool) -> None:
    presenter.room_store().set_revealed(code, owner, index, shown)


def _room_blank(code: str, owner: str, blank: bool) -> None:
    presenter.room_store().update(code, owner, blank=blank)


def _room_timer(code: str, owner: str) -> None:
    presenter.room_store().restart_timer(code, owner)


def _leave_room(index: int) -> None:
    st.query_params.clear()
    st.query_params["slide"] = str(index + 1)
    st.session_state[keys.PRESENT_JUMP] = index
    st.rerun()  # from a callback in a fragment: the whole page reruns, as the single window


def _follow(code: str, owner: str) -> None:
    """Redraw the window when the other window moved the room on (a step, a reveal, a blank screen)."""
    room = presenter.room_store().get(code, owner)
    if room is None or room.version != st.session_state.get(keys.PRESENT_ROOM_SEEN):
        st.rerun()


# The projector checks twice a second, so it follows a step at once; the presenter, whose own steps
# redraw it straight away, only needs to notice keys pressed in the projector window.
_follow_projector = st.fragment(run_every=0.5)(_follow)
_follow_presenter = st.fragment(run_every=1.5)(_follow)


@st.fragment
def _presenter_view(code: str, owner: str) -> None:
    st.html(slide_view.PRESENTER_STYLE)
    room, deck, index = _room_now(code, owner)
    slide = deck[index]
    revealed = index in room.revealed
    with st.container(key="present_room_bar", horizontal=True, vertical_alignment="center", gap="small"):
        _room_bar(room, index)
    now, later = st.columns([5, 3], gap="medium")
    with now:
        shown = "The projector is blank" if room.blank else "On the projector now"
        st.markdown(f"**{shown}** · slide {index + 1} of {len(deck)}")
        # The pane is as tall as the room the other rows leave at 1280x720; the slide's text is scaled to fill
        # it (draw_autofit), and a slide too long even at the smallest scale makes the pane taller.
        with st.container(key="present_current", border=True):
            with st.container(key="present_current_title"):
                st.subheader(slide.heading, anchor=False)
            slide_view.show_slide(slide, revealed)
        draw_autofit.fit_pane(key="present_fit_pane", height=CURRENT_PANE_HEIGHT)
        with st.container(key="present_controls", horizontal=True, vertical_alignment="center", gap="small"):
            _room_controls(room, deck, index)
    with later:
        # No fixed heights here: the next slide's preview and the notes show all they hold.
        with st.container(key="present_next_preview", border=True):
            if index + 1 < len(deck):
                st.markdown("Next:")
                slide_view.show_preview(deck[index + 1])
            else:
                st.markdown("This is the last slide.")
        with st.container(key="present_notes_box", border=True):
            st.markdown(slide_view.notes_markdown(slide))
            if slide.kind == "prompt" and slide.reveal:
                slide_view.reveal_button(
                    revealed, _room_reveal, (room.code, room.owner, index, not revealed), on_projector=True
                )
                st.markdown("**Findings to reveal:**\n\n" + slide_view.bullets(slide.reveal))
            slide_view.show_source_words(slide)
    draw_autofit.fit_notes(key="present_fit_notes")


def _room_bar(room: Room, index: int) -> None:
    """The presenter's top row: the room, the timer, the projector window's link, blank screen and leave."""
    code, owner = room.code, room.owner
    st.markdown(f"**Presenter view** · room `{code}`", width="content")
    with st.container(width="content"):
        slide_keys.timer(room.started_at, key=keys.PRESENT_TIMER)
    st.button(
        "",
        key=keys.PRESENT_TIMER_RESTART,
        icon=":material/restart_alt:",
        help="Restart the timer",
        on_click=_room_timer,
        args=(code, owner),
    )
    st.link_button(
        "Open the projector window",
        f"?room={code}&view={PROJECTOR}",
        icon=":material/open_in_new:",
        type="primary",
        help="Opens a new window showing only the slide: drag it to the projector and go full screen.",
    )
    st.button(
        "Show the slide" if room.blank else "Blank screen",
        key=keys.PRESENT_BLANK_TOGGLE,
        icon=":material/visibility:" if room.blank else ":material/visibility_off:",
        on_click=_room_blank,
        args=(code, owner, not room.blank),
        help="Blanks the projector, or brings the slide back. B or . on the keyboard or clicker does the same.",
    )
    # The handouts are here too, not only in the single window: the closing slide's note asks for them.
    with st.popover("Handouts"):
        draw_handouts.show(slide_view.deck_view(room.dataset), room.dataset)
    st.button("Leave", key=keys.PRESENT_LEAVE, type="tertiary", on_click=_leave_room, args=(index,))


def _room_controls(room: Room, deck: list[Slide], index: int) -> None:
    code, owner = room.code, room.owner
    st.button(
        "Previous",
        key=keys.PRESENT_PREVIOUS,
        icon=":material/arrow_back:",
        disabled=index == 0,
        on_click=_room_go_to,
        args=(code, owner, index - 1),
    )
    st.button(
        "Next",
        key=keys.PRESENT_NEXT,
        icon=":material/arrow_forward:",
        type="primary",
        disabled=index == len(deck) - 1,
        on_click=_room_go_to,
        args=(code, owner, index + 1),
    )
    # A new list for each state of the room, opened on the room's slide. One list whose value this run
    # set would take a poll sent before the browser drew the step as the trainer picking a slide.
    jump_key = f"{keys.PRESENT_ROOM_JUMP}{room.version}"
    st.selectbox(
        "Jump to slide",
        options=list(range(len(deck))),
        index=index,
        format_func=lambda option: stepping.slide_label(deck[option], option),
        key=jump_key,
        label_visibility="collapsed",
        on_change=_room_jump,
        args=(code, owner, jump_key, index),
    )


@st.fragment
def _projector_view(code: str, owner: str) -> None:
    room, deck, index = _room_now(code, owner)
    slide = deck[index]
    if room.blank:
        with st.container(key="present_blank"):
            st.markdown("The screen is blank.")
        return
    st.title(slide.heading, anchor=False)
    with st.container(key="present_slide"):
        slide_view.show_slide(slide, index in room.revealed)
    draw_autofit.fit_slide(key="present_fit_projector", whole_window=True)
    with st.container(key="present_fullscreen", width="content"):
        slide_keys.fullscreen_button(key=keys.PRESENT_FULLSCREEN)


@st.fragment
def _projector_keys(code: str, owner: str) -> None:
    """The clicker while the room's answers fill the projector in the slide's place: its keys step the deck
    as on a slide (the next slide's question is not revealed, so the slide comes back; stepping back to
    this one shows its answers again until the presenter hides them), and B blanks the screen. The trainer
    is never stuck on the results with a clicker in hand. Its own key: the slide's listener is not drawn."""
    step = slide_keys.step_from_keys(keys.PRESENT_RESULTS_KEYS, blank_key=True)
    if step is None:
        return
    room = presenter.room_store().get(code, owner)
    if room is not None:
        deck = slide_view.deck_view(room.dataset)
        change = stepping.room_change(step, room.slide, room.blank, len(deck))
        if change:
            presenter.room_store().update(code, owner, **change)
    st.rerun()  # the whole window: the slide (or the blank screen) takes the results' place


def _room_missing(view: str) -> None:
    ui.page_start("This presentation is not open here")
    st.markdown(
        "The link names a presenter room that has ended (rooms close after four idle hours, or a day after "
        "they were opened to the room), or that was opened in another browser: a room, and any study "
        f"uploaded for it, is only shown in the browser that opened it. This was to be the {view} window."
    )
    problem = presenter.room_store().problem()
    if problem:
        st.warning(escape_markdown(problem), icon=":material/database:")
    st.page_link("pages/present.py", label="Open the slides in this window", icon=":material/co_present:")
    ui.page_end(active_dataset())
