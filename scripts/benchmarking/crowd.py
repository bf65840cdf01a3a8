"""The crowd: server time under many sessions, no drawing. Per page, the frames Chromium sends on
/_stcore/stream for its first run are captured once, then replayed by raw websocket clients, one at a time
and N at once, against one app process, the bare page and (optionally) scripts/serve.sh's HAProxy and
replicas; with a profile folder, py-spy samples the one process under one more crowd per page."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect as websockets_connect
from websockets.typing import Subprotocol

from tests.browser.server import CHROMIUM_ARGS, chromium_path

from .figures import median, percentile, ratio, seconds, within
from .gil_profile import Profiler, hot_spots
from .servers import (
    APP,
    BARE_APP,
    DIRECT,
    SETTLE_LIMIT,
    SETTLE_LOAD_PER_CORE,
    Server,
    settle,
    start_replicas,
    start_server,
)
from .tab import COLD_TIMEOUT_MS, VIEWPORT, ScriptRuns, time_navigation

SKIPPED = ScriptRuns.SKIPPED  # runs cut short for a rerun are not a page's run

XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's; its value doubles as the websocket's XSRF token
REPLICA_COOKIE = "SERVERID"  # HAProxy's, set by scripts/serve.sh
STREAM_PATH = "/_stcore/stream"
TARGET_REPLICAS = 0.65  # 30-session p95 through 2 replicas within 0.65x of one process (2 cores)


def capture_first_requests(base_url: str, pages: dict[str, str]) -> dict[str, list[bytes]]:
    """Per page, the BackMsg frames a real Chromium sends on /_stcore/stream until its first run finishes.

    For every page of this app that is one `rerun_script` message (page name, URL, time zone, locale,
    no widget states); the crowd replays exactly those bytes.
    """
    captured: dict[str, list[bytes]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        # The first session after a server start imports, fills caches and (with a top-level pages/ folder)
        # runs in Streamlit's legacy folder mode: not the request a room sends, so not captured.
        time_navigation(context.new_page(), f"{base_url}/", COLD_TIMEOUT_MS)
        for name, path in pages.items():
            page = context.new_page()
            frames = _record_stream(page)
            time_navigation(page, f"{base_url}/{path}", COLD_TIMEOUT_MS)
            kinds = [BackMsg.FromString(frame).WhichOneof("type") for frame in frames]
            if "rerun_script" not in kinds:
                raise RuntimeError(f"Chromium sent no rerun_script for {name!r} (sent: {kinds})")
            captured[name] = frames
            page.close()
        context.close()
        browser.close()
    return captured


def _record_stream(page: Page) -> list[bytes]:
    """Frames the page sends on its Streamlit websocket before the server first says "script finished"."""
    frames: list[bytes] = []
    state = {"finished": False}

    def on_sent(payload: str | bytes) -> None:
        if isinstance(payload, bytes | bytearray) and not state["finished"]:
            frames.append(bytes(payload))

    def on_received(payload: str | bytes) -> None:
        if isinstance(payload, bytes | bytearray):
            message = ForwardMsg.FromString(bytes(payload))
            if message.WhichOneof("type") == "script_finished" and message.script_finished not in SKIPPED:
                state["finished"] = True

    def on_socket(socket) -> None:
        if socket.url.endswith(STREAM_PATH):
            socket.on("framesent", on_sent)
            socket.on("framereceived", on_received)

    page.on("websocket", on_socket)
    return frames


def retarget(frames: list[bytes], page_url: str) -> list[bytes]:
    """The same frames, with the page URL the frontend reports (st.context.url) pointing at this server."""
    out = []
    for frame in frames:
        message = BackMsg.FromString(frame)
        if message.WhichOneof("type") == "rerun_script":
            message.rerun_script.context_info.url = page_url
        out.append(message.SerializeToString())
    return out


def fetch_cookies(page_url: str, base_url: str) -> dict[str, str]:
    """What the frontend fetches before opening its websocket: the page (through HAProxy this picks a replica
    and names it in a cookie), then /_stcore/health (where Streamlit sets its XSRF cookie)."""
    cookies: dict[str, str] = {}
    for url in (page_url, f"{base_url}/_stcore/health"):
        request = urllib.request.Request(url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        with DIRECT.open(request, timeout=30) as response:
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


@dataclass
class Session:
    seconds: float | None = None  # websocket opened -> "script finished"
    error: str | None = None
    replica: str | None = None
    socket: object = None  # kept open until the whole crowd has finished, as a room keeps its tabs


async def replay_session(base_url: str, frames: list[bytes], cookies: dict[str, str], timeout: float) -> Session:
    """One raw client: open /_stcore/stream as the frontend does, send its frames, wait for the run's end."""
    session = Session(replica=cookies.get(REPLICA_COOKIE))
    headers = {"Origin": base_url, "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    # The frontend passes the XSRF token as the second entry of Sec-WebSocket-Protocol.
    protocols = [Subprotocol("streamlit"), *([Subprotocol(cookies[XSRF_COOKIE])] if XSRF_COOKIE in cookies else [])]
    start = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            session.socket = await websockets_connect(
                "ws" + base_url.removeprefix("http") + STREAM_PATH,
                subprotocols=protocols,
                additional_headers=headers,
                proxy=None,
                max_size=None,
                ping_interval=None,
                open_timeout=None,
            )
            for frame in frames:
                await session.socket.send(frame)
            async for raw in session.socket:
                if isinstance(raw, str):
                    continue
                message = ForwardMsg.FromString(raw)
                kind = message.WhichOneof("type")
                if kind == "page_not_found":
                    session.error = "page not found"
                elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                    session.error = "exception shown"
                elif kind == "script_finished" and message.script_finished not in SKIPPED:
                    session.seconds = time.perf_counter() - start
                    break
            else:
                session.error = "websocket closed before the script finished"
    except TimeoutError:
        session.error = f"no script_finished within {timeout:.0f} s"
    except Exception as error:  # noqa: BLE001 - every failure is a session error to report
        session.error = f"{type(error).__name__}: {str(error).splitlines()[0][:80] if str(error) else ''}"
    return session


async def _crowd(page_url: str, base_url: str, frames: list[bytes], sessions: int, timeout: float) -> list[Session]:
    # Cookies first, one GET at a time and untimed: through HAProxy this spreads the crowd round-robin.
    jars = [await asyncio.to_thread(fetch_cookies, page_url, base_url) for _ in range(sessions)]
    results = await asyncio.gather(*(replay_session(base_url, frames, jar, timeout) for jar in jars))
    for session in results:
        if session.socket is not None:
            with contextlib.suppress(Exception):
                await session.socket.close()
            session.socket = None
    return list(results)


def crowd(page_url: str, base_url: str, frames: list[bytes], sessions: int, timeout: float) -> list[Session]:
    """`sessions` raw clients at once, all held open until the last has finished."""
    return asyncio.run(_crowd(page_url, base_url, frames, sessions, timeout))


@dataclass
class CrowdFigures:
    """One page on one server: sequential single sessions, then crowds of N at once."""

    singles: list[float] = field(default_factory=list)
    crowd: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replicas: dict[str, int] = field(default_factory=dict)  # sessions per replica (HAProxy's cookie)

    @property
    def single(self) -> float | None:
        return median(self.singles)

    @property
    def p50(self) -> float | None:
        return percentile(self.crowd, 0.5)

    @property
    def p95(self) -> float | None:
        return percentile(self.crowd, 0.95)


def measure_crowd(
    base_url: str, path: str, frames: list[bytes], args: argparse.Namespace, warm: int = 1
) -> CrowdFigures:
    page_url = f"{base_url}/{path}"
    frames = retarget(frames, page_url)
    figures = CrowdFigures()
    # Untimed warm-up sessions fill this page's caches (one per replica behind a proxy).
    crowd(page_url, base_url, frames, warm, args.crowd_timeout)
    for _ in range(args.crowd_singles):
        figures.singles.extend(s.seconds for s in crowd(page_url, base_url, frames, 1, args.crowd_timeout) if s.seconds)
    for _ in range(args.crowd_rounds):
        for session in crowd(page_url, base_url, frames, args.crowd_sessions, args.crowd_timeout):
            if session.error:
                figures.errors.append(session.error)
            else:
                figures.crowd.append(session.seconds)
            if session.replica:
                figures.replicas[session.replica] = figures.replicas.get(session.replica, 0) + 1
    return figures


def run_crowd(args: argparse.Namespace, pages: dict[str, str], servers: list[Server]) -> dict:
    """The crowd measurement: bare page, one app process and (optionally) replicas, page by page, paired."""
    if args.settle:
        print(
            f"Crowd: waiting for a load average of {SETTLE_LOAD_PER_CORE:g} per core (at most {SETTLE_LIMIT} s)…",
            file=sys.stderr,
            flush=True,
        )
    waited = settle() if args.settle else 0.0
    print(f"Crowd: starting servers after {waited:.0f} s…", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]
    bare = start_server("bare", BARE_APP)
    servers.append(bare)
    app = start_server("one process", APP)
    servers.append(app)
    proxy = None
    if args.replicas:
        proxy = start_replicas(args.replicas)
        servers.append(proxy)
    frames = capture_first_requests(app.url, pages)
    bare_frames = capture_first_requests(bare.url, {"bare": ""})["bare"]
    rows = []
    for name, path in pages.items():
        started = time.perf_counter()
        bare_figures = measure_crowd(bare.url, "", bare_frames, args)
        app_figures = measure_crowd(app.url, path, frames[name], args)
        proxy_figures = measure_crowd(proxy.url, path, frames[name], args, warm=args.replicas) if proxy else None
        rows.append(crowd_row(name, bare_figures, app_figures, proxy_figures))
        print(
            f"  crowd {name:<16} one {seconds(app_figures.single)} (bare {seconds(bare_figures.single)})"
            f" p95 {seconds(app_figures.p95)} (bare {seconds(bare_figures.p95)})"
            + (f" replicas p95 {seconds(proxy_figures.p95)}" if proxy_figures else "")
            + f" ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    memory = {"one process": app.rss, **({proxy.name: proxy.rss} if proxy else {})}
    load_after = os.getloadavg()[0]

    profiles = {}
    if args.profile:
        folder = Path(args.profile)
        folder.mkdir(parents=True, exist_ok=True)
        for name, path in pages.items():
            page_url = f"{app.url}/{path}"
            output = folder / f"{name}.txt"
            profiler = Profiler(app.process.pid, output)
            try:
                crowd(page_url, app.url, retarget(frames[name], page_url), args.crowd_sessions, args.crowd_timeout)
            finally:
                profiler.stop()
            if output.exists():
                samples, ours, own = hot_spots(output)
                profiles[name] = {"samples": samples, "ours": ours, "own": own}
            print(f"  profiled {name}", file=sys.stderr, flush=True)
    return {
        "sessions": args.crowd_sessions,
        "singles": args.crowd_singles,
        "rounds": args.crowd_rounds,
        "replicas": args.replicas,
        "settled_after": waited,
        "load_start": load_before,
        "load_end": load_after,
        "rows": rows,
        "memory_mib": {name: rss / 2**20 for name, rss in memory.items()},
        "profiles": profiles,
    }


def crowd_row(name: str, bare: CrowdFigures, app: CrowdFigures, proxy: CrowdFigures | None) -> dict:
    """One page's crowd figures as JSON: the app's, its ratios to the paired bare page, and the replicas'."""
    row = {
        "page": name,
        "single": app.single,
        "single_ratio": ratio(app.single, bare.single),
        "p50": app.p50,
        "p50_ratio": ratio(app.p50, bare.p50),
        "p95": app.p95,
        "p95_ratio": ratio(app.p95, bare.p95),
        "errors": app.errors,
        "bare": {"single": bare.single, "p50": bare.p50, "p95": bare.p95, "errors": bare.errors},
        "samples": {"singles": app.singles, "crowd": app.crowd, "bare_singles": bare.singles, "bare_crowd": bare.crowd},
        "proxy": None,
    }
    if proxy is not None:
        proxy_ratio = ratio(proxy.p95, app.p95)
        row["proxy"] = {
            "single": proxy.single,
            "p50": proxy.p50,
            "p95": proxy.p95,
            "ratio": proxy_ratio,
            "met": within(proxy_ratio, TARGET_REPLICAS),
            "replicas": proxy.replicas,
            "errors": proxy.errors,
            "samples": {"singles": proxy.singles, "crowd": proxy.crowd},
        }
    return row
