"""Measure the live room's phone page under a crowd (not a test: it asserts nothing).

    .venv/bin/python scripts/bench_join.py                 # 30 phones on one process, then 100 on 2 replicas
    .venv/bin/python scripts/bench_join.py --phones 30 --skip-replicas --rounds 5
    .venv/bin/python scripts/bench_join.py --replica-phones 100 --answers 3 --skip-single

What it measures, with raw websocket clients (no drawing; each client has its own cookies, so its own
participant id), against servers on 127.0.0.1 started here with a throwaway SQLite store:
- one process, N phones at once: the first view of /join?code=... (websocket opened -> script finished)
  and an answer's round trip (form sent -> "Answer received" back), p50/p95, against the bare page
  (scripts/bare_app.py) under the same N: its first view, and its button's rerun; in rounds (--rounds), each
  phone crowd followed by a bare one, with the median of the rounds' p95 ratios (one burst alone swings with
  whatever else the machine is doing at that moment);
- how fast phones follow the presenter: from the store's change to each phone's new question, p50/p95
  (the page polls every second, draw_phone.POLL_SECONDS);
- scripts/serve.sh --replicas 2 (HAProxy) on one SQLite file, M phones x K answers (the presenter puts up a
  new question between rounds): first view, answer round trip and follow p95, and the rows in the store
  (every answer counted: M x K rows); then a few real Chromium phones (--browser-phones, 390x844), timed from
  the presenter's change in the store to the new question's text in each page, 3 changes.

A raw phone does what the browser does: it answers a question only once its form has arrived whole (with that
form's own Send button), its emulated poll (the fragment's timer) names the page by its hash and carries the
phone's widget values, and an answer that the page does not confirm with "Answer received" is counted as not
received, with what the page said. EXPLORER_PORTS=8620-8649 keeps every server it starts in that range.

The first rerun_script frame each client sends is what Chromium sent for the same page (captured once, as
scripts/benchmark.py does). Prints Markdown tables; copy them into docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect as websockets_connect
from websockets.typing import Subprotocol

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from benchmarking.crowd import capture_first_requests, fetch_cookies, retarget  # noqa: E402
from benchmarking.gil_profile import Profiler, hot_spots  # noqa: E402
from benchmarking.servers import repo_config_flags  # noqa: E402

from components.live_room import questions  # noqa: E402
from components.live_room.evidence import category_themes, prompt_rows  # noqa: E402
from components.present.deck import build_deck  # noqa: E402
from components.store import Store  # noqa: E402
from components.store import live_room as live_store  # noqa: E402
from components.ui.access import bundled_dataset  # noqa: E402
from tests.browser.conftest import free_port, start_streamlit  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, chromium_path  # noqa: E402

XSRF_COOKIE = "_streamlit_xsrf"
STREAM_PATH = "/_stcore/stream"
OWNER = "bench-presenter-browser"
TARGET_RATIO = 1.5
TARGET_REPLICA_P95 = 2.0
TIMEOUT = 120.0
FOLLOW_WAIT = 5.0
RECEIVED = "Answer received"


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


class Client:
    """One phone (or bare page) on a raw websocket: reads every message in the background."""

    def __init__(self, base_url: str, first_frame: bytes, cookies: dict[str, str]):
        self.base_url = base_url
        self.first = BackMsg.FromString(first_frame)
        self.cookies = cookies
        self.socket = None
        self.finished = 0
        self.received = 0
        self.refused: list[str] = []  # what the page said instead of "Answer received"
        self.checkboxes: list[str] = []  # widget ids of the latest question's options
        self.form = ""
        self.submit_form = ""  # the form whose submit button `submit` is: the question is whole once it is `form`
        # The values this phone has sent for the widgets on its page. Like the browser's widget manager, every
        # later rerun (the poll's too) carries them: Streamlit folds a rerun that arrives while another is
        # pending into one, keeping the newer one's values, so a poll sent without them would untick an
        # answer sent just before it ("Pick at least one option").
        self.widgets: dict[str, WidgetState] = {}
        self.nudged = False  # had to be rerun by hand to see the next question
        self.page_script_hash = ""
        self.timers: dict[str, asyncio.Task] = {}
        self.intervals: dict[str, float] = {}
        self.submit: str | None = None
        self.button: str | None = None
        self.changed = asyncio.Event()
        self.errors: list[str] = []
        self.reader: asyncio.Task | None = None

    async def open(self) -> float:
        headers = {"Origin": self.base_url, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        protocols = [Subprotocol("streamlit")]
        if XSRF_COOKIE in self.cookies:
            protocols.append(Subprotocol(self.cookies[XSRF_COOKIE]))
        start = time.perf_counter()
        self.socket = await websockets_connect(
            "ws" + self.base_url.removeprefix("http") + STREAM_PATH,
            subprotocols=protocols,
            additional_headers=headers,
            proxy=None,
            max_size=None,
            ping_interval=None,
            open_timeout=None,
        )
        self.reader = asyncio.create_task(self._read())
        await self.socket.send(self.first.SerializeToString())
        await self.wait(lambda: self.finished >= 1)
        return time.perf_counter() - start

    async def _read(self) -> None:
        try:
            await self._read_all()
        except Exception as error:  # noqa: BLE001 - reported with the client's errors
            self.errors.append(f"reader: {type(error).__name__}: {error}"[:80])
        self.changed.set()

    def state(self) -> str:
        """Where this phone is, for a report of one that waited too long."""
        return (
            f"form {self.form or '-'}, {len(self.checkboxes)} options, submit of {self.submit_form or '-'}, "
            f"{self.finished} runs, socket {getattr(self.socket, 'state', '?')}, reader done {self.reader.done()}"
        )

    async def _read_all(self) -> None:
        async for raw in self.socket:
            if isinstance(raw, str):
                continue
            message = ForwardMsg.FromString(raw)
            kind = message.WhichOneof("type")
            if kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.finished += 1
            elif kind == "navigation" and message.navigation.page_script_hash:
                # The page's own hash (new_session carries app.py's): a fragment's rerun names its page, as
                # the browser's does, so that a full rerun it asks for (st.rerun) runs /join again.
                self.page_script_hash = message.navigation.page_script_hash
            elif kind == "auto_rerun":  # st.fragment(run_every=...): the browser's timer asks for the reruns
                self._start_timer(message.auto_rerun.fragment_id, message.auto_rerun.interval)
            elif kind == "stop_auto_rerun":
                for fragment_id in message.stop_auto_rerun.fragment_ids:
                    self._stop_timer(fragment_id)
            elif kind == "page_not_found":
                self.errors.append("page not found")
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                which = element.WhichOneof("type")
                if which == "checkbox":
                    if element.checkbox.form_id != self.form:  # a new question's form
                        self.form, self.checkboxes, self.submit = element.checkbox.form_id, [], None
                        self.widgets.clear()  # the old question's widgets are gone from the page
                    if element.checkbox.id not in self.checkboxes:
                        self.checkboxes.append(element.checkbox.id)
                elif which == "button":
                    if element.button.is_form_submitter:
                        self.submit, self.submit_form = element.button.id, element.button.form_id
                    else:
                        self.button = element.button.id
                elif which == "alert" and element.alert.body.startswith(RECEIVED):
                    self.received += 1
                elif which == "alert":
                    self.refused.append(element.alert.body)
                    self.errors.append(element.alert.body[:60])
                elif which == "exception":
                    self.errors.append("exception shown")
            self.changed.set()

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        # As the browser does: a fragment's timer that runs at this interval already goes on as it is (every
        # full run repeats the auto_rerun message; restarting the timer would move the poll's phase).
        if fragment_id in self.timers and self.intervals.get(fragment_id) == interval:
            return
        self._stop_timer(fragment_id)
        self.intervals[fragment_id] = interval
        self.timers[fragment_id] = asyncio.create_task(self._tick(fragment_id, interval))

    def _stop_timer(self, fragment_id: str) -> None:
        timer = self.timers.pop(fragment_id, None)
        if timer is not None:
            timer.cancel()

    async def _tick(self, fragment_id: str, interval: float) -> None:
        try:
            while True:
                await asyncio.sleep(interval)
                message = self._message([])
                message.rerun_script.page_name = ""  # as the browser's timer sends it: the page by its hash
                message.rerun_script.fragment_id = fragment_id
                message.rerun_script.page_script_hash = self.page_script_hash  # a fragment runs in its page
                message.rerun_script.is_auto_rerun = True
                await self.socket.send(message.SerializeToString())
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - reported with the client's errors
            self.errors.append(f"auto-rerun: {type(error).__name__}: {error}"[:80])

    def _message(self, triggers: list[WidgetState]) -> BackMsg:
        """A rerun with the phone's widget values and, for this rerun only, `triggers` (a button press)."""
        message = BackMsg()
        message.CopyFrom(self.first)
        message.rerun_script.widget_states.ClearField("widgets")
        message.rerun_script.widget_states.widgets.extend([*self.widgets.values(), *triggers])
        return message

    async def wait(self, condition, timeout: float = TIMEOUT) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                self.changed.clear()
                await self.changed.wait()

    async def send(self, widgets: list[WidgetState]) -> None:
        await self.socket.send(self._message(widgets).SerializeToString())

    def question_whole(self) -> bool:
        """The question's form has arrived to its end (its submit button), as a person sees it before answering."""
        return bool(self.checkboxes) and self.submit is not None and self.submit_form == self.form

    async def answer(self, option_index: int) -> float:
        """Tick one option of the question shown and send it with that form's own submit button; seconds until
        "Answer received" is back. What the page says instead (e.g. "not saved") is raised as an error."""
        await self.wait(self.question_whole)
        received, refused = self.received, len(self.refused)
        ticked = self.checkboxes[option_index % len(self.checkboxes)]
        self.widgets[ticked] = WidgetState(id=ticked, bool_value=True)
        start = time.perf_counter()
        await self.send([WidgetState(id=self.submit, trigger_value=True)])
        try:
            await self.wait(lambda: self.received > received or len(self.refused) > refused)
        except TimeoutError:
            raise TimeoutError(self.state()) from None
        if self.received == received:
            raise AnswerRefusedError(self.refused[-1][:100])
        return time.perf_counter() - start

    async def click(self) -> float:
        before = self.finished
        start = time.perf_counter()
        await self.send([WidgetState(id=self.button, trigger_value=True)])
        await self.wait(lambda: self.finished > before)
        return time.perf_counter() - start

    async def close(self) -> None:
        if self.socket is not None:
            with contextlib.suppress(Exception):
                await self.socket.close()
        if self.reader is not None:
            self.reader.cancel()
        for fragment_id in list(self.timers):
            self._stop_timer(fragment_id)


