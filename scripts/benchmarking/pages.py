"""Page loads and reruns in one Chromium tab, each paired with the bare page timed in a second tab right
before it; and each page's figures as a JSON row (ratios and verdicts worked out from the unrounded medians)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .figures import median, ratio, seconds, within
from .servers import Server
from .tab import (
    COLD_TIMEOUT_MS,
    RERUN_WAIT_S,
    RerunAction,
    ScriptRuns,
    find_rerun_action,
    page_problem,
    time_navigation,
    time_rerun,
)

TARGET_PAGE = 1.5  # page load within 1.5x of the bare page
TARGET_RERUN = 1.3  # rerun within 1.3x of the bare page's rerun
TARGET_DATA = 2.0  # 100x data: page load within 2x of the bare page


@dataclass
class PageResult:
    """Timings of one page, each paired with a bare-page timing taken right beside it.

    Pairing keeps the ratios fair on a shared machine whose background load drifts during the run.
    """

    name: str
    cold: float | None = None
    loads: list[float] = field(default_factory=list)
    bare_loads: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    rerun_scripts: list[float] = field(default_factory=list)  # until the server said "script finished"
    bare_reruns: list[float] = field(default_factory=list)
    rerun_kind: str = "none found"
    notes: list[str] = field(default_factory=list)

    @property
    def load(self) -> float | None:
        return median(self.loads)

    @property
    def bare_load(self) -> float | None:
        return median(self.bare_loads)

    @property
    def rerun(self) -> float | None:
        return median(self.reruns)

    @property
    def rerun_script(self) -> float | None:
        return median(self.rerun_scripts)

    @property
    def bare_rerun(self) -> float | None:
        return median(self.bare_reruns)


@dataclass
class BareTab:
    """A second tab that keeps the bare page, timed beside every page measurement."""

    page: Page
    url: str
    action: RerunAction | None = None
    runs: ScriptRuns | None = None

    def __post_init__(self) -> None:
        self.runs = ScriptRuns(self.page)

    def load(self) -> float:
        elapsed = time_navigation(self.page, self.url)
        self.action = find_rerun_action(self.page)
        return elapsed

    def rerun(self) -> float:
        if self.action is None:
            raise RuntimeError("the bare page shows no button")
        return time_rerun(self.page, self.runs, self.action)[0]


def measure_page(page: Page, runs_seen: ScriptRuns, bare: BareTab, name: str, url: str, runs: int) -> PageResult:
    result = PageResult(name)
    try:
        # The first visit on this server warms imports and caches; it may be slow, so it gets longer.
        result.cold = time_navigation(page, url, COLD_TIMEOUT_MS)
        for _ in range(runs):
            result.bare_loads.append(bare.load())
            result.loads.append(time_navigation(page, url))
        problem = page_problem(page)
        if problem:
            result.notes.append(problem)
        action = find_rerun_action(page)
        if action is not None:
            result.rerun_kind = action.kind
            missed = 0
            for _ in range(runs):
                result.bare_reruns.append(bare.rerun())
                try:
                    total, script = time_rerun(page, runs_seen, action)
                except PlaywrightTimeout:
                    # The change did not take (e.g. a searchable list reopened on the same value): skip it.
                    missed += 1
                    page.keyboard.press("Escape")
                    continue
                result.reruns.append(total)
                result.rerun_scripts.append(script)
            if missed:
                result.notes.append(f"{missed} of {runs} widget changes started no rerun within {RERUN_WAIT_S:.0f} s")
            problem = page_problem(page)
            if problem:
                result.notes.append(f"{problem} after rerun")
    except PlaywrightTimeout as error:
        result.notes.append(f"timed out: {str(error).splitlines()[0][:80]}")
    except Exception as error:  # noqa: BLE001 - a broken page is a result to report, not a crash
        result.notes.append(f"{type(error).__name__}: {str(error).splitlines()[0][:80]}")
    return result


def measure_server(
    page: Page, runs_seen: ScriptRuns, bare: BareTab, server: Server, pages: dict[str, str], runs: int
) -> dict:
    results = {}
    for name, path in pages.items():
        started = time.perf_counter()
        result = measure_page(page, runs_seen, bare, name, f"{server.url}/{path}", runs)
        results[name] = result
        print(
            f"  {server.name:>9} {name:<16} load {seconds(result.load)} (bare {seconds(result.bare_load)})"
            f" rerun {seconds(result.rerun)} (bare {seconds(result.bare_rerun)})"
            f" {'; '.join(result.notes)} ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    return results


def page_rows(results: dict[str, PageResult], study: dict[str, PageResult] | None) -> list[dict]:
    """One JSON row per page (seconds, ratios to the paired bare page, verdicts); `study` is given for
    synthetic data, whose rows also carry the ratio to the same page on the study data."""
    target = TARGET_PAGE if study is None else TARGET_DATA
    rows = []
    for name, result in results.items():
        load_ratio = ratio(result.load, result.bare_load)
        rerun_ratio = ratio(result.rerun, result.bare_rerun)
        row = {
            "page": name,
            "cold": result.cold,
            "load": result.load,
            "bare_load": result.bare_load,
            "load_ratio": load_ratio,
            "load_met": within(load_ratio, target),
            "rerun_kind": result.rerun_kind,
            "rerun": result.rerun,
            "rerun_script": result.rerun_script,
            "bare_rerun": result.bare_rerun,
            "rerun_ratio": rerun_ratio,
            "rerun_met": within(rerun_ratio, TARGET_RERUN),
            "notes": result.notes,
            "samples": {
                "loads": result.loads,
                "bare_loads": result.bare_loads,
                "reruns": result.reruns,
                "rerun_scripts": result.rerun_scripts,
                "bare_reruns": result.bare_reruns,
            },
        }
        if study is not None:
            base = study.get(name)
            row["vs_study"] = ratio(result.load, base.load if base else None)
        rows.append(row)
    return rows
