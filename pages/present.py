"""Present: the study as a slide deck for a training room, built from the data by components.present.deck.

Three views of one deck, chosen by the URL:
- `/present?slide=4` — one window: the slide, its controls and the speaker notes (the slide is 1-based).
- `/present?room=CODE&view=presenter` — the trainer's screen: current and next slide, notes, the
  findings a prompt can reveal, a timer, and a link that opens the projector window.
- `/present?room=CODE&view=projector` — only the slide, full screen, following the presenter.
The two room windows share a room in this server process (components.present.presenter), bound to the browser.
A clicker's keys (PageDown/PageUp, Space, Home/End, the arrows) step the deck in every view.
"""

from functools import partial

import streamlit as st

from components.data.access import active_dataset
from components.present import deck as deck_builder
from components.present import handouts, presenter, slide_keys, slide_view
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import view_cache
from components.ui.session_keys import PRESENT_REVEALED, PRESENT_ROOM_SEEN
from components.ui.url_state import write_url

SLIDE_KEY = "present_jump"  # the jump menu's value is the current slide (0-based index)
NOTES_KEY = "present_notes"
KEYS_KEY = "present_keys"
# A room's windows listen under their own key: a session that opened the room from the single window
# already has a "present_keys" listener there, and the same key in another fragment hears nothing.
ROOM_KEYS_KEY = "present_room_keys"
PRESENTER, PROJECTOR = "presenter", "projector"

# Before anything reaches the browser: a fresh server's first deep link is rerouted through app.py once, and
# this page's "collapsed" sidebar must be the last page config the browser sees.
ui.ensure_router()
st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
st.html(slide_view.SLIDE_STYLE)


# The deck is built once per dataset, not on every slide step (on a 100x dataset it took 1.5 s a run), and
# shared by every session on the bundled study (components.ui.view_cache). Slides are never changed here.
def cached_deck(dataset) -> list:
    return view_cache.view(dataset, "deck", deck_builder.build_deck)


# ---------------------------------------------------------------------------------------------
# One window


def _go_to(index: int, count: int) -> None:
    st.session_state[SLIDE_KEY] = deck_builder.clamp_index(index, count)


def _toggle_reveal(index: int) -> None:
    revealed = set(st.session_state.get(PRESENT_REVEALED, set()))
    revealed.symmetric_difference_update({index})
    st.session_state[PRESENT_REVEALED] = revealed


def _open_room(index: int) -> None:
    """Open a room on the current slide and turn this window into the presenter view (a whole-page run)."""
    room = presenter.room_store().open(presenter.current_browser_id(), active_dataset(), slide=index)
    st.query_params.clear()
    st.query_params.update({"room": room.code, "view": PRESENTER})
    st.rerun()  # from a callback in a fragment: the whole page reruns, as the presenter view


@st.fragment
def _single_window() -> None:
    """The slide, its controls and notes. Stepping through the deck reruns only this, not the whole app.

    A full rerun sends app.py's page config again before this page's ("collapsed"). The browser checks each
    against the state it last applied, so the pair could leave the sidebar open or send it sliding out and
    back on a keypress, and the slide would reflow narrower and run behind the controls.
    """
    st.html(slide_view.SINGLE_STYLE)
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
    step = slide_keys.step_from_keys(KEYS_KEY)
    if step:
        st.session_state[SLIDE_KEY] = presenter.step_target(step, st.session_state[SLIDE_KEY], count)
    index = st.session_state[SLIDE_KEY]
    slide = deck[index]
    write_url({"slide": index + 1})

    ui.page_start(slide.heading)
    if link_note:
        st.caption(escape_markdown(link_note))

    if st.session_state.get(NOTES_KEY):
        with st.container(key="present_notes_box", border=True):
            st.markdown(slide_view.notes_markdown(slide))
            slide_view.show_source_words(slide)

    revealed = index in st.session_state.get(PRESENT_REVEALED, set())

    def reveal_button() -> None:
        st.button(
            "Hide the related findings" if revealed else "Show the related findings",
            key="present_reveal",
            icon=":material/visibility_off:" if revealed else ":material/visibility:",
            shortcut="S",
            on_click=_toggle_reveal,
            args=(index,),
        )

    with st.container(key="present_slide"):
        slide_view.show_slide(slide, revealed, reveal_button)

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
            width=160,
        )
        st.toggle("Speaker notes", key=NOTES_KEY)
        # No icon: the controls must stay on one row at 1280 px, above the slide's last line.
        with st.popover("Handouts"):
            # Built only when a button is pressed (a callable, not bytes): a PDF costs about a second.
            st.download_button(
                "Participant handout (PDF)",
                data=partial(handouts.participant_handout_pdf, deck, dataset),
                file_name="collaboration-findings-participant-handout.pdf",
                mime="application/pdf",
                icon=":material/download:",
                key="present_handout",
                on_click="ignore",
                help="A4, to print for the room: the slides, every quote with its source, the discussion "
                "questions with room to write, and no answers or speaker notes.",
            )
            st.download_button(
                "Presenter handout (PDF)",
                data=partial(handouts.presenter_handout_pdf, deck, dataset),
                file_name="collaboration-findings-presenter-handout.pdf",
                mime="application/pdf",
                icon=":material/download:",
                key="present_presenter_handout",
                on_click="ignore",
                help="For you: the same, with the speaker notes and the findings each prompt reveals.",
            )
        has_browser = bool(presenter.current_browser_id())
        st.button(
            "Presenter view",
            key="present_open_room",
            icon=":material/co_present:",
            on_click=_open_room,
            args=(index,),
            disabled=not has_browser,
            help=(
                "Your screen shows notes, the next slide and a timer; a second window shows only the slide "
                "on the projector."
                if has_browser
                else "Needs cookies: this browser sent none, so a projector window could not be tied to it."
            ),
        )

    ui.page_end(dataset)


