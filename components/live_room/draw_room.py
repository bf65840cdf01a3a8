"""The live room in the presenter's two windows (Streamlit drawing only).

Presenter window: "Open to the room", then the join code, what the phones are asked now, how many answered,
Reveal/Hide, Lock/Unlock, Clear, a question added on the spot, the short answers to approve, the downloads
and "Delete all answers". Projector window: the code, the join address and its QR image; once revealed, the
room's answers beside the study's counts. Both follow the room by polling (st.fragment(run_every=...)).
Only these two windows, the presenter's browser, ever read individual answers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from components.live_room import figures, questions
from components.live_room import room as live
from components.live_room.counting import answers_label, latest_that_fit, moderation_list, tally, word_counts
from components.live_room.evidence import (
    STUDY_COUNTS_NOTE,
    category_themes,
    prompt_rows,
    study_colours,
    study_counts,
)
from components.live_room.questions import KIND_LABELS, Question
from components.live_room.session_export import answers_csv, summary_pdf
from components.present import draw_slides as slide_view
from components.present import presenter
from components.shared import citation
from components.shared import session_keys as keys
from components.shared.text import escape_markdown
from components.store import StoreUnavailableError
from components.store import live_room as live_store
from components.ui.app_store import app_store, report_failure

JOIN_PATH = "join"


def join_address(code: str, page_url: str | None = None) -> str:
    """The address phones open: this server's /join with the code, from the URL this window was opened at."""
    parts = urlsplit(page_url if page_url is not None else str(st.context.url or ""))
    path = parts.path.rstrip("/")
    prefix = path.rsplit("/", 1)[0] if "/" in path else ""
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return f"{origin}{prefix}/{JOIN_PATH}?code={code}"


def _live_room(room_code: str, owner: str):
    store = app_store()
    if store is None:
        return None, None
    try:
        return store, live_store.live_room_for_owner(store, room_code, owner)
    except StoreUnavailableError as error:
        st.warning(escape_markdown(report_failure(error)), icon=":material/database:")
        return None, None


def _open(room_code: str, owner: str) -> None:
    store = app_store()
    room = presenter.room_store().get(room_code, owner)
    if store is None or room is None:
        return
    deck = slide_view.deck_view(room.dataset)
    state = questions.live_state(
        prompt_rows(room.dataset, deck), category_themes(room.dataset), citation.source_line(room.dataset)
    )
    try:
        live_store.open_live_room(store, room_code, owner, state)
    except StoreUnavailableError as error:
        report_failure(error)


def _change(join_code: str, owner: str, change) -> None:
    store = app_store()
    if store is not None:
        try:
            live.change_state(store, join_code, owner, change)
        except (StoreUnavailableError, questions.AnswerError) as error:
            st.session_state[keys.LIVE_MESSAGE] = str(error)


def _ask_kind(join_code: str, owner: str, prompt_id: str, key: str) -> None:
    _change(join_code, owner, lambda state: live.with_kind(state, prompt_id, st.session_state[key]))


def _clear(join_code: str, owner: str, question_id: str | None) -> None:
    store = app_store()
    if store is not None:
        live_store.delete_answers(store, join_code, owner, question_id)


def _moderate(join_code: str, owner: str, answer_id: int, status: str) -> None:
    store = app_store()
    if store is not None:
        live_store.moderate(store, join_code, owner, answer_id, status)


