"""The your-data page's Publish button and owner controls (a study opened by a `?study=` link is
components/ui/published.py; settings, links and sentences are components/shared/publishing.py)."""

from __future__ import annotations

import secrets

import streamlit as st

from components.data.model import Dataset
from components.data.stored_form import dataset_bytes
from components.shared import publishing as publish
from components.shared.session_keys import (
    OWNER_DELETE,
    OWNER_DELETE_CONFIRM,
    OWNER_EXPIRY,
    OWNER_LIFETIME,
    OWNER_REPLACE,
    PUBLISH_ATTEMPTS_ID,
    PUBLISH_BUTTON,
    PUBLISH_KEY,
    PUBLISH_LIFETIME,
    PUBLISHED_NOTICE,
    PUBLISHED_OWNED,
    PUBLISHED_STUDY,
)
from components.shared.text import escape_markdown
from components.ui.published import SECTION_TITLE, forget_published, is_session_upload, parsed, unavailable

# ---------------------------------------------------------------------------------------------
# The your-data page


def _attempts_session() -> str:
    """Who is trying, for counting wrong keys and owner links: this browser (its XSRF cookie, as the presenter's
    rooms and the live room name it), else a random name kept for this session."""
    from components.present.presenter import browser_id  # imported on first use (module docstring)

    from_cookie = browser_id(st.context.cookies)
    if from_cookie:
        return from_cookie
    if PUBLISH_ATTEMPTS_ID not in st.session_state:
        st.session_state[PUBLISH_ATTEMPTS_ID] = secrets.token_urlsafe(18)
    return st.session_state[PUBLISH_ATTEMPTS_ID]


def _limits():
    """(the publishing key's limit, the owner link's limit): wrong attempts counted in the store, see
    components/shared/publishing.py for the numbers and components/store/attempts.py for how they hold."""
    from components.store.attempts import AttemptLimit  # imported on first use (module docstring)

    window = publish.ATTEMPT_WINDOW_SECONDS
    return (
        AttemptLimit("publish-key", publish.WRONG_KEYS_PER_BROWSER, publish.WRONG_KEYS_PER_SERVER, window, True),
        AttemptLimit(
            "owner-link", publish.WRONG_OWNER_LINKS_PER_BROWSER, publish.WRONG_OWNER_LINKS_PER_STUDY, window, False
        ),
    )


SERVER_KEY = "the server's publishing key"  # the one subject of the publishing key's limit


def claim_owner_link() -> None:
    """On /your-data?study=ID&owner=TOKEN: this session may change the study when the token is its owner's.

    A token that opens nothing is counted (components/store/attempts.py) and taken out of the address bar, so
    a rerun does not count it again; a browser past the limit waits before its next owner link is checked."""
    from components.store import attempts, published  # imported on first use (module docstring)
    from components.store.store import StoreUnavailableError
    from components.ui.app_store import app_store, report_failure, store_problem

    token = st.query_params.get(publish.OWNER_PARAM)
    if token is None:
        return
    study_id = st.query_params.get(publish.STUDY_PARAM) or ""
    store = app_store()
    if store is None:
        st.session_state[PUBLISHED_NOTICE] = ("error", unavailable(store_problem()))
        return
    limit, session = _limits()[1], _attempts_session()
    try:
        wait = attempts.wait_seconds(store, limit, study_id, session)
        header = None if wait else published.owned_study(store, study_id, token)
        if header is None and not wait:
            attempts.note_failure(store, limit, study_id, session)
    except StoreUnavailableError as error:
        st.session_state[PUBLISHED_NOTICE] = ("error", unavailable(report_failure(error)))
        return
    if header is None:
        del st.query_params[publish.OWNER_PARAM]
        st.session_state.pop(PUBLISHED_OWNED, None)
        message = publish.too_many_owner_links_message(attempts.wait_words(wait)) if wait else publish.OWNER_NOT_FOUND
        st.session_state[PUBLISHED_NOTICE] = ("error", message)
    else:
        st.session_state[PUBLISHED_OWNED] = (study_id, token)
        st.markdown(
            "You opened the owner link of this study: "
            f"[its controls are further down this page](#{SECTION_TITLE.lower().replace(' ', '-')})."
        )


