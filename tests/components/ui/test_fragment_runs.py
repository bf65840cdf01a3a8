"""The wrapper that holds a fragment's rerun until the run before it is out (components/ui/fragment_runs.py):
a fragment's request held while an ended run's events wait, then handled; a full rerun never held; nothing held
for ever (wrapped once, only on the pinned Streamlit: test_streamlit_patches.py). The runner here is in
Streamlit's own STOP state (its ScriptRequests); the race itself was seen under a crowd of phones
(docs/performance.md, "Every answer confirmed")."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests

from components.ui.fragment_runs import keep_finished_runs_output


def run_loop_for(loop: asyncio.AbstractEventLoop, seconds: float) -> None:
    """Run `loop` for a while, in a thread of its own: the browser tests' Playwright keeps a loop running in this
    one when the whole suite runs."""
    runner = threading.Thread(target=lambda: loop.run_until_complete(asyncio.sleep(seconds)))
    runner.start()
    runner.join()


class Recorded:
    """A session whose own request_rerun records what reached it: the wrapper's hold is what is tested."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._event_loop = self.loop
        self._scriptrunner = None
        self.handled: list[ClientState | None] = []

    def request_rerun(self, client_state: ClientState | None) -> None:
        self.handled.append(client_state)


class EndedRunner:
    """A ScriptRunner whose script has ended (its requests are in Streamlit's own STOP state)."""

    def __init__(self) -> None:
        self._requests = ScriptRequests()
        self._requests.request_stop()


@pytest.fixture
def session() -> Iterator[Recorded]:
    """A recorded session, its request_rerun wrapped, whose ScriptRunner has ended its script."""

    class Session(Recorded):
        pass

    keep_finished_runs_output(Session)
    session = Session()
    session._scriptrunner = EndedRunner()  # its script has ended; its last events are still queued
    yield session
    session.loop.close()


def test_a_fragment_rerun_waits_until_the_ended_run_is_out_then_is_handled(session: Recorded) -> None:
    poll = ClientState(fragment_id="follow", is_auto_rerun=True)
    session.request_rerun(poll)
    run_loop_for(session.loop, 0.05)
    assert session.handled == []  # held while the ended run's events wait
    session._scriptrunner = None  # the session handled the runner's last event (its shutdown)
    run_loop_for(session.loop, 0.05)
    assert session.handled == [poll]


def test_a_full_rerun_and_a_fragment_rerun_with_nothing_queued_are_handled_at_once(session: Recorded) -> None:
    full = ClientState(query_string="")
    session.request_rerun(full)  # a full rerun redraws the whole page: never held
    session._scriptrunner = None
    poll = ClientState(fragment_id="follow")
    session.request_rerun(poll)
    assert session.handled == [full, poll]


def test_a_fragment_rerun_is_not_held_for_ever(session: Recorded, monkeypatch: pytest.MonkeyPatch) -> None:
    from components.ui import fragment_runs

    monkeypatch.setattr(fragment_runs, "HOLD_AT_MOST_SECONDS", 0.05)
    # The session's runner never shuts down (its last event never handled).
    poll = ClientState(fragment_id="follow")
    session.request_rerun(poll)
    run_loop_for(session.loop, 0.3)
    assert session.handled == [poll]  # handled as Streamlit would, once the hold ran out
