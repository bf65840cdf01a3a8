"""Published studies in the app: the study a `?study=ID` link opens on any page, its read-only banner, and
the your-data page's Publish button and owner controls.

Streamlit lives here, logic does not: settings, links and sentences come from components/publish.py, the
rows from components/store/published.py (tested without Streamlit). A published study is read back through
the one loader (components.data.stored_form -> build_dataset) exactly like an upload.

Caching: a study is parsed once per process and kept under the SHA-256 of its stored bytes, and its views
are shared by every session of the process (components.ui.view_cache), like the bundled study's. Readers
of one link (a class, a team) see the same bytes, and the cache is keyed by them, so sharing gives nobody
anything their link does not; each session building its own views would make every reader's first page
pay for them again. The store is still asked on every run whether the id is live, so a deleted or expired
study is gone from the next run on, on every replica.

The store's modules (SQLAlchemy, Alembic) are imported only when a page needs them: a page with no ?study=
costs nothing more than before, as every page reads its dataset through components.data.access.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

import streamlit as st

from components import publish
from components.data.model import Dataset, DatasetError
from components.data.stored_form import dataset_bytes, dataset_from_bytes
from components.text import escape_markdown
from components.ui.session_keys import (
    OWNER_DELETE,
    OWNER_DELETE_CONFIRM,
    OWNER_EXPIRY,
    OWNER_LIFETIME,
    OWNER_REPLACE,
    PUBLISH_BUTTON,
    PUBLISH_KEY,
    PUBLISH_LIFETIME,
    PUBLISHED_NOTICE,
    PUBLISHED_OWNED,
    PUBLISHED_RETURN,
    PUBLISHED_RUN,
    PUBLISHED_STUDY,
    UPLOADED_DATASET,
)

PARSED_MAX_ENTRIES = 8  # parsed published studies kept per process (least recently used out first)
SECTION_TITLE = "Publish this study"


@dataclass(frozen=True)
class Opened:
    """What this run's ?study= opened: the dataset and its metadata, or the message saying why not."""

    study_id: str
    dataset: Dataset | None
    meta: dict[str, Any] = field(default_factory=dict)
    message: str = ""


class _ParsedStudies:
    """Parsed published studies by data id (content SHA-256): a small LRU shared by the process's sessions."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, Dataset] = OrderedDict()

    def get(self, data_id: str) -> Dataset | None:
        with self.lock:
            if data_id in self.entries:
                self.entries.move_to_end(data_id)
                return self.entries[data_id]
        return None

    def put(self, data_id: str, dataset: Dataset) -> None:
        with self.lock:
            self.entries[data_id] = dataset
            while len(self.entries) > PARSED_MAX_ENTRIES:
                self.entries.popitem(last=False)

    def forget(self, data_id: str) -> None:
        with self.lock:
            self.entries.pop(data_id, None)


@st.cache_resource(show_spinner=False)
def _parsed() -> _ParsedStudies:
    return _ParsedStudies()


def _unavailable(reason: str | None) -> str:
    return (
        f"**The published study cannot be opened now.** {escape_markdown(reason or 'The database cannot be used.')} "
        "The pages show the explorer's own study instead."
    )


def _open(study_id: str) -> Opened:
    from components.store import published  # imported on first use (module docstring)
    from components.store.app_store import app_store, report_failure, store_problem
    from components.store.store import StoreUnavailableError

    store = app_store()
    if store is None:
        return Opened(study_id, None, message=_unavailable(store_problem()))
    try:
        header = published.published_header(store, study_id)
        if header is None:
            return Opened(study_id, None, message=publish.NOT_FOUND)
        dataset = _parsed().get(header.data_id)
        if dataset is None:
            content = store.get_data(header.data_id)
            if content is None:  # deleted between the two reads
                return Opened(study_id, None, message=publish.NOT_FOUND)
            with st.spinner("Opening the published study…"):
                dataset = replace(dataset_from_bytes(content), published=True)
            _parsed().put(header.data_id, dataset)
    except StoreUnavailableError as error:
        return Opened(study_id, None, message=_unavailable(report_failure(error)))
    except DatasetError:
        # Stored by this app, so only a damaged row or a loader grown stricter lands here: say so plainly.
        return Opened(
            study_id,
            None,
            message="**The published study cannot be read.** The pages show the explorer's own study instead.",
        )
    return Opened(study_id, dataset, header.meta)


def published_dataset() -> Dataset | None:
    """The published study this page's ?study= names (or this session's, moving between pages), else None.

    Called by components.data.access.active_dataset on every run. The id is put back in the URL on each page
    (navigation drops query parameters), so the address bar is always a link to what is shown.
    """
    state = st.session_state
    state.pop(PUBLISHED_RUN, None)
    study_id = st.query_params.get(publish.STUDY_PARAM)
    if study_id is None:
        study_id = state.get(PUBLISHED_STUDY)
        if not study_id:
            return None
        st.query_params[publish.STUDY_PARAM] = study_id
    opened = _open(study_id)
    state[PUBLISHED_RUN] = opened
    if opened.dataset is None:
        state.pop(PUBLISHED_STUDY, None)
        return None
    state[PUBLISHED_STUDY] = study_id
    return opened.dataset


def forget_published() -> None:
    """Stop showing a published study in this session (its owner token, if held, is kept)."""
    st.session_state.pop(PUBLISHED_STUDY, None)
    st.session_state.pop(PUBLISHED_RUN, None)
    for param in (publish.STUDY_PARAM, publish.OWNER_PARAM):
        if param in st.query_params:
            del st.query_params[param]


def keep_in_url(dataset: Dataset) -> None:
    """At the end of a page: put the published study's id back if the page rewrote the URL without it (Explore
    and Present replace their whole query), so the address bar stays a link to what is shown."""
    opened = _opened_now(dataset)
    if opened is not None and st.query_params.get(publish.STUDY_PARAM) != opened.study_id:
        st.query_params[publish.STUDY_PARAM] = opened.study_id


def _opened_now(dataset: Dataset) -> Opened | None:
    opened = st.session_state.get(PUBLISHED_RUN)
    return opened if opened is not None and opened.dataset is dataset else None


def banner(dataset: Dataset) -> bool:
    """The read-only banner of a published study, or why a ?study= link opened nothing. True when the dataset
    shown is a published study (so the upload banner is not drawn)."""
    opened = st.session_state.get(PUBLISHED_RUN)
    if opened is None:
        return False
    if opened.dataset is None:
        st.warning(opened.message, icon=":material/link_off:")
        return False
    if opened.dataset is not dataset:
        return False
    with st.container(border=True):
        st.markdown(publish.banner_markdown(opened.meta))
        if st.button("Close the published study", key=PUBLISHED_RETURN):
            forget_published()
            st.rerun()
    return True


def showing_now(dataset: Dataset) -> str | None:
    """The your-data page's "Showing now" line for a published study; None for any other dataset."""
    opened = _opened_now(dataset)
    if opened is None:
        return None
    return (
        f"**Showing now:** the published study {escape_markdown(dataset.name)}, read-only. Close it with the "
        "button at the top."
    )


