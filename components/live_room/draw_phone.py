"""/join, the page phones open (Streamlit drawing only): type the code or open the QR address, then answer
the question the presenter is on. Kept light: a handful of elements, and one small polling fragment that
reruns the page only when the question, its lock or its reveal changed.

No login, no name: a phone's participant id comes from its browser's random XSRF cookie (the same phone
keeps its answer across a reload), or, without one, a random id in this session. The store keeps only a
hash of it, namespaced by the room, and it only lets the phone change its own answer. A phone sees the
current question and, once revealed, the totals; never another person's answer unless the presenter
approved it for the projector.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

import streamlit as st

from components.live_room import questions
from components.live_room import room as live
from components.live_room.counting import answers_label
from components.live_room.limits import ANSWERS_PER_MINUTE, SlidingLimit
from components.live_room.questions import Question
from components.present.presenter import browser_id
from components.shared import session_keys as keys
from components.shared.text import escape_markdown
from components.shared.wording import APP_NAME
from components.store import StoreUnavailableError
from components.store import live_room as live_store
from components.store.live_room import PhoneView
from components.ui import frame as ui
from components.ui.access import active_dataset
from components.ui.app_store import app_store, report_failure, store_problem

POLL_SECONDS = 1.25  # phones follow within 2 s on a busy server (bench: p95 1.2-1.6 s); each poll is a run


@st.cache_resource
def _answer_limit() -> SlidingLimit:
    return SlidingLimit(ANSWERS_PER_MINUTE)


def _participant() -> str:
    from_cookie = browser_id(st.context.cookies)
    if from_cookie:
        return from_cookie
    if keys.LIVE_PARTICIPANT not in st.session_state:
        st.session_state[keys.LIVE_PARTICIPANT] = secrets.token_urlsafe(18)
    return st.session_state[keys.LIVE_PARTICIPANT]


def show_join_page() -> None:
    # No page-wide stylesheet or wrapping container here: every phone in the room reruns this page, and each
    # element is work for the server in every one of them (docs/performance.md).
    store = app_store()
    if store is None:
        st.title("Join the room", anchor=False)
        st.warning(escape_markdown(store_problem() or "The live room cannot be reached now."))
        ui.page_end(active_dataset())
        return
    room = None
    try:
        room = _phone(store)
    except StoreUnavailableError as error:
        st.warning(escape_markdown(report_failure(error)))
    _page_end(room)


def _page_end(room) -> None:
    """The footer: in a room, the citation of the study the room presents (kept in its live state when the
    presenter opened it), not of a study this phone's own session has uploaded or opened."""
    source = questions.room_source(room.state) if room is not None else ""
    if not source:
        ui.page_end(active_dataset())
        return
    st.caption(f"{escape_markdown(source)} {APP_NAME}.")  # no divider above it: one element fewer per phone


def _try_join(store, code: object) -> PhoneView | None:
    """Join by `code`; returns the room and this phone's answers joined (None, with its message kept, when
    refused)."""
    joined = live.join(store, _participant(), code)
    if joined.failure is not None:
        report_failure(joined.failure)  # logs which database failed and why; the phone sees joined.message
    if joined.room is None:
        st.session_state[keys.LIVE_MESSAGE] = joined.message
        st.session_state.pop(keys.LIVE_JOIN_CODE, None)
    else:
        st.session_state[keys.LIVE_JOIN_CODE] = joined.room.join_code
        st.session_state.pop(keys.LIVE_MESSAGE, None)
        st.query_params["code"] = joined.room.join_code
    return joined.view


def _typed_code() -> None:
    store = app_store()
    if store is not None:
        _try_join(store, st.session_state.get(keys.LIVE_CODE_INPUT, ""))


def _phone(store):
    """The code form, or the room's question; returns the live room joined (None while not in one)."""
    url_code = st.query_params.get("code")
    # Right after this phone's answer was written: the room and the answer as that write saw them.
    answered = st.session_state.pop(keys.LIVE_ANSWERED, None)
    view = None
    if (
        url_code
        and st.session_state.get(keys.LIVE_URL_TRIED) != url_code
        and keys.LIVE_JOIN_CODE not in st.session_state
    ):
        st.session_state[keys.LIVE_URL_TRIED] = url_code
        view = _try_join(store, url_code)  # the room as read to check the code: not read twice
    code = st.session_state.get(keys.LIVE_JOIN_CODE)
    if view is None and answered is not None and answered.room.join_code == code:
        view = live.view_after_answer(answered)
    elif view is None and code:
        view = live_store.phone_view(store, code, _participant())
    room = view.room if view is not None else None
    if room is None:
        if code:
            expired = view is not None and view.expired
            st.session_state[keys.LIVE_MESSAGE] = live.EXPIRED_CODE if expired else live.WRONG_CODE
            st.session_state.pop(keys.LIVE_JOIN_CODE, None)
        _code_form()
        return None
    question = questions.current_question(room.state, room.slide)
    seen = _seen(room.state, question)
    st.session_state[keys.LIVE_SEEN] = seen
    if question is None:
        what_next = escape_markdown(questions.what_comes_next(room.state, room.slide))
        st.markdown(_heading(room.join_code, "### Waiting for the next question", what_next))
    else:
        _question(store, room, question, view.own_answers.get(question.id, {}))
    st.session_state[keys.LIVE_ROOM_DRAWN] = room  # set just before the fragment that takes it, nothing between
    _follow(room.join_code)
    return room