class AnswerRefusedError(Exception):
    """The phone page said something other than "Answer received"."""


@dataclass
class Figures:
    first_view: list[float] = field(default_factory=list)
    round_trip: list[float] = field(default_factory=list)
    follow: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # answers the page did not confirm, with what it said
    nudged: int = 0  # phones that had to be rerun by hand to see a new question (the poll was not emulated)


async def _gather(tasks, figures: Figures, into: list[float], phase: str) -> None:
    for result in await asyncio.gather(*tasks, return_exceptions=True):
        if isinstance(result, AnswerRefusedError):
            figures.refused.append(str(result))
        elif isinstance(result, BaseException):
            figures.errors.append(f"{phase}: {type(result).__name__}: {str(result)[:80]}")
        else:
            into.append(result)


def open_live_room(database_url: str) -> tuple[Store, str, str]:
    """A presenter room on the deck's first barrier prompt, opened to the room, with a first spot question."""
    store = Store.open(database_url)
    dataset = bundled_dataset()
    deck = build_deck(dataset)
    state = questions.live_state(prompt_rows(dataset, deck), category_themes(dataset))
    room = store.create_room(OWNER, {"slide": 0})
    live = live_store.open_live_room(store, room.code, OWNER, state)
    put_up_question(store, live.join_code, 1)
    return store, room.code, live.join_code