# The presenter window fills 1280x720 with the slide, the next one and the notes, so the live room's panel
# is a drawer pinned at the right of the band above the room bar: closed, it is one line there; opened, it
# drops to just under the room bar and lies over the next slide and the notes, scrolling inside itself, so
# the trainer reaches it without scrolling the window and the bar's Blank screen, Handouts and Leave stay
# uncovered (tests/browser/test_live_room_projector.py). "Under the bar" is the bar's own bottom edge,
# wherever the layout put it (CSS anchor positioning: the bar wraps to two or three lines on a narrow
# window), and the drawer is as tall as its content up to the window's foot (fit-content, capped by
# `stretch`: the room left under the bar). A browser without anchor positioning gets 7rem, the bar's
# bottom at 1280x720.
DOCK_STYLE = """<style>
.st-key-present_room_bar { anchor-name: --present-room-bar; }
.st-key-live_room_dock { position: fixed; top: 0.4rem; right: 4.5rem; width: min(34rem, calc(100vw - 5rem));
  z-index: 999990; max-height: calc(100vh - 0.8rem); overflow-y: auto; background: #ffffff;
  border-radius: 0.5rem; }
.st-key-live_room_dock:has(details[open]) { top: 7rem; max-height: calc(100vh - 7.4rem);
  box-shadow: 0 0.3rem 1rem rgba(0, 0, 0, 0.25); }
@supports (anchor-name: --present-room-bar) {
  .st-key-live_room_dock:has(details[open]) { position-anchor: --present-room-bar;
    top: max(0.4rem, calc(anchor(bottom) + 0.4rem)); bottom: 0.4rem; height: fit-content;
    max-height: -webkit-fill-available; max-height: stretch; }
}
.st-key-live_room_dock [data-testid="stExpander"] details summary { padding-top: 0.35rem; padding-bottom: 0.35rem; }
</style>"""


def presenter_dock(room_code: str, owner: str) -> None:
    """The live room's panel in the presenter window, as a drawer that opens over the top of the window.

    The downloads and "Delete all answers" sit below the polling panel, not in it: a poll that redraws a
    download button replaces the file it stands for, so a click landing just then would fetch nothing."""
    st.html(DOCK_STYLE)
    store, live_room = _live_room(room_code, owner)
    st.session_state[keys.LIVE_PANEL_OPEN] = live_room is not None
    # The panel below runs inside this run first: it draws from this read rather than reading again.
    st.session_state[keys.LIVE_PANEL_READ] = (store is not None, live_room)
    with st.container(key="live_room_dock"), st.expander("Live room", icon=":material/qr_code_2:"):
        presenter_panel(room_code, owner)
        room = presenter.room_store().get(room_code, owner)
        if live_room is not None and room is not None:
            _downloads(store, room_code, live_room.join_code, owner, room.dataset)


@st.fragment(run_every=2.0)
def presenter_panel(room_code: str, owner: str) -> None:
    """The live room's part of the presenter window."""
    read = st.session_state.pop(keys.LIVE_PANEL_READ, None)
    if read is None:  # the panel's own poll: read the store
        store, live_room = _live_room(room_code, owner)
    else:  # inside the full run that has just read it (presenter_dock)
        store, live_room = (app_store() if read[0] else None), read[1]
    if (live_room is not None) != st.session_state.get(keys.LIVE_PANEL_OPEN, False):
        st.rerun()  # opened or closed since the window was drawn: the downloads below the panel follow
    with st.container(key="live_room_panel", border=True):
        if live_room is None:
            st.markdown("**Live room** · people in the room can answer the discussion prompts from their phones.")
            st.button(
                "Open to the room",
                key=keys.LIVE_OPEN,
                icon=":material/qr_code_2:",
                on_click=_open,
                args=(room_code, owner),
                disabled=store is None,
                help="Gives this room a join code; the projector shows it with a QR code.",
            )
            return
        code, state = live_room.join_code, live_room.state
        st.markdown(f"**Live room open** · code `{code}` · {escape_markdown(join_address(code))}")
        message = st.session_state.pop(keys.LIVE_MESSAGE, None)
        if message:
            st.warning(escape_markdown(message))
        question = questions.current_question(state, live_room.slide)
        answers = live_store.owner_answers(store, code, owner) or []
        if question is None:
            st.markdown("Phones see: " + escape_markdown(questions.what_comes_next(state, live_room.slide)))
        else:
            _question_controls(code, owner, state, question, answers)
        _spot_form(code, owner, state)


