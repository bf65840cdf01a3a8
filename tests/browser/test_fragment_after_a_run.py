"""A fragment's rerun handled just after a full run ended does not lose the rest of that run's page.

Streamlit 1.67 alone drops it: the phone's "Answer received" and its question's form went missing this way
under a crowd (docs/performance.md). The page tests/browser/apps/fragment_after_a_run.py makes the race happen
on every load; components/ui/fragment_runs.py holds the fragment's request until the run's output is out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.server import free_port, start_streamlit, wait_for_app

APP = Path(__file__).with_name("apps") / "fragment_after_a_run.py"
LOADS = 3


@contextmanager
def race_app() -> Iterator[str]:
    """A server of its own: the fix, once made, holds for the whole process."""
    port = free_port()
    process = start_streamlit(APP, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def load_until_the_fragment_reran(page: Page, url: str) -> None:
    """The page's first run (fragment run 1) and the fragment's rerun it asked for (run 2) are both over."""
    page.goto(url)
    expect(page.get_by_text("Fragment run 2")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("Head of the run")).to_be_visible()


def test_the_race_happens_without_the_fix(page: Page) -> None:
    """The test page does reproduce the loss: without the fix the run's tail never arrives."""
    with race_app() as url:
        load_until_the_fragment_reran(page, f"{url}/?race=1&plain=1")
        page.wait_for_timeout(1000)
        expect(page.get_by_text("Tail of the run", exact=False)).to_have_count(0)


def test_the_runs_whole_page_arrives_with_the_fix(page: Page) -> None:
    with race_app() as url:
        for _ in range(LOADS):
            load_until_the_fragment_reran(page, f"{url}/?race=1")
            for number in range(1, 6):
                expect(page.get_by_text(f"Tail of the run, part {number}")).to_be_visible()
