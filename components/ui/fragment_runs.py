"""A fragment's rerun that never throws away what the run before it drew (Streamlit 1.67, on a busy server).

The live room polls with fragments (`run_every`): every phone on /join, and the presenter's and projector's
windows. With 100 phones on two replicas (docs/performance.md) a few phones' answers were stored but never
confirmed: the run that drew "Answer received", and the question's form, stopped reaching the phone part way,
and the phone's next polls only redrew the fragment. The cause, in Streamlit 1.67's AppSession:
- a script run posts each message it draws to the server's event loop, which forwards them when it gets to
  them; when the script ends, its ScriptRunner stops, and a last event tells the session it has shut down;
- a fragment's rerun request that the loop handles in between (the script has ended, some of its messages are
  still queued) finds that ScriptRunner stopped, so the session starts a new one, and then ignores every event
  still queued from the old one ("Ignoring event from non-current ScriptRunner"): the rest of that run's page
  never reaches the browser.
The browser's fragment timer sends its request whether or not a run is under way, so on a busy server (the
event loop behind the script threads) this happens to real phones, not only to the benchmark's.

`keep_finished_runs_output` has the session hold such a fragment request until the finished run's events have
all been handled (its runner's shutdown included), then handle it as before, a few milliseconds later. A full
rerun is left as it is: it redraws the whole page anyway. It wraps one method of the pinned Streamlit and
checks that version first; tests/components/ui/test_fragment_runs.py tests the hold. Drop it once Streamlit holds
such requests itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

from components.ui.streamlit_patches import wrap_pinned

# Marks the wrapper (read against streamlit_patches.STREAMLIT_VERSION), so it is put on once.
_WRAPPED = "_keeps_finished_runs_output"
RETRY_SECONDS = 0.005
# A runner's last events are handled within milliseconds, however busy the loop; past this the request is
# handled as Streamlit would, rather than held for ever.
HOLD_AT_MOST_SECONDS = 2.0


def run_ended_output_queued(session: AppSession) -> bool:
    """The session's ScriptRunner has ended its script, but the session has not yet handled all its events."""
    runner = session._scriptrunner
    return runner is not None and runner._requests._state == ScriptRequestType.STOP


def keep_finished_runs_output(session_class: type = AppSession) -> bool:
    """Have fragment reruns wait for the previous run's output (once per process); False if this Streamlit is not
    the pinned one."""
    return wrap_pinned(session_class, "request_rerun", _holding_fragment_reruns, _WRAPPED)


def _holding_fragment_reruns(request_rerun: Callable) -> Callable:
    def hold_fragment_rerun(session, client_state, held_until: float | None = None) -> None:
        if client_state is not None and client_state.fragment_id and run_ended_output_queued(session):
            held_until = time.monotonic() + HOLD_AT_MOST_SECONDS if held_until is None else held_until
            if time.monotonic() < held_until:
                session._event_loop.call_later(RETRY_SECONDS, hold_fragment_rerun, session, client_state, held_until)
                return
        request_rerun(session, client_state)

    return hold_fragment_rerun
