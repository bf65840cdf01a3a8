"""The one place the app reads data: the bundled study, cached, or this session's own upload.

Pages call `active_dataset()` and never open files. An upload lives in this browser session's
state only: never written to disk, never shared with another session.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pandas as pd
import streamlit as st

from components.data.load import load_dataset_dir
from components.data.model import Dataset
from components.data.vocabulary import BUNDLED_DATA_DIR
from components.shared.session_keys import UPLOADED_DATASET
from components.ui.published import forget_published, published_dataset

# EXPLORER_DATA_DIR points the server at another dataset folder (the benchmark's synthetic data).
DATA_DIR_VARIABLE = "EXPLORER_DATA_DIR"


# A resource, not cache_data: one Dataset shared by every session, where cache_data unpickled a fresh copy on
# every read (1-18% of each page's time under load). Its frames are therefore never changed in place.
@st.cache_resource(show_spinner="Loading the coded study…")
def bundled_dataset() -> Dataset:
    """The dataset this server was started with (the bundled study unless EXPLORER_DATA_DIR says otherwise)."""
    # Whatever folder the server was started on is this server's own dataset, never "your data".
    return replace(load_dataset_dir(os.environ.get(DATA_DIR_VARIABLE) or BUNDLED_DATA_DIR), is_bundled=True)


@st.cache_resource(show_spinner=False)
def app_glossary() -> pd.DataFrame:
    """The app's own terms (the bundled study's glossary, in the repository's data/ folder), whatever folder the
    server was started on: a study without a glossary of its own borrows their definitions (About)."""
    if not os.environ.get(DATA_DIR_VARIABLE):
        return bundled_dataset().glossary
    return load_dataset_dir(BUNDLED_DATA_DIR).glossary


def active_dataset() -> Dataset:
    """The published study a ?study= link names, else this session's uploaded dataset, else the bundled study."""
    published = published_dataset()  # components/ui/published.py: ?study=ID on any page
    if published is not None:
        return published
    uploaded = st.session_state.get(UPLOADED_DATASET)
    return uploaded if uploaded is not None else bundled_dataset()


def use_uploaded_dataset(dataset: Dataset) -> None:
    forget_published()
    st.session_state[UPLOADED_DATASET] = dataset


def use_bundled_dataset() -> None:
    forget_published()
    st.session_state.pop(UPLOADED_DATASET, None)