def _question_controls(code: str, owner: str, state: dict, question: Question, answers: list) -> None:
    counted = tally(question, answers)
    revealed = question.id in state.get("revealed", [])
    locked = question.id in state.get("locked", [])
    st.markdown(
        f"Phones are asked: **{escape_markdown(question.ask)}** · **{answers_label(counted.answered)}**"
        + (" · answers locked" if locked else "")
        + (" · shown on the projector" if revealed else "")
    )
    with st.container(horizontal=True, gap="small"):
        if question.prompt_id.startswith("S"):
            st.button(
                "Back to the slides' questions",
                key=keys.LIVE_SPOT_OFF,
                on_click=_change,
                args=(code, owner, lambda s: {**s, "spot_on": None}),
            )
        else:
            kinds = [kind for kind in questions.KINDS if questions.prompt_question(state, question.prompt_id, kind)]
            kind_key = f"{keys.LIVE_ASK_KIND}{question.prompt_id}"
            st.session_state[kind_key] = question.kind
            st.selectbox(
                "Ask as",
                kinds,
                format_func=KIND_LABELS.get,
                key=kind_key,
                on_change=_ask_kind,
                args=(code, owner, question.prompt_id, kind_key),
                width=320,
            )
        st.button(
            "Hide the answers" if revealed else "Reveal the answers",
            key=keys.LIVE_REVEAL,
            icon=":material/visibility_off:" if revealed else ":material/bar_chart:",
            type="primary",
            on_click=_change,
            args=(code, owner, lambda s: live.toggled(s, "revealed", question.id, not revealed)),
        )
        st.button(
            "Unlock answers" if locked else "Lock answers",
            key=keys.LIVE_LOCK,
            icon=":material/lock_open:" if locked else ":material/lock:",
            on_click=_change,
            args=(code, owner, lambda s: live.toggled(s, "locked", question.id, not locked)),
        )
        st.button(
            "Clear these answers",
            key=keys.LIVE_CLEAR,
            icon=":material/delete_sweep:",
            on_click=_clear,
            args=(code, owner, question.id),
        )
    if question.moderated:
        _moderation(code, owner, question, answers)


def _moderation(code: str, owner: str, question: Question, answers: list) -> None:
    rows = moderation_list(question, answers)
    if not rows:
        st.markdown("No short answers yet. Each one waits here until you approve it for the projector.")
        return
    st.markdown("**Short answers** (only approved ones reach the projector):")
    for row in rows[:30]:
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.markdown(f"{escape_markdown(row.answer.get('text', ''))} · *{row.status}*", width="stretch")
            if row.status != live_store.APPROVED:
                st.button(
                    "Approve",
                    key=f"{keys.LIVE_MODERATE}{row.id}_approve",
                    on_click=_moderate,
                    args=(code, owner, row.id, live_store.APPROVED),
                )
            if row.status != live_store.REJECTED:
                st.button(
                    "Reject",
                    key=f"{keys.LIVE_MODERATE}{row.id}_reject",
                    on_click=_moderate,
                    args=(code, owner, row.id, live_store.REJECTED),
                )
    if len(rows) > 30:
        st.markdown(f"{len(rows) - 30} more; the CSV download has every answer.")


def _add_spot(code: str, owner: str) -> None:
    text = st.session_state.get(f"{keys.LIVE_SPOT_FORM}_text", "")
    kind = st.session_state.get(f"{keys.LIVE_SPOT_FORM}_kind", questions.TEXT)
    _change(code, owner, lambda state: questions.with_spot_question(state, text, kind))


def _spot_form(code: str, owner: str, state: dict) -> None:
    with (
        st.popover("Add a question on the spot", icon=":material/add_comment:"),
        st.form(keys.LIVE_SPOT_FORM, clear_on_submit=True, border=False),
    ):
        st.text_input("Question", key=f"{keys.LIVE_SPOT_FORM}_text", max_chars=questions.MAX_SPOT_CHARS)
        kinds = [questions.SCALE, questions.TEXT, *[k for k in questions.OPTION_KINDS if state["options"].get(k)]]
        st.radio("Answered by", kinds, format_func=KIND_LABELS.get, key=f"{keys.LIVE_SPOT_FORM}_kind")
        st.form_submit_button("Ask the room", on_click=_add_spot, args=(code, owner))


