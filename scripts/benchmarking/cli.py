"""The benchmark's command line: which phases run, with how many runs and sessions, and what it writes."""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from components.shared import navigation
from tests.browser.server import CHROMIUM_ARGS, REPO, chromium_path

from .crowd import run_crowd
from .pages import BareTab, measure_server, page_rows
from .report import SCHEMA, read_results, render, update_doc, write_results
from .servers import APP, BARE_APP, Server, start_server, write_synthetic
from .sessions import load_row, load_test
from .tab import VIEWPORT, ScriptRuns

DESCRIPTION = "Benchmark the explorer against a bare Streamlit page in real Chromium (not a test: it asserts nothing)."
# Page name (its file name in pages/) -> URL path ("" is the home page), from the app's one list of pages.
PAGES = {Path(page.script).stem: page.url_path for page in navigation.PAGES}
RESULTS_NAME = "test-output/benchmark/results.json"
RESULTS = REPO / RESULTS_NAME
DOC = REPO / "docs" / "performance.md"
DOC_RESULTS = REPO / "docs" / "performance-latest.json"


def machine_lines() -> list[str]:
    """The machine, its load and the versions measured, one line each (the report makes them a list)."""
    cpu = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for module in ("streamlit", "plotly", "pandas", "networkx", "playwright", "psutil"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[module] = version(module)
    chromium = "unknown"
    with contextlib.suppress(Exception):
        chromium = subprocess.run(
            [chromium_path(), "--version"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.strip()
    memory = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores (nproc), load average at start {load[0]:.2f}",
        f"Memory: {memory:.1f} GiB",
        f"OS: {platform.platform()}; Python {platform.python_version()}",
        ", ".join(f"{name} {value}" for name, value in versions.items()),
        f"Browser: {chromium} (headless, driven by Playwright)",
    ]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: 2 runs, 100x data only, 10 tabs, a crowd of 10 without waiting for a quiet machine",
    )
    parser.add_argument("--runs", type=int, default=None, help="timed runs per page on the study data (default 5)")
    parser.add_argument("--data-runs", type=int, default=None, help="timed runs per page on synthetic data (default 3)")
    parser.add_argument("--scales", type=int, nargs="*", default=None, help="synthetic scales (default 10 100)")
    parser.add_argument("--sessions", type=int, default=None, help="concurrent sessions (default 30)")
    parser.add_argument("--busy-page", default=None, help="page name for the load test (default: slowest page)")
    parser.add_argument("--pages", nargs="*", default=None, help=f"page names to time (default all: {' '.join(PAGES)})")
    parser.add_argument("--load-budget", type=float, default=180.0, help="seconds allowed for all sessions to render")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the sessions arrive (default 10)")
    crowd_group = parser.add_argument_group("crowd (raw websocket clients, server time only)")
    crowd_group.add_argument("--crowd-only", action="store_true", help="skip the browser phases, run the crowd only")
    crowd_group.add_argument("--no-crowd", action="store_true", help="skip the crowd, run the browser phases only")
    crowd_group.add_argument("--crowd-sessions", type=int, default=None, help="clients at once (default 30)")
    crowd_group.add_argument("--crowd-singles", type=int, default=None, help="single sessions per page (default 3)")
    crowd_group.add_argument("--crowd-rounds", type=int, default=1, help="crowds per page and server (default 1)")
    crowd_group.add_argument("--crowd-timeout", type=float, default=120.0, help="seconds one session may take")
    crowd_group.add_argument("--replicas", type=int, default=2, help="replicas behind HAProxy for the crowd (0: none)")
    crowd_group.add_argument("--profile", default=None, help="folder for py-spy profiles of one process per page")
    output = parser.add_argument_group("results")
    output.add_argument(
        "--results", type=Path, default=RESULTS, help=f"JSON file for this run's figures (default {RESULTS_NAME})"
    )
    output.add_argument(
        "--update-docs",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the figures to docs/performance-latest.json and regenerate docs/performance.md's latest-run"
        " tables (default: only after a full run: no --quick, --pages, --crowd-only or --no-crowd)",
    )
    output.add_argument(
        "--render", type=Path, default=None, metavar="JSON", help="measure nothing: print the tables of a results file"
    )
    args = parser.parse_args(argv)
    if args.crowd_only and args.no_crowd:
        parser.error("--crowd-only and --no-crowd leave nothing to run")
    args.crowd_sessions = args.crowd_sessions or (10 if args.quick else 30)
    if not 1 <= args.crowd_sessions <= 100 or not 1 <= args.crowd_rounds <= 5 or not 0 <= args.replicas <= 8:
        parser.error("bounds: 1-100 crowd sessions, 1-5 crowd rounds, 0-8 replicas")
    args.crowd_singles = args.crowd_singles or (2 if args.quick else 3)
    args.runs = args.runs or (2 if args.quick else 5)
    args.data_runs = args.data_runs or (2 if args.quick else 3)
    args.scales = args.scales if args.scales is not None else ([100] if args.quick else [10, 100])
    args.sessions = args.sessions or (10 if args.quick else 30)
    if args.update_docs is None:
        args.update_docs = not (args.quick or args.pages or args.crowd_only or args.no_crowd)
    args.settle = not args.quick
    unknown = set(args.pages or ()) - set(PAGES)
    if unknown:
        parser.error(f"unknown page(s): {', '.join(sorted(unknown))}")
    return args


def run_browser(args: argparse.Namespace, pages: dict[str, str], servers: list[Server]) -> dict:
    """The browser phases: page loads and reruns in Chromium, synthetic data, concurrent browser sessions."""
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="explorer-bench-") as temp:
        print("Starting servers…", file=sys.stderr, flush=True)
        bare_server = start_server("bare", BARE_APP)
        servers.append(bare_server)
        app_server = start_server("study", APP)
        servers.append(app_server)
        data_servers = []
        for scale in args.scales:
            data_servers.append(start_server(f"{scale}x data", APP, write_synthetic(scale, Path(temp))))
            servers.append(data_servers[-1])

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            runs_seen = ScriptRuns(page)
            bare = BareTab(context.new_page(), bare_server.url)
            bare.load()  # the bare server's own first visit, not counted
            study = measure_server(page, runs_seen, bare, app_server, pages, args.runs)
            by_scale = {}
            for scale, server in zip(args.scales, data_servers, strict=True):
                by_scale[scale] = measure_server(page, runs_seen, bare, server, pages, args.data_runs)
                server.stop()  # free memory and CPU for the load test
            context.close()
            browser.close()

        figures["page_runs"] = [{"scale": None, "runs": args.runs, "rows": page_rows(study, None)}]
        for scale, results in by_scale.items():
            figures["page_runs"].append({"scale": scale, "runs": args.data_runs, "rows": page_rows(results, study)})

        timed = {name: result.load for name, result in study.items() if result.load is not None}
        busy = args.busy_page or (max(timed, key=timed.get) if timed else "home")
        print(f"Load test: {args.sessions} sessions on {busy}…", file=sys.stderr, flush=True)
        load_server = start_server("load", APP)  # fresh server: memory is not muddled by the above
        servers.append(load_server)
        for server in servers[:2]:
            server.stop()
        figures["sessions"] = load_row(
            load_test(load_server, busy, PAGES[busy], args.sessions, args.load_budget, args.ramp)
        )
    for server in servers:
        server.stop()  # the crowd starts its own servers
    servers.clear()
    return figures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render is not None:
        print("\n".join(render(read_results(args.render))))
        return 0
    # A SIGTERM (e.g. from `timeout`) unwinds through the `finally` below, which stops every server started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    pages = {name: PAGES[name] for name in (args.pages or PAGES)}
    began = time.perf_counter()
    command = shlex.join(["scripts/benchmark.py", *(sys.argv[1:] if argv is None else argv)])
    results: dict = {
        "schema": SCHEMA,
        "provenance": f"Measured by `{command}`, started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "machine": machine_lines(),
    }
    servers: list[Server] = []
    try:
        if not args.crowd_only:
            results |= run_browser(args, pages, servers)
        if not args.no_crowd:
            results["crowd"] = run_crowd(args, pages, servers)
    finally:
        for server in servers:
            with contextlib.suppress(Exception):
                if server.process.poll() is None:
                    server.stop()
    results["seconds"] = time.perf_counter() - began
    write_results(results, args.results)
    lines = render(results)
    print("\n".join(lines))
    print(f"Benchmark finished in {results['seconds']:.0f} s; figures in {args.results}.")
    if args.update_docs:
        write_results(results, DOC_RESULTS)
        update_doc(DOC, lines)
        print(f"Updated {DOC.relative_to(REPO)}'s latest-run tables from {DOC_RESULTS.relative_to(REPO)}.")
    return 0