# ---------------------------------------------------------------------------------------------
# A room: presenter and projector windows


def _apply_step(room: presenter.Room, step: str | None, count: int) -> presenter.Room:
    store, owner = presenter.room_store(), room.owner
    if step == "blank":
        return store.update(room.code, owner, blank=not room.blank) or room
    if step:
        return store.go_to(room.code, owner, presenter.step_target(step, room.slide, count)) or room
    return room


def _room_go_to(code: str, owner: str, index: int) -> None:
    presenter.room_store().go_to(code, owner, index)


def _room_jump(code: str, owner: str, key: str, shown: int) -> None:
    # A request the browser sent before it drew the list's replacement still carries the list's first
    # value, which Streamlit reports as a change: only a different slide is the trainer's pick.
    if int(st.session_state[key]) != shown:
        presenter.room_store().go_to(code, owner, int(st.session_state[key]))


def _room_reveal(code: str, owner: str, index: int, shown: bool) -> None:
    presenter.room_store().set_revealed(code, owner, index, shown)


def _room_blank(code: str, owner: str, blank: bool) -> None:
    presenter.room_store().update(code, owner, blank=blank)


def _room_timer(code: str, owner: str) -> None:
    presenter.room_store().restart_timer(code, owner)


def _leave_room(index: int) -> None:
    st.query_params.clear()
    st.query_params["slide"] = str(index + 1)
    st.session_state[SLIDE_KEY] = index
    st.rerun()  # from a callback in a fragment: the whole page reruns, as the single window


def _follow(code: str, owner: str) -> None:
    """Redraw the window when the other window moved the room on (a step, a reveal, a blank screen)."""
    room = presenter.room_store().get(code, owner)
    if room is None or room.version != st.session_state.get(PRESENT_ROOM_SEEN):
        st.rerun()


# The projector checks twice a second, so it follows a step at once; the presenter, whose own steps
# redraw it straight away, only needs to notice keys pressed in the projector window.
_follow_projector = st.fragment(run_every=0.5)(_follow)
_follow_presenter = st.fragment(run_every=1.5)(_follow)