def _delete_all(code: str, owner: str) -> None:
    if st.session_state.get(keys.LIVE_DELETE_CONFIRM):
        _clear(code, owner, None)
    st.session_state[keys.LIVE_DELETE_CONFIRM] = False  # the next deletion is confirmed again


def _room_now(store, room_code: str, owner: str) -> tuple[dict, list]:
    """The room's questions and answers as they are when a download is clicked."""
    live_room = live_store.live_room_for_owner(store, room_code, owner)
    if live_room is None:
        return {}, []
    return live_room.state, live_store.owner_answers(store, live_room.join_code, owner) or []


def _downloads(store, room_code: str, code: str, owner: str, dataset: object) -> None:
    # Built when clicked (deferred), from the questions and answers as they are then.
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "Answers (CSV)",
            lambda: answers_csv(*_room_now(store, room_code, owner)),
            file_name=f"live-room-{code}-answers.csv",
            mime="text/csv",
            key=keys.LIVE_CSV,
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            "Summary (PDF)",
            lambda: summary_pdf(*_room_now(store, room_code, owner), dataset, code),
            file_name=f"live-room-{code}-summary.pdf",
            mime="application/pdf",
            key=keys.LIVE_PDF,
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
        # Deleting cannot be undone, so it takes two steps: tick, then click.
        confirmed = st.checkbox("Yes, delete every answer", key=keys.LIVE_DELETE_CONFIRM)
        st.button(
            "Delete all answers now",
            key=keys.LIVE_DELETE,
            icon=":material/delete_forever:",
            on_click=_delete_all,
            args=(code, owner),
            disabled=not confirmed,
            help="Tick the box first. Otherwise they are deleted by themselves a day after the room opened.",
        )


# The tallest a results chart may be on the projector: at 1280x720 the heading above it and the sentence
# under it fit too (checked in tests/browser/test_live_room.py).
PROJECTOR_CHART_HEIGHT = 400
# An options chart taller than PROJECTOR_CHART_HEIGHT (a row per option: many options) stands beside its
# sentence rather than above it, up to this height: the heading, the chart and the sentence fit 720 px
# (tests/browser/test_live_room_projector.py, with 14 options).
SIDE_BY_SIDE_CHART_HEIGHT = 580
# Every text of the results as large as the slides' (the sentence under a chart, the short answers), in the
# text's own dark colour: the room reads them from the back. The presenter's window never draws these.
RESULTS_STYLE = """<style>
.st-key-live_results [data-testid="stMarkdownContainer"] p,
.st-key-live_results blockquote, .st-key-live_results blockquote p { font-size: 24px; line-height: 1.4;
  color: #262730; opacity: 1; }
.st-key-live_results [data-testid="stMarkdownContainer"] p { margin-bottom: 0.25rem; }
</style>"""


def _revealed_question(room_code: str, owner: str):
    """The store, the live room and its current question if the presenter revealed its answers (else None)."""
    store, live_room = _live_room(room_code, owner)
    if live_room is None:
        return store, None, None
    question = questions.current_question(live_room.state, live_room.slide)
    if question is None or question.id not in live_room.state.get("revealed", []):
        return store, live_room, None
    return store, live_room, question


def results_shown(room_code: str, owner: str) -> bool:
    """Whether the projector shows the room's answers in place of the slide (and notes it for the poll)."""
    shown = _revealed_question(room_code, owner)[2] is not None
    st.session_state[keys.LIVE_PROJECTOR_RESULTS] = shown
    return shown


def _fitted(figure, height: int = PROJECTOR_CHART_HEIGHT):
    figure.update_layout(height=min(figure.layout.height or height, height))
    return figure


