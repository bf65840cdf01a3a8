"""A page whose run meets a fragment's rerun request at the worst moment, made to happen every time.

On a busy server the browser's fragment timer can have its request handled just after a full run's script has
ended but before all that run's messages were forwarded (components/ui/fragment_runs.py). Here the run itself
puts such a request on the server's event loop, ahead of the rest of its own messages: a callback that waits,
holding the loop, until this run's script has ended, then asks for the fragment's rerun as a request from the
browser would (AppSession.request_rerun with the fragment's id). The page's tail, drawn after that, must still
reach the browser. tests/browser/test_fragment_after_a_run.py drives it; `?plain=1` leaves the fix out.
"""

import sys
import time
from pathlib import Path

import streamlit as st
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for components/

from components.ui.fragment_runs import keep_finished_runs_output, run_ended_output_queued

if st.query_params.get("plain") != "1":
    keep_finished_runs_output()


@st.fragment(run_every=3600)  # a timer that never fires during the test: the request below stands for it
def poll() -> None:
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment run {st.session_state.fragment_runs}")


st.markdown("Head of the run")
context = get_script_run_ctx()
before = context.fragment_storage.registration_sequence()
poll()
(fragment_id,) = context.fragment_storage.ids_registered_after(before)

if st.query_params.get("race") == "1":
    session = Runtime.instance()._session_mgr.get_active_session_info(context.session_id).session
    request = ClientState(fragment_id=fragment_id, page_script_hash=context.page_script_hash, is_auto_rerun=True)

    def fragment_request_after_the_script_ended() -> None:
        deadline = time.monotonic() + 10
        while not run_ended_output_queued(session) and time.monotonic() < deadline:
            time.sleep(0.01)  # holds the event loop: this run's remaining messages queue up behind this callback
        session.request_rerun(request)

    session._event_loop.call_soon_threadsafe(fragment_request_after_the_script_ended)

for number in range(1, 6):
    st.markdown(f"Tail of the run, part {number}")
