"""The wrapper that holds a fragment's rerun until the run before it is out (components/ui/fragment_runs.py):
wrapped once however often app.py calls it, only on the Streamlit it was read against. That it fixes the race
is shown on a real server: tests/browser/test_fragment_after_a_run.py."""

from __future__ import annotations

import pytest
import streamlit
from streamlit.runtime.app_session import AppSession

from components.ui.fragment_runs import STREAMLIT_VERSION, keep_finished_runs_output


def test_it_wraps_once() -> None:
    class Held(AppSession):
        pass

    assert keep_finished_runs_output(Held) is True
    wrapped = Held.request_rerun
    assert keep_finished_runs_output(Held) is True  # app.py calls it on every run: wrapping twice would nest
    assert Held.request_rerun is wrapped
    assert wrapped is not AppSession.request_rerun


def test_another_streamlit_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    class Untouched(AppSession):
        pass

    monkeypatch.setattr("streamlit.__version__", "9.9.9")
    assert keep_finished_runs_output(Untouched) is False
    assert Untouched.request_rerun is AppSession.request_rerun


def test_the_pinned_streamlit_is_the_one_the_wrapper_was_read_against() -> None:
    # When requirements.txt moves to another Streamlit, read AppSession.request_rerun again (does it still start
    # a new ScriptRunner and drop the old one's queued events?) before changing STREAMLIT_VERSION.
    assert streamlit.__version__ == STREAMLIT_VERSION