def put_up_question(store: Store, join_code: str, number: int) -> None:
    live_store.update_live_room(
        store, join_code, OWNER, lambda state: questions.with_spot_question(state, f"Question {number}", "barrier")
    )


# Set in each phone page: the wall-clock time (ms) at which the page's text first held window.__wanted.
WATCH_JS = """wanted => {
  window.__wanted = wanted; window.__seenAt = null;
  const look = () => { if (window.__seenAt === null && document.body.innerText.includes(window.__wanted))
    window.__seenAt = Date.now(); };
  if (!window.__watcher) { window.__watcher = new MutationObserver(look);
    window.__watcher.observe(document.body, {childList: true, subtree: true, characterData: true}); }
  look();
}"""


def browser_follow(base_url: str, store: Store, join_code: str, phones: int, rounds: int, first: int) -> list[float]:
    """Real Chromium phones (390x844, one browser context each, as separate phones) on /join: seconds from the
    presenter's change in the store to the new question's text in each page (a MutationObserver notes when
    it appears, on the same clock). The questions are numbered from `first`."""
    follow: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            pages = [browser.new_context(viewport={"width": 390, "height": 844}).new_page() for _ in range(phones)]
            for page in pages:
                page.goto(f"{base_url}/join?code={join_code}", timeout=TIMEOUT * 1000)
                page.get_by_text("Live room", exact=False).first.wait_for(timeout=TIMEOUT * 1000)
            for number in range(first, first + rounds):
                wanted = f"Question {number}"
                for page in pages:
                    page.evaluate(WATCH_JS, wanted)
                changed_at = time.time()
                put_up_question(store, join_code, number)
                for page in pages:
                    page.wait_for_function("() => window.__seenAt !== null", timeout=TIMEOUT * 1000, polling=100)
                    follow.append(page.evaluate("() => window.__seenAt") / 1000 - changed_at)
        finally:
            browser.close()
    return follow