@st.fragment
def _presenter_view(code: str, owner: str) -> None:
    store = presenter.room_store()
    room = store.get(code, owner)
    if room is None:
        st.rerun()
    st.html(slide_view.PRESENTER_STYLE)
    deck = cached_deck(room.dataset)
    count = len(deck)
    room = _apply_step(room, slide_keys.step_from_keys(ROOM_KEYS_KEY, blank_key=True), count)
    index = deck_builder.clamp_index(room.slide, count)
    slide = deck[index]
    st.session_state[PRESENT_ROOM_SEEN] = room.version
    revealed = index in room.revealed

    with st.container(key="present_room_bar", horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown(f"**Presenter view** · room `{code}`", width="content")
        with st.container(width="content"):
            slide_keys.timer(room.started_at, key="present_timer")
        st.button(
            "",
            key="present_timer_restart",
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
            key="present_blank_toggle",
            icon=":material/visibility:" if room.blank else ":material/visibility_off:",
            on_click=_room_blank,
            args=(code, owner, not room.blank),
            help="Blanks the projector, or brings the slide back. B or . on the keyboard or clicker does the same.",
        )
        st.button("Leave", key="present_leave", type="tertiary", on_click=_leave_room, args=(index,))

    now, later = st.columns([3, 2], gap="medium")
    with now:
        shown = "The projector is blank" if room.blank else "On the projector now"
        st.markdown(f"**{shown}** · slide {index + 1} of {count}")
        # Fixed-height panes keep the whole presenter view in one screen; a long slide scrolls inside.
        with st.container(key="present_current", border=True, height=420):
            with st.container(key="present_current_title"):
                st.subheader(slide.heading, anchor=False)
            slide_view.show_slide(slide, revealed)
        with st.container(key="present_controls", horizontal=True, vertical_alignment="center", gap="small"):
            st.button(
                "Previous",
                key="present_previous",
                icon=":material/arrow_back:",
                disabled=index == 0,
                on_click=_room_go_to,
                args=(code, owner, index - 1),
            )
            st.button(
                "Next",
                key="present_next",
                icon=":material/arrow_forward:",
                type="primary",
                disabled=index == count - 1,
                on_click=_room_go_to,
                args=(code, owner, index + 1),
            )
            # A new list for each state of the room, opened on the room's slide. One list whose value this
            # run set would take a poll sent before the browser drew the step as the trainer picking a slide.
            jump_key = f"{SLIDE_KEY}_{room.version}"
            st.selectbox(
                "Jump to slide",
                options=list(range(count)),
                index=index,
                format_func=lambda option: deck_builder.slide_label(deck[option], option),
                key=jump_key,
                label_visibility="collapsed",
                on_change=_room_jump,
                args=(code, owner, jump_key, index),
            )
    with later:
        with st.container(key="present_next_preview", border=True, height=160):
            if index + 1 < count:
                st.markdown("Next:")
                slide_view.show_preview(deck[index + 1])
            else:
                st.markdown("This is the last slide.")
        with st.container(key="present_notes_box", border=True, height=350):
            st.markdown(slide_view.notes_markdown(slide))
            if slide.kind == "prompt" and slide.reveal:
                st.button(
                    "Hide the findings on the projector" if revealed else "Show the findings on the projector",
                    key="present_reveal",
                    icon=":material/visibility_off:" if revealed else ":material/visibility:",
                    shortcut="S",
                    on_click=_room_reveal,
                    args=(code, owner, index, not revealed),
                )
                st.markdown("**Findings to reveal:**\n\n" + slide_view.bullets(slide.reveal))
            slide_view.show_source_words(slide)


@st.fragment
def _projector_view(code: str, owner: str) -> None:
    store = presenter.room_store()
    room = store.get(code, owner)
    if room is None:
        st.rerun()
    deck = cached_deck(room.dataset)
    count = len(deck)
    # The clicker may send its keys to this window (it has focus once made full screen): they step the room.
    room = _apply_step(room, slide_keys.step_from_keys(ROOM_KEYS_KEY, blank_key=True), count)
    st.session_state[PRESENT_ROOM_SEEN] = room.version
    index = deck_builder.clamp_index(room.slide, count)
    slide = deck[index]
    if room.blank:
        with st.container(key="present_blank"):
            st.markdown("The screen is blank.")
        return
    st.title(slide.heading, anchor=False)
    with st.container(key="present_slide"):
        slide_view.show_slide(slide, index in room.revealed)
    with st.container(key="present_fullscreen", width="content"):
        slide_keys.fullscreen_button(key="present_fullscreen_button")


def _room_missing(view: str) -> None:
    ui.page_start("This presentation is not open here")
    st.markdown(
        "The link names a presenter room that has ended (rooms close after four idle hours or when the "
        "server restarts), or that was opened in another browser: a room, and any study uploaded for it, "
        f"is only shown in the browser that opened it. This was to be the {view} window."
    )
    st.page_link("pages/present.py", label="Open the slides in this window", icon=":material/co_present:")
    ui.page_end(active_dataset())


def _present() -> None:
    view = st.query_params.get("view")
    if view not in (PRESENTER, PROJECTOR):
        _single_window()
        return
    owner = presenter.current_browser_id()
    code = presenter.normal_code(st.query_params.get("room"))
    room = presenter.room_store().get(code, owner) if code else None
    if room is None:
        _room_missing(view)
        return
    if view == PROJECTOR:
        st.html(slide_view.PROJECTOR_STYLE)
        _projector_view(room.code, owner)
        _follow_projector(room.code, owner)
    else:
        _presenter_view(room.code, owner)
        _follow_presenter(room.code, owner)


_present()