def _options_results(counted, dataset: object, kind: str) -> None:
    """The options chart and its sentence: the sentence under the chart, or beside it when the options are
    too many for both to fit one above the other (the chart grows a row per option, every one labelled)."""
    study = study_counts(dataset, kind)
    if figures.options_height(len(counted.counts)) <= PROJECTOR_CHART_HEIGHT:
        figure = figures.options_figure(counted, study, study_colours(dataset))
        st.plotly_chart(figure, key="live_options_chart", config={"displayModeBar": False})
        st.markdown(escape_markdown(figures.options_sentence(counted, study)) + " " + STUDY_COUNTS_NOTE)
        return
    figure = figures.options_figure(counted, study, study_colours(dataset), narrow=True)
    chart, said = st.columns([3, 2], gap="medium")
    with chart:
        st.plotly_chart(
            _fitted(figure, SIDE_BY_SIDE_CHART_HEIGHT), key="live_options_chart", config={"displayModeBar": False}
        )
    with said:
        sentence = figures.options_sentence(counted, study, compact=True)
        st.markdown(escape_markdown(sentence) + " " + STUDY_COUNTS_NOTE)


@st.fragment(run_every=1.5)
def projector_panel(room_code: str, owner: str, dataset: object) -> None:
    """The live room on the projector: how to join, and the answers once the presenter reveals them."""
    store, live_room, revealed = _revealed_question(room_code, owner)
    if (revealed is not None) != st.session_state.get(keys.LIVE_PROJECTOR_RESULTS, False):
        st.rerun()  # revealed or hidden since the page was drawn: the slide and the results swap places
    if live_room is None:
        return
    code, state = live_room.join_code, live_room.state
    question = questions.current_question(state, live_room.slide)
    address = join_address(code)
    if revealed is None:
        with st.container(key="live_join_box", horizontal=True, vertical_alignment="center", gap="medium"):
            st.html(figures.qr_markup(address))
            with st.container():
                st.markdown(f"### Answer on your phone\n\nCode **{code}**\n\n{escape_markdown(address)}")
                if question is not None:
                    answered = tally(question, live_store.question_answers(store, code, question.id)).answered
                    st.markdown(f"**{answers_label(answered)}**")
        return
    answers = live_store.owner_answers(store, code, owner) or []
    counted = tally(question, answers)
    with st.container(key="live_results"):
        st.html(RESULTS_STYLE)
        st.subheader(
            f"{escape_markdown(question.ask)} · **{answers_label(counted.answered)}** · code {code}", anchor=False
        )
        if question.is_options:
            _options_results(counted, dataset, question.kind)
        elif question.kind == questions.SCALE:
            st.plotly_chart(
                _fitted(figures.scale_figure(counted)), key="live_scale_chart", config={"displayModeBar": False}
            )
            st.markdown(escape_markdown(figures.scale_sentence(counted)))
        else:
            # The latest answers beside the words they use, so both fit the projector's height.
            # The answers as large and dark as the slides' text (RESULTS_STYLE); the latest that fit the
            # column, the rest counted (the presenter's list and the CSV have them all).
            said, used = st.columns(2, gap="medium")
            with said:
                if not counted.shown_texts:
                    st.markdown("No short answers approved yet.")
                shown = latest_that_fit(counted.shown_texts)
                for text in shown:
                    st.markdown(f"> {escape_markdown(text)}")
                if len(shown) < len(counted.shown_texts):
                    earlier = len(counted.shown_texts) - len(shown)
                    st.markdown(f"and {earlier} earlier approved {'answer' if earlier == 1 else 'answers'}")
            words = word_counts(counted.shown_texts)
            if words:
                with used:
                    st.plotly_chart(
                        _fitted(figures.words_figure(words)), key="live_words_chart", config={"displayModeBar": False}
                    )
                    st.markdown("Words used: " + escape_markdown(", ".join(f"{w} ({c})" for w, c in words)) + ".")