async def crowd_round(
    base_url: str, frame: bytes, phones: int, answers: int, store: Store | None, join_code: str | None
) -> Figures:
    """`phones` clients at once: first view, then `answers` rounds of one answer each (a new question between
    rounds, which each phone must follow before it answers)."""
    figures = Figures()
    jars = [await asyncio.to_thread(fetch_cookies, f"{base_url}/join", base_url) for _ in range(phones)]
    clients = [Client(base_url, frame, jar) for jar in jars]
    try:
        await _gather([client.open() for client in clients], figures, figures.first_view, "first view")
        for round_number in range(answers):
            if round_number:
                seen = [tuple(client.checkboxes) for client in clients]
                changed_at = time.perf_counter()
                put_up_question(store, join_code, round_number + 1)

                async def follow(client: Client, old: tuple, changed_at: float = changed_at) -> float:
                    # The page's poll (the fragment's timer, emulated by the client) finds the new question and
                    # reruns the page. Should it not within FOLLOW_WAIT, the client reloads (counted as nudged).
                    def followed() -> bool:
                        return tuple(client.checkboxes) != old and client.question_whole()

                    with contextlib.suppress(TimeoutError):
                        await client.wait(followed, timeout=FOLLOW_WAIT)
                    if not followed():
                        client.nudged = True
                        await client.send([])
                        try:
                            await client.wait(followed)
                        except TimeoutError:
                            raise TimeoutError(client.state()) from None
                    return time.perf_counter() - changed_at

                following = [follow(c, s) for c, s in zip(clients, seen, strict=True)]
                await _gather(following, figures, figures.follow, "follow")
            await _gather([c.answer(n) for n, c in enumerate(clients)], figures, figures.round_trip, "answer")
        for client in clients:
            figures.errors.extend(client.errors)
        figures.nudged = sum(client.nudged for client in clients)
    finally:
        for client in clients:
            await client.close()
    return figures


async def bare_round(base_url: str, frame: bytes, sessions: int) -> Figures:
    figures = Figures()
    jars = [await asyncio.to_thread(fetch_cookies, f"{base_url}/", base_url) for _ in range(sessions)]
    clients = [Client(base_url, frame, jar) for jar in jars]
    try:
        await _gather([client.open() for client in clients], figures, figures.first_view, "first view")
        await _gather([client.click() for client in clients], figures, figures.round_trip, "answer")
    finally:
        for client in clients:
            await client.close()
    return figures


