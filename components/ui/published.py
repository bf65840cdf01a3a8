"""Published studies in the app: the study a `?study=ID` link opens on any page and its read-only banner (the
your-data page's Publish button and owner controls are components/publish/draw.py).

Streamlit lives here, logic does not: settings, links and sentences come from components/shared/publishing.py, the
rows from components/store/published.py (tested without Streamlit). A published study is read back through
the one loader (components.data.stored_form -> build_dataset) exactly like an upload.

Caching: a study is parsed once per process and kept under the SHA-256 of its stored bytes, and its views
are shared by every session of the process (components.ui.view_cache), like the bundled study's. Readers
of one link (a class, a team) see the same bytes, and the cache is keyed by them, so sharing gives nobody
anything their link does not; each session building its own views would make every reader's first page
pay for them again. The store is still asked on every run whether the id is live, so a deleted or expired
study is gone from the next run on, on every replica.

The store's modules (SQLAlchemy, Alembic) are imported only when a page needs them: a page with no ?study=
costs nothing more than before, as every page reads its dataset through components.ui.access.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

import streamlit as st

from components.data.model import Dataset, DatasetError
from components.data.stored_form import dataset_from_bytes
from components.shared import publishing as publish
from components.shared.session_keys import (
    PUBLISHED_RETURN,
    PUBLISHED_RUN,
    PUBLISHED_STUDY,
    UPLOADED_DATASET,
)
from components.shared.text import escape_markdown

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
def parsed() -> _ParsedStudies:
    return _ParsedStudies()


def unavailable(reason: str | None) -> str:
    return (
        f"**The published study cannot be opened now.** {escape_markdown(reason or 'The database cannot be used.')} "
        "The pages show the explorer's own study instead."
    )


def _open(study_id: str) -> Opened:
    from components.store import published  # imported on first use (module docstring)
    from components.store.store import StoreUnavailableError
    from components.ui.app_store import app_store, report_failure, store_problem

    store = app_store()
    if store is None:
        return Opened(study_id, None, message=unavailable(store_problem()))
    try:
        header = published.published_header(store, study_id)
        if header is None:
            return Opened(study_id, None, message=publish.NOT_FOUND)
        dataset = parsed().get(header.data_id)
        if dataset is None:
            content = store.get_data(header.data_id)
            if content is None:  # deleted between the two reads
                return Opened(study_id, None, message=publish.NOT_FOUND)
            with st.spinner("Opening the published study…"):
                dataset = replace(dataset_from_bytes(content), published=True)
            parsed().put(header.data_id, dataset)
    except StoreUnavailableError as error:
        return Opened(study_id, None, message=unavailable(report_failure(error)))
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

    Called by components.ui.access.active_dataset on every run. The id is put back in the URL on each page
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


def is_session_upload(dataset: Dataset) -> bool:
    return not dataset.is_bundled and dataset is st.session_state.get(UPLOADED_DATASET)
