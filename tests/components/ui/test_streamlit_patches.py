"""Both wrappers of the pinned Streamlit (components/ui/streamlit_patches.py): each wrapped once however often
app.py calls it, only on the Streamlit it was read against, and that is the Streamlit installed. What each
wrapper does is tested beside it (test_fragment_runs.py, test_downloads.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import streamlit
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.media_file_manager import MediaFileManager

from components.ui.downloads import keep_built_downloads
from components.ui.fragment_runs import keep_finished_runs_output
from components.ui.streamlit_patches import STREAMLIT_VERSION

# Each patch, the Streamlit class whose method it wraps, and that method.
PATCHES = [
    pytest.param(keep_finished_runs_output, AppSession, "request_rerun", id="fragment_runs"),
    pytest.param(keep_built_downloads, MediaFileManager, "execute_deferred", id="downloads"),
]


def unwrapped_subclass(name: str, streamlit_class: type, method_name: str) -> tuple[type, Callable]:
    """A subclass holding Streamlit's own method, so wrapping it here leaves Streamlit's class as the app has
    it (in a test process where app.py has already run, e.g. after the page tests, that class is wrapped)."""
    method = getattr(streamlit_class, method_name)
    own = getattr(method, "__wrapped__", method)
    return type(name, (streamlit_class,), {method_name: own}), own


@pytest.mark.parametrize(("patch", "streamlit_class", "method_name"), PATCHES)
def test_it_wraps_once(patch: Callable[[type], bool], streamlit_class: type, method_name: str) -> None:
    patched, own = unwrapped_subclass("Patched", streamlit_class, method_name)
    assert patch(patched) is True
    wrapped = getattr(patched, method_name)
    assert patch(patched) is True  # app.py calls it on every run: wrapping twice would nest
    assert getattr(patched, method_name) is wrapped
    assert wrapped is not own
    assert wrapped.__wrapped__ is own  # the way back to Streamlit's own
    assert wrapped.__name__ == method_name


@pytest.mark.parametrize(("patch", "streamlit_class", "method_name"), PATCHES)
def test_another_streamlit_is_left_alone(
    patch: Callable[[type], bool], streamlit_class: type, method_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    untouched, own = unwrapped_subclass("Untouched", streamlit_class, method_name)
    monkeypatch.setattr("streamlit.__version__", "9.9.9")
    assert patch(untouched) is False
    assert getattr(untouched, method_name) is own


def test_the_pinned_streamlit_is_the_one_the_wrappers_were_read_against() -> None:
    # When requirements.txt moves to another Streamlit, read both wrapped methods again before changing
    # STREAMLIT_VERSION: does AppSession.request_rerun still start a new ScriptRunner and drop the old one's
    # queued events, and does MediaFileManager.execute_deferred still store a built file no session references?
    assert streamlit.__version__ == STREAMLIT_VERSION