def _notice() -> None:
    notice = st.session_state.pop(PUBLISHED_NOTICE, None)
    if notice:
        kind, text = notice
        (st.success if kind == "success" else st.error)(text)


def _links(study_id: str, owner_token: str) -> tuple[str, str]:
    base = publish.base_url(getattr(st.context, "url", None))
    return publish.read_link(base, study_id), publish.owner_link(base, study_id, owner_token)


def publish_section(dataset: Dataset) -> None:
    """Publish the study open in this session, or (holding its owner link) change or delete a published one."""
    st.markdown(
        f"### {SECTION_TITLE}\n"
        "Share your study by link: anyone who has the **read link** sees it on every page, read-only, and "
        "nobody else can find it (no page lists published studies). A private **owner link** replaces its "
        "data, changes how long it stays and deletes it. Nothing is kept on the server until you press Publish."
    )
    _notice()
    owned = st.session_state.get(PUBLISHED_OWNED)
    if owned is not None:
        _owner_controls(dataset, *owned)
    elif is_session_upload(dataset):
        _publish_form(dataset)
    else:
        st.markdown("Open your study above (CSV files or a QDA project) to publish it.")


def _publish_form(dataset: Dataset) -> None:
    from components.store import published  # imported on first use (module docstring)
    from components.store.store import StoreUnavailableError
    from components.ui.app_store import app_store, report_failure, store_problem

    config = publish.settings()
    typed_key = None
    if config.needs_key:
        typed_key = st.text_input(
            "Publishing key",
            type="password",
            key=PUBLISH_KEY,
            help="This server publishes only for people who have its key: ask whoever runs it.",
        )
    lifetime = st.selectbox(
        "Keep it published for",
        list(publish.LIFETIMES),
        index=list(publish.LIFETIMES).index(publish.DEFAULT_LIFETIME),
        key=PUBLISH_LIFETIME,
        help="After this it is deleted. With the owner link you can keep it longer or delete it sooner.",
    )
    if not st.button(f"Publish {dataset.name}", type="primary", icon=":material/publish:", key=PUBLISH_BUTTON):
        return
    store = app_store()
    if store is None:
        st.error(unavailable(store_problem()) + " Nothing was published.")
        return
    if config.needs_key and not _key_accepted(store, typed_key, config.key):
        return
    content = dataset_bytes(dataset)
    if len(content) > config.max_bytes:
        st.error(publish.too_large_message(len(content), config))
        return
    try:
        study_id, token = published.publish(
            store,
            content,
            publish.study_meta(dataset),
            lifetime=publish.LIFETIMES[lifetime],
            max_studies=config.max_studies,
            max_bytes=config.max_bytes,
        )
    except published.PublishLimitError:
        st.error(publish.too_many_message(config))
        return
    except StoreUnavailableError as error:
        st.error(f"{escape_markdown(report_failure(error))} Nothing was published.")
        return
    st.session_state[PUBLISHED_OWNED] = (study_id, token)
    st.session_state[PUBLISHED_NOTICE] = (
        "success",
        f"**Published:** {escape_markdown(dataset.name)}. Share the read link below; keep the owner link to yourself.",
    )
    st.rerun()


def _key_accepted(store, typed_key: str | None, key: str) -> bool:
    """Whether the typed publishing key is the server's; says why not. Wrong keys are counted in the store
    (per browser, and for the whole server), and past the limit no key is checked until the window passes."""
    from components.store import attempts
    from components.store.store import StoreUnavailableError
    from components.ui.app_store import report_failure

    limit, session = _limits()[0], _attempts_session()
    try:
        wait = attempts.wait_seconds(store, limit, SERVER_KEY, session)
        if wait:
            st.error(publish.too_many_keys_message(attempts.wait_words(wait)))
            return False
        if publish.key_matches(typed_key, key):
            return True
        attempts.note_failure(store, limit, SERVER_KEY, session)
    except StoreUnavailableError as error:
        st.error(f"{escape_markdown(report_failure(error))} Nothing was published.")
        return False
    st.error(publish.WRONG_KEY)
    return False


