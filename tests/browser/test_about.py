"""About in a real Chromium: its glossary on a phone, and the boxes a student opens on purpose (each quote's
"Cite this", the BibTeX entry, an element's recommendations), which are built only when opened.
(About's first look on a projector is in tests/browser/test_explore.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from components.shared.session_keys import (
    ABOUT_BIBTEX,
    ABOUT_CITE_PREFIX,
    ABOUT_GLOSSARY,
    ABOUT_GLOSSARY_FIND,
    ABOUT_LENS_LINKS_PREFIX,
)
from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    track_runs,
)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser):
    context = track_runs(browser.new_context(viewport=PHONE))
    page = context.new_page()
    yield page
    context.close()


def right_edges(page: Page, selector: str) -> list[float]:
    return page.evaluate(
        "(selector) => Array.from(document.querySelectorAll(selector), el => el.getBoundingClientRect().right)",
        selector,
    )


def test_the_glossary_and_the_counts_read_on_a_phone(phone: Page, app_url: str):
    open_page(phone, f"{app_url}/about")
    assert_no_exception(phone)
    assert horizontal_overflow(phone) == 0

    glossary = phone.locator(f".st-key-{ABOUT_GLOSSARY}")
    phone.get_by_role("heading", name="Glossary").scroll_into_view_if_needed()
    # Each entry is a card the width of the screen: term, meaning, then where it comes from.
    entry = glossary.get_by_role("row").filter(has_text="Mental health social worker: here")
    expect(entry).to_be_visible()
    term, meaning, origin = (entry.locator("td").nth(n) for n in range(3))
    assert term.bounding_box()["y"] < meaning.bounding_box()["y"] < origin.bounding_box()["y"]
    assert origin.evaluate("cell => getComputedStyle(cell, '::before').content") == '"From: "'
    assert max(right_edges(phone, f".st-key-{ABOUT_GLOSSARY} tbody tr")) <= PHONE["width"]
    # The header row is out of sight, not gone: a screen reader still has the column names.
    expect(glossary.locator("thead th").first).to_have_text("Term")
    screenshot(phone, "about-phone-glossary")

    # The coding counts keep their four columns and fit.
    counts = phone.locator("table").filter(has_text="Theme names given to findings")
    counts.scroll_into_view_if_needed()
    expect(counts.locator("thead th")).to_have_count(4)
    assert counts.bounding_box()["x"] + counts.bounding_box()["width"] <= PHONE["width"]
    screenshot(phone, "about-phone-counts")


def test_boxes_open_to_their_content_and_stay_open_through_a_search(page: Page, app_url: str):
    open_page(page, f"{app_url}/about")
    expect(page.get_by_text("Section: introduction", exact=False)).to_have_count(0)

    limit = page.locator(f".st-key-{ABOUT_CITE_PREFIX}limit_0")
    rerun_after(page, lambda: limit.get_by_role("button", name="Cite this").click())
    reference = page.get_by_test_id("stPopoverBody")
    expect(reference.get_by_text("Section: introduction.", exact=False).first).to_be_visible()
    expect(reference.get_by_text("TY  - UNPB", exact=False)).to_be_visible()
    screenshot(page, "about-cite-this-open")
    rerun_after(page, lambda: limit.get_by_role("button", name="Cite this").click())
    expect(page.get_by_test_id("stPopoverBody")).to_have_count(0)

    bibtex = page.locator(f".st-key-{ABOUT_BIBTEX}")
    rerun_after(page, lambda: bibtex.get_by_text("As a BibTeX entry").click())
    expect(bibtex.get_by_text("@mastersthesis{carpenter2019,", exact=False)).to_be_visible()

    repertoire = page.locator(f".st-key-{ABOUT_LENS_LINKS_PREFIX}2")
    rerun_after(page, lambda: repertoire.get_by_text("Which recommendations").click())
    link = repertoire.get_by_role("link", name="R03 · Children’s and adults’ services", exact=False)
    expect(link).to_be_visible()
    # The link's whole label is readable in the narrow card (it wraps rather than being cut off).
    label = link.locator("p")
    assert label.evaluate("p => p.scrollWidth <= p.clientWidth")
    screenshot(page, "about-recommendations-open")

    box = page.locator(f".st-key-{ABOUT_GLOSSARY_FIND} input")
    rerun_after(page, lambda: (box.fill("Tuckman"), box.press("Enter")))
    expect(page.get_by_role("cell", name="Tuckman's stages", exact=False)).to_be_visible()
    expect(link).to_be_visible()
    expect(bibtex.get_by_text("@mastersthesis{carpenter2019,", exact=False)).to_be_visible()
    assert_no_exception(page)

    rerun_after(page, lambda: link.click())
    expect(page.get_by_role("heading", name="Recommendation R03")).to_be_visible()