def _code_form() -> None:
    st.title("Join the room", anchor=False)
    st.markdown("Type the code the presenter shows. No name or login is needed.")
    message = st.session_state.get(keys.LIVE_MESSAGE)
    if message:
        st.error(escape_markdown(message), icon=":material/error:")
    with st.form("live_join_form", border=False):
        st.text_input("Room code", key=keys.LIVE_CODE_INPUT, max_chars=12, placeholder="e.g. K7MPQR")
        st.form_submit_button("Join", type="primary", on_click=_typed_code)


def _seen(state: dict, question: Question | None) -> tuple:
    if question is None:
        return (None, questions.what_comes_next(state, -1))
    return (question.id, question.id in state.get("revealed", []), question.id in state.get("locked", []))


def _send(store, join_code: str, question: Question, form_key: str) -> None:
    if question.is_options:
        value = [
            option for number, option in enumerate(question.options) if st.session_state.get(f"{form_key}_{number}")
        ]
    else:
        value = st.session_state.get(f"{form_key}_value")
    answered = live.take_answer(store, _answer_limit(), join_code, _participant(), question.id, value)
    if answered.message:
        st.session_state[keys.LIVE_MESSAGE] = answered.message
        st.session_state.pop(keys.LIVE_RECEIVED, None)
    else:
        st.session_state[keys.LIVE_RECEIVED] = question.id
        st.session_state[keys.LIVE_ANSWERED] = answered  # the run that follows draws from it, reading nothing
        st.session_state.pop(keys.LIVE_MESSAGE, None)


def _heading(join_code: str, *blocks: str) -> str:
    """The room's title and the Markdown blocks below it (already escaped; empty ones left out), as one
    element: every phone in the room reruns this page, so it stays a handful of elements."""
    return "\n\n".join([f"# Live room {join_code}", *(block for block in blocks if block)])


def _question(store, room, question: Question, own: Mapping[str, Any]) -> None:
    """The question's form, filled with this phone's own answer (`own`, empty when it has none)."""
    locked = question.id in room.state.get("locked", [])
    # The prompt's own question (if any), then what the phone is asked.
    st.markdown(_heading(room.join_code, escape_markdown(question.context), f"### {escape_markdown(question.ask)}"))
    form_key = f"{keys.LIVE_ANSWER_FORM}{question.id.replace(':', '_')}"
    with st.form(form_key, border=False):
        if question.is_options:
            picked = set(own.get("options", []))
            for number, option in enumerate(question.options):
                st.checkbox(
                    escape_markdown(option), value=option in picked, key=f"{form_key}_{number}", disabled=locked
                )
        elif question.kind == questions.SCALE:
            st.radio(
                "Your answer, from 1 (not at all true) to 5 (completely true)",
                questions.SCALE_POINTS,
                index=questions.SCALE_POINTS.index(own["scale"])
                if own.get("scale") in questions.SCALE_POINTS
                else None,
                horizontal=True,
                key=f"{form_key}_value",
                disabled=locked,
            )
        else:
            st.text_area(
                "Your answer",
                value=own.get("text", ""),
                max_chars=questions.MAX_TEXT_CHARS,
                key=f"{form_key}_value",
                disabled=locked,
                help="Only the presenter sees it; they may show it on the screen, without your name.",
            )
        st.form_submit_button(
            "Change my answer" if own else "Send",
            type="primary",
            disabled=locked,
            on_click=_send,
            args=(store, room.join_code, question, form_key),
        )
    message = st.session_state.get(keys.LIVE_MESSAGE)
    if message:
        st.error(escape_markdown(message), icon=":material/error:")
    elif st.session_state.get(keys.LIVE_RECEIVED) == question.id:
        st.success("Answer received. You can change it until the presenter locks the answers.", icon=":material/check:")
    if locked:
        st.info("The presenter has locked the answers to this question.")


@st.fragment(run_every=POLL_SECONDS)
def _follow(join_code: str) -> None:
    """Rerun the page when the presenter moved on; show the totals while the answers are revealed."""
    store = app_store()
    if store is None:
        return  # the database is away for a moment: the phone keeps its room, and the next poll tries again
    # In the full run that drew the page, the room it just read (read once per run, not twice); the
    # fragment's own reruns (the polls) read the store.
    room = st.session_state.pop(keys.LIVE_ROOM_DRAWN, None)
    if room is None or room.join_code != join_code:
        try:
            room, _ = live_store.live_room_by_code(store, join_code)
        except StoreUnavailableError:
            return  # the same, for one busy poll (never a traceback on the phone)
    if room is None:
        st.session_state.pop(keys.LIVE_JOIN_CODE, None)
        st.rerun()
    question = questions.current_question(room.state, room.slide)
    if _seen(room.state, question) != st.session_state.get(keys.LIVE_SEEN):
        st.session_state.pop(keys.LIVE_MESSAGE, None)
        st.rerun()
    if question is not None and question.id in room.state.get("revealed", []):
        try:
            counted = live.public_tally(store, room, question)
        except StoreUnavailableError:
            return
        lines = [f"**The room so far: {answers_label(counted.answered)}**"]
        if question.is_options or question.kind == questions.SCALE:
            lines += [f"- {escape_markdown(label)}: {count}" for label, count in counted.counts]
        st.markdown("\n".join(lines))
