"""The "Keep" buttons and the links that reopen what they kept (Streamlit drawing; the logic is `payloads`).

Nothing kept is drawn as HTML: counts, the study's name escaped for Markdown, and the link in a code box.
While the database cannot be used the button says why and the page goes on as before.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.data.model import Dataset
from components.keep.payloads import (
    ASSESSMENT,
    PLAN,
    answers_from_payload,
    answers_notice,
    assessment_payload,
    normal_link_id,
    plan_from_payload,
    plan_notice,
    plan_payload,
    private_link,
)
from components.shared.session_keys import KEEP_ASSESSMENT, KEEP_PLAN, KEPT_LINKS, KEPT_NOTICE
from components.shared.text import escape_markdown
from components.store import KEPT_SECONDS, StoreUnavailableError
from components.ui import session
from components.ui.app_store import app_store, report_failure, store_problem

NOT_FOUND = (
    "Nothing is kept at this link. It may be incomplete (copy the whole link), or what it kept was deleted "
    f"after {KEPT_SECONDS // 86400} days without being opened."
)


def reopen_from_link(kind: str, apply: Callable[[dict], str | None]) -> None:
    """When the URL carries `?<kind>=ID`, open what was kept there once: `apply` puts it into this session and
    returns what to say (None when the payload is not one). The id then leaves the URL (it is private)."""
    if kind in st.query_params:
        raw = st.query_params.get(kind)
        del st.query_params[kind]
        st.session_state.setdefault(KEPT_NOTICE, {})[kind] = _open(kind, raw, apply)
    notice = st.session_state.get(KEPT_NOTICE, {}).pop(kind, None)
    if notice:
        level, message = notice
        show = {"success": st.success, "warning": st.warning}.get(level, st.error)
        show(escape_markdown(message), icon=_ICONS[level])


_ICONS = {"success": ":material/bookmark_added:", "warning": ":material/link_off:", "error": ":material/database:"}


def _open(kind: str, raw: object, apply: Callable[[dict], str | None]) -> tuple[str, str]:
    link_id = normal_link_id(raw)
    store = app_store()
    if store is None:
        return "error", f"This link cannot be opened now. {store_problem()}"
    try:
        payload = store.load_kept(kind, link_id) if link_id else None
    except StoreUnavailableError as error:
        return "error", f"This link cannot be opened now. {report_failure(error)}"
    said = apply(payload) if payload is not None else None
    return ("success", said) if said else ("warning", NOT_FOUND)


def keep_button(
    kind: str, *, label: str, key: str, page_path: str, make_payload: Callable[[], dict], what: str
) -> None:
    """The button that keeps `make_payload()` and, once pressed, the private link that reopens it."""
    problem = store_problem() if app_store() is None else None
    st.button(
        label,
        key=key,
        icon=":material/bookmark_add:",
        on_click=_keep,
        args=(kind, page_path, make_payload),
        disabled=bool(problem),
        help=f"Unavailable now. {problem}"
        if problem
        else f"Stores {what} on this server and gives you a private link that opens it again on any device. "
        "No account: anyone with the link can open it, so share it only with your team.",
    )
    kept = st.session_state.get(KEPT_LINKS, {}).get(kind)
    if kept is None:
        return
    if "error" in kept:
        st.error(escape_markdown(kept["error"]), icon=":material/database:")
        return
    st.success("Kept. This private link opens it again, on any device:", icon=":material/link:")
    st.code(kept["link"], language=None, wrap_lines=True)
    st.caption(
        f"Keep the link somewhere safe: it is the only way back, and anyone who has it can open {what}. Changes "
        f"made from now on are not in it: press the button again for a new link. What is kept is deleted after "
        f"{KEPT_SECONDS // 86400} days without being opened."
    )


def _keep(kind: str, page_path: str, make_payload: Callable[[], dict]) -> None:
    links = st.session_state.setdefault(KEPT_LINKS, {})
    store = app_store()
    if store is None:
        links[kind] = {"error": f"Not kept. {store_problem()}"}
        return
    try:
        link_id = store.keep(kind, make_payload())
    except StoreUnavailableError as error:
        links[kind] = {"error": f"Not kept. {report_failure(error)}"}
        return
    except ValueError:
        links[kind] = {"error": "Not kept: it is larger than this server keeps."}
        return
    links[kind] = {"link": private_link(st.context.url, page_path, kind, link_id)}


# ---------------------------------------------------------------------------------------------
# The two pages' calls


def reopen_plan(dataset: Dataset) -> None:
    """/recommendations?plan=ID: the kept plan replaces this session's (before the planner is drawn)."""

    def apply(payload: dict) -> str | None:
        reopened = plan_from_payload(dataset, payload)
        if reopened is None:
            return None
        session.replace_plan(reopened.ids, reopened.details)
        return plan_notice(reopened, dataset.name)

    reopen_from_link(PLAN, apply)


def keep_plan_button(dataset: Dataset) -> None:
    keep_button(
        PLAN,
        label="Keep this plan",
        key=KEEP_PLAN,
        page_path="recommendations",
        make_payload=lambda: plan_payload(dataset, session.plan_ids(dataset), session.plan_details()),
        what="this plan",
    )


def reopen_assessment(dataset: Dataset, item_ids: list[str]) -> None:
    """/self-assessment?assessment=ID: the kept answers replace this session's (before the form is drawn)."""

    def apply(payload: dict) -> str | None:
        reopened = answers_from_payload(item_ids, payload)
        if reopened is None:
            return None
        session.reset_assessment_answers(item_ids)
        session.save_assessment_answers(reopened.answers)
        return answers_notice(reopened, dataset.name)

    reopen_from_link(ASSESSMENT, apply)


def keep_assessment_button(dataset: Dataset, answers: dict[str, str]) -> None:
    keep_button(
        ASSESSMENT,
        label="Keep these answers",
        key=KEEP_ASSESSMENT,
        page_path="self-assessment",
        make_payload=lambda: assessment_payload(dataset, answers),
        what="these answers",
    )