def rows_in_store(store: Store, join_code: str) -> int:
    with store.engine.connect() as connection:
        return connection.execute(
            sa.select(sa.func.count())
            .select_from(live_store.live_answers)
            .where(live_store.live_answers.c.join_code == join_code)
        ).scalar_one()


def single_process(phones: int, folder: Path, rounds: int = 3, profile: Path | None = None) -> list[str]:
    """`rounds` crowds of `phones` on one process, each followed by the bare page's crowd of as many (so that
    both meet the machine as it is at that moment): each round's figures, and the median of the rounds' ratios."""
    database = f"sqlite:///{folder}/single.db"
    os.environ["EXPLORER_DATABASE_URL"] = database
    store, _room, code = open_live_room(database)
    app_port, bare_port = free_port(), free_port()
    app = start_streamlit(REPO / "app.py", app_port, ("--server.address", "127.0.0.1"))
    bare = start_streamlit(
        REPO / "scripts" / "bare_app.py", bare_port, ("--server.address", "127.0.0.1", *repo_config_flags())
    )
    app_url, bare_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
    measured: list[tuple[Figures, Figures]] = []
    try:
        join_frames = retarget(
            capture_first_requests(app_url, {"join": f"join?code={code}"})["join"], f"{app_url}/join?code={code}"
        )
        bare_frames = retarget(capture_first_requests(bare_url, {"bare": ""})["bare"], f"{bare_url}/")
        join_frame = next(f for f in join_frames if BackMsg.FromString(f).WhichOneof("type") == "rerun_script")
        bare_frame = next(f for f in bare_frames if BackMsg.FromString(f).WhichOneof("type") == "rerun_script")
        asyncio.run(crowd_round(app_url, join_frame, 1, 1, store, code))  # warm-up, untimed
        asyncio.run(bare_round(bare_url, bare_frame, 1))
        for round_number in range(rounds):
            # Sampled only while the first crowd runs (the warm-up's imports would otherwise lead the profile).
            profiler = Profiler(app.pid, profile) if profile and not round_number else None
            phone = asyncio.run(crowd_round(app_url, join_frame, phones, 2, store, code))
            if profiler:
                profiler.stop()
            measured.append((phone, asyncio.run(bare_round(bare_url, bare_frame, phones))))
    finally:
        for process in (app, bare):
            stop(process)
    lines = [
        f"### /join, {phones} phones at once on one process (raw websocket clients), {rounds} rounds",
        "",
        "| measure | round | /join p50 | /join p95 | bare p50 | bare p95 | p95 ratio | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    medians = []
    for label, mine, theirs in (
        ("first view", "first_view", "first_view"),
        ("answer round trip (bare: button rerun)", "round_trip", "round_trip"),
    ):
        ratios = []
        for number, (phone, base) in enumerate(measured, start=1):
            values, bare_values = getattr(phone, mine), getattr(base, theirs)
            p95, bare95 = percentile(values, 0.95), percentile(bare_values, 0.95)
            ratio = p95 / bare95 if p95 and bare95 else None
            ratios += [ratio] if ratio else []
            lines.append(
                f"| {label} | {number} | {fmt(percentile(values, 0.5))} | {fmt(p95)} | "
                f"{fmt(percentile(bare_values, 0.5))} | {fmt(bare95)} | {f'{ratio:.2f}x' if ratio else '—'} | "
                f"≤ {TARGET_RATIO}x |"
            )
        if ratios:
            medians.append(
                f"{label}: **{statistics.median(ratios):.2f}x** (rounds {min(ratios):.2f}x to {max(ratios):.2f}x)"
            )
    for number, (phone, _base) in enumerate(measured, start=1):
        lines.append(
            f"| following the presenter (store change -> new question drawn) | {number} | "
            f"{fmt(percentile(phone.follow, 0.5))} | {fmt(percentile(phone.follow, 0.95))} | | | | ≤ 2 s |"
        )
    errors = [error for phone, base in measured for error in phone.errors + base.errors]
    lines += ["", f"Median of the rounds' p95 ratios: {'; '.join(medians)}.", ""]
    lines.append(f"Errors: {len(errors)} {sorted(set(errors))[:5]}")
    nudged = sum(phone.nudged for phone, _base in measured)
    lines.append(f"Phones rerun by hand to see the next question (poll not emulated): {nudged}")
    if profile:
        samples, ours, own = hot_spots(profile, top=12)
        lines += ["", f"Profile of round 1 ({samples} samples of the thread holding the GIL, {profile}):", ""]
        lines += [f"- {share:.0%} in {label} (inclusive)" for label, share in ours]
        lines += [f"- {share:.0%} in {label} (self)" for label, share in own]
    return lines


def replicas(
    phones: int, answers: int, folder: Path, server_log: Path | None = None, browser_phones: int = 0
) -> list[str]:
    database = f"sqlite:///{folder}/replicas.db"
    os.environ["EXPLORER_DATABASE_URL"] = database
    store, _room, code = open_live_room(database)
    port = free_port()
    process = subprocess.Popen(
        ["bash", str(REPO / "scripts" / "serve.sh"), "--replicas", "2", "--port", str(port), "--database", database],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=server_log.open("w") if server_log else subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                fetch_cookies(f"{url}/_stcore/health", url)
                break
            time.sleep(1)
        frames = retarget(capture_first_requests(url, {"join": f"join?code={code}"})["join"], f"{url}/join?code={code}")
        frame = next(f for f in frames if BackMsg.FromString(f).WhichOneof("type") == "rerun_script")
        asyncio.run(crowd_round(url, frame, 2, 1, store, code))  # warm both replicas, untimed
        live_store.delete_answers(store, code, OWNER)
        figures = asyncio.run(crowd_round(url, frame, phones, answers, store, code))
        rows = rows_in_store(store, code)
        chromium = browser_follow(url, store, code, browser_phones, 3, answers + 2) if browser_phones else []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    return [
        f"### /join, {phones} phones x {answers} answers on serve.sh --replicas 2 (HAProxy, one SQLite file)",
        "",
        "| measure | p50 | p95 | target |",
        "|---|---|---|---|",
        f"| first view | {fmt(percentile(figures.first_view, 0.5))} | {fmt(percentile(figures.first_view, 0.95))} | "
        f"p95 < {TARGET_REPLICA_P95:.0f} s |",
        f"| answer round trip | {fmt(percentile(figures.round_trip, 0.5))} | "
        f"{fmt(percentile(figures.round_trip, 0.95))} | p95 < {TARGET_REPLICA_P95:.0f} s |",
        f"| following the presenter | {fmt(percentile(figures.follow, 0.5))} | "
        f"{fmt(percentile(figures.follow, 0.95))} | ≤ 2 s |",
        f"| following the presenter, {browser_phones} Chromium phones x 3 changes (after the crowd; max "
        f"{fmt(max(chromium) if chromium else None)}) | {fmt(percentile(chromium, 0.5))} | "
        f"{fmt(percentile(chromium, 0.95))} | ≤ 2 s |",
        "",
        f"Rows in the store: {rows} (expected {phones * answers}); answers received: {len(figures.round_trip)}; "
        f"answers not received: {len(figures.refused)} {sorted(set(figures.refused))[:3]}; "
        f"errors: {len(figures.errors)} {sorted(set(figures.errors))[:5]}; phones rerun by hand to see the next "
        f"question (the follow figure then includes a {FOLLOW_WAIT:.0f} s wait): {figures.nudged}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--replica-phones", type=int, default=100)
    parser.add_argument("--answers", type=int, default=3)
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--skip-replicas", action="store_true")
    parser.add_argument("--server-log", type=Path, help="write serve.sh's and the replicas' messages here")
    parser.add_argument("--browser-phones", type=int, default=5, help="Chromium phones timed following the presenter")
    parser.add_argument("--rounds", type=int, default=3, help="crowds on one process, each beside a bare crowd")
    parser.add_argument("--profile", type=Path, help="py-spy the one process while its crowd runs; raw samples here")
    args = parser.parse_args(argv)
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-join-") as folder:
        if not args.skip_single:
            lines += single_process(args.phones, Path(folder), args.rounds, args.profile)
            lines.append("")
        if not args.skip_replicas:
            lines += replicas(args.replica_phones, args.answers, Path(folder), args.server_log, args.browser_phones)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
