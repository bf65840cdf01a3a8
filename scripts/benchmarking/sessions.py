"""Concurrent browser sessions: N tabs of one Chromium, each its own Streamlit session, arriving over a few
seconds and all held open; errors, p50/p95 navigation-to-ready, and server memory per session."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass

from playwright.async_api import async_playwright

from tests.browser.server import APP_READY_JS, CHROMIUM_ARGS, chromium_path

from .servers import Server
from .tab import TIMEOUT_MS, VIEWPORT

TARGET_ERRORS = 0  # concurrent sessions: no errors


@dataclass
class LoadResult:
    page: str
    sessions: int
    times: list[float]
    errors: list[str]
    rss_before: int
    rss_after: int
    wall: float
    ramp: float

    def percentile(self, fraction: float) -> float | None:
        if not self.times:
            return None
        ordered = sorted(self.times)
        index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
        return ordered[index]


async def _render(page, url: str) -> float:
    """Navigate and wait until rendered; polls on a timer, as 30 tabs cannot all count on animation frames."""
    start = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS * 2)
    await page.wait_for_function(APP_READY_JS, polling=100, timeout=TIMEOUT_MS * 2)
    return time.perf_counter() - start


async def _one_session(context, url: str, delay: float, hold: asyncio.Event, times: list, errors: list) -> None:
    await asyncio.sleep(delay)
    try:
        page = await context.new_page()
        elapsed = await _render(page, url)
        if await page.locator('[data-testid="stException"]').count():
            errors.append("exception shown")
        elif await page.get_by_text("Page not found").count():
            errors.append("page not found")
        else:
            times.append(elapsed)
    except Exception as error:  # noqa: BLE001 - every failure counts as a session error
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:80]}")
    await hold.wait()  # keep the session open until server memory has been read


async def _load_test(url: str, sessions: int, server: Server, budget: float, ramp: float) -> LoadResult:
    """`sessions` tabs, each its own Streamlit session, opened over `ramp` seconds and all held open.

    The tabs share one browser context, so the frontend's JavaScript is fetched once (as a browser
    cache would in a training room of returning users) and the 2-core machine spends its time on
    the server and on rendering rather than on 30 cold downloads.
    """
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport=VIEWPORT)
        warm = await context.new_page()
        with contextlib.suppress(Exception):
            await _render(warm, url)  # imports, data cache and browser cache warm; not counted
        await asyncio.sleep(1.0)
        times: list[float] = []
        errors: list[str] = []
        hold = asyncio.Event()
        rss_before = server.rss
        started = time.perf_counter()
        tasks = [
            asyncio.create_task(_one_session(context, url, ramp * index / sessions, hold, times, errors))
            for index in range(sessions)
        ]
        deadline = started + budget
        while len(times) + len(errors) < sessions and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)
        wall = time.perf_counter() - started
        unfinished = sessions - len(times) - len(errors)
        if unfinished:
            errors.extend([f"not rendered within the {budget:.0f} s budget"] * unfinished)
        await asyncio.sleep(1.0)  # let the server settle with every session open
        rss_after = server.rss
        hold.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await context.close()
        await browser.close()
    return LoadResult("", sessions, times, errors, rss_before, rss_after, wall, ramp)


def load_test(server: Server, name: str, path: str, sessions: int, budget: float, ramp: float) -> LoadResult:
    result = asyncio.run(_load_test(f"{server.url}/{path}", sessions, server, budget, ramp))
    result.page = name
    return result


def load_row(result: LoadResult) -> dict:
    """The load test as JSON (memory in MiB)."""
    return {
        "page": result.page,
        "sessions": result.sessions,
        "ramp": result.ramp,
        "errors": result.errors,
        "errors_met": len(result.errors) <= TARGET_ERRORS,
        "p50": result.percentile(0.5),
        "p95": result.percentile(0.95),
        "wall": result.wall,
        "rss_before_mib": result.rss_before / 2**20,
        "rss_after_mib": result.rss_after / 2**20,
        "per_session_mib": max((result.rss_after - result.rss_before) / result.sessions / 2**20, 0.0),
        "samples": result.times,
    }
