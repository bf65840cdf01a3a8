"""What a person does in the browser, shared by the browser tests: follow a sidebar link, open Your data,
put a file in an uploader, name the study, press Check.

Each step waits for the rerun it causes (tests/browser/conftest.py's helpers), never a fixed time.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from components.shared import navigation
from tests.browser.conftest import open_page, rerun_after, wait_for_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = navigation.url_paths()  # every page's URL path, "" for home, in navigation order
# axe-core's rules for WCAG 2.1 level A and AA.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def describe(violation: dict) -> str:
    """One axe violation in a line: rule, impact, what it asks, and the first elements at fault."""
    targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}"


def go_to(page: Page, label: str) -> None:
    """Click the page's sidebar link, opening the sidebar first when a page (Present) has collapsed it."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()
    link = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=label, exact=True)
    expect(link).to_be_in_viewport()
    rerun_after(page, link.click)


def open_your_data(page: Page, app_url: str) -> None:
    """Home, then the sidebar link, as a user gets there.

    Not `page.goto(".../your-data")`: with the page files in a folder named `pages/`, Streamlit 1.67 first
    matches the URL against its legacy pages-folder names (`your_data`), pops a "Page not found" dialog, and
    only then runs the right page.
    """
    open_page(page, app_url)
    go_to(page, "Your data")
    expect(page.get_by_role("heading", name="Use your own coded data")).to_be_visible()


def upload_file(page: Page, slot: str, path: Path | None = None, payload: dict | None = None) -> None:
    """Put a file into one of the page's uploaders and wait for the rerun it causes."""
    file_input = page.locator(f".st-key-your_data_upload_{slot} input[type=file]")
    rerun_after(page, lambda: file_input.set_input_files(payload or str(path)))
    name = payload["name"] if payload else path.name
    expect(page.locator(f".st-key-your_data_upload_{slot} [data-testid=stFileChipName]")).to_have_text(name)
    wait_for_app(page)


def name_the_study(page: Page, name: str) -> None:
    field = page.locator(".st-key-your_data_name input")
    field.fill(name)
    rerun_after(page, lambda: field.press("Enter"))


def press_check(page: Page) -> None:
    rerun_after(page, lambda: page.get_by_role("button", name="Check and open my data").click())