def _owner_controls(dataset: Dataset, study_id: str, token: str) -> None:
    from components.store import published  # imported on first use (module docstring)
    from components.store.store import StoreUnavailableError
    from components.ui.app_store import app_store, report_failure, store_problem

    store = app_store()
    if store is None:
        st.error(unavailable(store_problem()))
        return
    try:
        header = published.owned_study(store, study_id, token)
    except StoreUnavailableError as error:
        st.error(unavailable(report_failure(error)))
        return
    if header is None:
        st.session_state.pop(PUBLISHED_OWNED, None)
        st.error(publish.OWNER_NOT_FOUND)
        return
    read, owner = _links(study_id, token)
    with st.container(border=True):
        st.markdown(
            f"**Your published study:** {escape_markdown(header.meta.get('name', ''))}, published until "
            f"{publish.expiry_text(header.expires_at)}.\n\n"
            "**Read link**, to share: it opens the study on every page, read-only."
        )
        st.code(read, language=None, wrap_lines=True)
        st.markdown(
            "**Owner link**, to keep private: it changes and deletes the study. Keep it somewhere safe: the "
            "server keeps only a fingerprint of it and cannot show it again."
        )
        st.code(owner, language=None, wrap_lines=True)
        with st.container(horizontal=True, vertical_alignment="bottom"):
            lifetime = st.selectbox(
                "Keep it published for, from today",
                list(publish.LIFETIMES),
                index=list(publish.LIFETIMES).index(publish.DEFAULT_LIFETIME),
                key=OWNER_LIFETIME,
            )
            if st.button("Change the expiry", icon=":material/event:", key=OWNER_EXPIRY) and _owner_action(
                lambda: published.set_expiry(store, study_id, token, publish.LIFETIMES[lifetime]),
                f"It now stays published for {lifetime}, from today.",
            ):
                st.rerun()
        if is_session_upload(dataset):
            if st.button(f"Replace its data with {dataset.name}", icon=":material/swap_horiz:", key=OWNER_REPLACE):
                config = publish.settings()
                content = dataset_bytes(dataset)
                if len(content) > config.max_bytes:
                    st.error(publish.too_large_message(len(content), config))
                elif _owner_action(
                    lambda: published.replace_data(
                        store, study_id, token, content, publish.study_meta(dataset), config.max_bytes
                    ),
                    f"Its data is now {escape_markdown(dataset.name)}; both links stay the same.",
                    forget=header.data_id,
                ):
                    st.rerun()
        else:
            st.markdown(
                "To replace its data, open the new version above (CSV files or a QDA project): a button here "
                "then puts it in place of the published one, under the same links."
            )
        confirm = st.checkbox("Yes, delete it for everyone", key=OWNER_DELETE_CONFIRM)
        if st.button("Delete the published study", icon=":material/delete:", disabled=not confirm, key=OWNER_DELETE):
            if _owner_action(
                lambda: published.delete_everything(store, study_id, token),
                "**Deleted.** The study and its data are gone from the server; its read link now says it is "
                "no longer published.",
                forget=header.data_id,
            ):
                st.session_state.pop(PUBLISHED_OWNED, None)
                if st.session_state.get(PUBLISHED_STUDY) == study_id:
                    forget_published()
            st.rerun()


def _owner_action(action, done: str, forget: str | None = None) -> bool:
    """Run one owner change and note what it did (or that the link no longer works) for after the rerun;
    False (and the reason shown now) when the database could not be used."""
    from components.store.store import StoreUnavailableError
    from components.ui.app_store import report_failure

    try:
        result = action()
    except StoreUnavailableError as error:
        st.error(f"{escape_markdown(report_failure(error))} Nothing was changed.")
        return False
    if result is None or result is False:
        st.session_state.pop(PUBLISHED_OWNED, None)
        st.session_state[PUBLISHED_NOTICE] = ("error", publish.OWNER_NOT_FOUND)
        return True  # the controls go on the rerun, with the one message for every link that opens nothing
    if forget:
        parsed().forget(forget)
    st.session_state[PUBLISHED_NOTICE] = ("success", done)
    return True