def _is_session_upload(dataset: Dataset) -> bool:
    return not dataset.is_bundled and dataset is st.session_state.get(UPLOADED_DATASET)


# ---------------------------------------------------------------------------------------------
# The your-data page


def claim_owner_link() -> None:
    """On /your-data?study=ID&owner=TOKEN: this session may change the study when the token is its owner's."""
    from components.store import published  # imported on first use (module docstring)
    from components.store.app_store import app_store, report_failure, store_problem
    from components.store.store import StoreUnavailableError

    token = st.query_params.get(publish.OWNER_PARAM)
    if token is None:
        return
    study_id = st.query_params.get(publish.STUDY_PARAM) or ""
    store = app_store()
    if store is None:
        st.session_state[PUBLISHED_NOTICE] = ("error", _unavailable(store_problem()))
        return
    try:
        header = published.owned_study(store, study_id, token)
    except StoreUnavailableError as error:
        st.session_state[PUBLISHED_NOTICE] = ("error", _unavailable(report_failure(error)))
        return
    if header is None:
        st.session_state.pop(PUBLISHED_OWNED, None)
        st.session_state[PUBLISHED_NOTICE] = ("error", publish.OWNER_NOT_FOUND)
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
    elif _is_session_upload(dataset):
        _publish_form(dataset)
    else:
        st.markdown("Open your study above (CSV files or a QDA project) to publish it.")


def _publish_form(dataset: Dataset) -> None:
    from components.store import published  # imported on first use (module docstring)
    from components.store.app_store import app_store, report_failure, store_problem
    from components.store.store import StoreUnavailableError

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
    if not publish.key_matches(typed_key, config.key):
        st.error(publish.WRONG_KEY)
        return
    content = dataset_bytes(dataset)
    if len(content) > config.max_bytes:
        st.error(publish.too_large_message(len(content), config))
        return
    store = app_store()
    if store is None:
        st.error(_unavailable(store_problem()) + " Nothing was published.")
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


def _owner_controls(dataset: Dataset, study_id: str, token: str) -> None:
    from components.store import published  # imported on first use (module docstring)
    from components.store.app_store import app_store, report_failure, store_problem
    from components.store.store import StoreUnavailableError

    store = app_store()
    if store is None:
        st.error(_unavailable(store_problem()))
        return
    try:
        header = published.owned_study(store, study_id, token)
    except StoreUnavailableError as error:
        st.error(_unavailable(report_failure(error)))
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
        if _is_session_upload(dataset):
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
    from components.store.app_store import report_failure
    from components.store.store import StoreUnavailableError

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
        _parsed().forget(forget)
    st.session_state[PUBLISHED_NOTICE] = ("success", done)
    return True
