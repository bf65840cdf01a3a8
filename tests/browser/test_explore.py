"""Explore and About in a real Chromium: search, open an item's own view, follow its links, download, cite."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from components.data.load import load_dataset_dir
from components.explore import search
from components.explore import view as explore
from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    track_runs,
    wait_for_app,
)

SEARCH_LABEL = "Search the findings, recommendations and their evidence"
BUNDLED_CORPUS = search.build_corpus(load_dataset_dir())
TOTAL = len(BUNDLED_CORPUS)  # everything a student reads: findings to context, with the glossary and prompts


def open_in_router(page: Page, app_url: str, path: str) -> None:
    """Open a deep link and check it runs inside the app's router (its sidebar), not as a bare page file."""
    open_page(page, f"{app_url}{path}")
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Explore findings")).to_be_visible()


def search_box(page: Page):
    return page.get_by_role("textbox", name=SEARCH_LABEL)


def focused_text(page: Page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.innerText") or ""


def follow(page: Page, link_name: str) -> None:
    """Click an in-app page link and wait for the page it opens to finish running."""
    rerun_after(page, lambda: page.get_by_role("link", name=link_name, exact=True).click())


def test_search_open_a_result_and_follow_its_links(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore")
    expect(page.get_by_role("heading", name="Explore findings")).to_be_visible()
    expect(page.get_by_text(f"{TOTAL} results", exact=False)).to_be_visible()

    box = search_box(page)
    rerun_after(page, lambda: (box.fill("familiarity"), box.press("Enter")))
    expect(page.get_by_text("1 result", exact=False)).to_be_visible()
    expect(page.get_by_text("Relationships are helped by familiarity.", exact=True)).to_be_visible()
    expect(page.get_by_text("— Carpenter n.d., summary: What could help overcome these barriers?")).to_be_visible()
    assert "q=familiarity" in page.url
    assert_no_exception(page)
    assert horizontal_overflow(page) == 0
    screenshot(page, "explore-search")

    follow(page, "Open it and everything linked to it (F028)")
    expect(page.get_by_role("heading", name="Finding F028")).to_be_visible()
    expect(page.get_by_role("heading", name="Helps overcome (2)")).to_be_visible()
    expect(page.get_by_role("heading", name="Built on by (2)")).to_be_visible()
    assert "id=F028" in page.url
    assert_no_exception(page)
    page.get_by_role("heading", name="Finding F028").scroll_into_view_if_needed()
    screenshot(page, "explore-item")
    page.get_by_role("heading", name="Helps overcome (2)").scroll_into_view_if_needed()
    screenshot(page, "explore-item-links")

    follow(page, "Open F015")
    expect(page.get_by_role("heading", name="Finding F015")).to_be_visible()
    expect(page.get_by_role("heading", name="What helps overcome it (4)")).to_be_visible()
    expect(
        page.get_by_text("Social workers do not understand enough about the other service", exact=False).first
    ).to_be_visible()
    assert "id=F015" in page.url

    follow(page, "Back to search")
    expect(search_box(page)).to_have_value("familiarity")
    expect(page.get_by_text("Relationships are helped by familiarity.", exact=True)).to_be_visible()
    assert "id=" not in page.url
    assert_no_exception(page)


def test_download_is_a_safe_csv_of_the_results(page: Page, app_url: str, tmp_path: Path):
    open_in_router(page, app_url, "/explore?q=familiarity")
    expect(page.get_by_text("1 result", exact=False)).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    saved = tmp_path / "results.csv"
    download_info.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith('id,type,"statement, recommendation, definition or question",evidence')
    assert "F028,Finding,Relationships are helped by familiarity." in text
    assert "_row" not in text


def test_an_unknown_id_gives_a_notice_not_an_error(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore?id=F999")
    expect(
        page.get_by_text("There is no finding, recommendation or context item with the id", exact=False)
    ).to_be_visible()
    expect(search_box(page)).to_be_visible()
    assert_no_exception(page)


def test_about_shows_how_to_cite_limits_and_context(page: Page, app_url: str):
    open_in_router(page, app_url, "/about")
    expect(page.get_by_role("heading", name="About the study")).to_be_visible()
    expect(page.get_by_role("heading", name="How to cite")).to_be_visible()
    citation = page.get_by_text("Carpenter, Nicola (2019) Exploratory Study", exact=False).first
    expect(citation).to_be_visible()
    assert_no_exception(page)
    assert horizontal_overflow(page) == 0
    screenshot(page, "about")

    citation.hover()
    expect(page.get_by_role("button", name="Copy to clipboard").first).to_be_visible()
    expect(page.get_by_role("heading", name="Limits")).to_be_attached()
    context = page.get_by_role("heading", name="Context evidence: not this study")
    context.scroll_into_view_if_needed()
    wait_for_app(page)
    expect(context).to_be_visible()
    screenshot(page, "about-context")

    rerun_after(page, lambda: page.get_by_role("link", name="Open F032").click())
    expect(page.get_by_role("heading", name="Finding F032")).to_be_visible()
    assert_no_exception(page)


def test_cite_this_gives_a_reference_with_the_link_that_reopens_the_item(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore?id=F012")
    expect(page.get_by_role("heading", name="Finding F012")).to_be_visible()
    expect(page.get_by_text("From the researcher's summary of her study:", exact=True)).to_be_visible()

    page.get_by_role("button", name="Cite this").click()
    popover = page.get_by_test_id("stPopoverBody")
    expect(popover).to_be_visible()
    codes = popover.get_by_test_id("stCode")
    expect(codes).to_have_count(3)
    link = f"{app_url}/explore?id=F012"
    plain, ris, bibtex = (code.inner_text() for code in codes.all())
    assert plain.startswith("Carpenter, Nicola (n.d.). Exploratory Study of Social Workers' Perceptions")
    assert "Section: Why Collaborate?" in plain
    assert plain.strip().endswith(link)
    assert f"UR  - {link}" in ris
    assert f"url = {{{link}}}" in bibtex
    screenshot(page, "explore-cite-this")

    # The link in the citation reopens the same item in a new tab.
    fresh = page.context.new_page()
    open_page(fresh, link)
    expect(fresh.get_by_role("heading", name="Finding F012")).to_be_visible()
    assert_no_exception(fresh)
    fresh.close()


def test_a_quoted_phrase_is_found_and_highlighted(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore")
    box = search_box(page)
    rerun_after(page, lambda: (box.fill('"there for the child"'), box.press("Enter")))
    expect(page.get_by_text("1 result", exact=False)).to_be_visible()
    main = page.get_by_test_id("stMain")
    # Streamlit draws :orange-background[…] as a span with a background colour; the text inside is the match.
    marks = main.locator("[data-testid='stMarkdownContainer'] span").filter(has_text="there for the child")
    expect(marks.first).to_be_visible()
    colours = {mark.evaluate("element => getComputedStyle(element).backgroundColor") for mark in marks.all()}
    assert colours - {"rgba(0, 0, 0, 0)", "transparent"}, colours
    expect(page.get_by_text("CSWs value the expertise of their mental health colleagues", exact=False)).to_have_count(0)
    assert_no_exception(page)
    assert horizontal_overflow(page) == 0
    screenshot(page, "explore-phrase-highlight")


def test_a_misspelling_is_searched_as_the_study_spells_it(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore?q=familiarty")
    expect(
        page.get_by_text("showing results for “familiarity”, the nearest word in the study", exact=False)
    ).to_be_visible()
    expect(page.get_by_text("Relationships are helped by familiarity.", exact=True)).to_be_visible()
    assert_no_exception(page)


def test_words_found_apart_are_said_to_be_and_marked_without_gaps(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore?q=information%20sharing")
    expect(page.get_by_text("The first result holds every word; the rest hold some of the words.")).to_be_visible()
    main = page.get_by_test_id("stMain")
    # The mark covers the word only; the comma after it is the text's own, with no space put before it.
    card = main.get_by_test_id("stMarkdownContainer").filter(has_text="Social workers’ focus upon sharing").first
    expect(card).to_contain_text("analysis of information, what they still need")
    marks = card.locator("span").filter(has_text=re.compile(r"^information$"))
    expect(marks.first).to_be_visible()
    expect(main.get_by_text("Collaboration is for getting information from professionals", exact=False)).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "explore-some-words")


def test_an_empty_search_offers_terms_from_the_glossary_that_run(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore?q=zebra")
    expect(page.get_by_text("Nothing matches this search.")).to_be_visible()
    expect(page.get_by_role("link", name="Look a term up in the glossary, on About")).to_be_visible()
    screenshot(page, "explore-empty-suggestions")
    rerun_after(page, lambda: page.get_by_role("button", name="Search “MHSW”").click())
    expect(search_box(page)).to_have_value("MHSW")
    expect(page.get_by_text("In the glossary:", exact=False)).to_be_visible()
    assert_no_exception(page)


# Every result's own link: "Open it and everything linked to it (F028)", or "Open it (C01)" for context.
RESULT_LINK = re.compile(r"Open it( and everything linked to it)? \(")


def test_the_first_view_draws_one_page_and_the_keyboard_reaches_every_result(page: Page, app_url: str):
    dataset = load_dataset_dir()
    corpus = search.search(search.build_corpus(dataset), "")
    every_id = corpus["item_id"].tolist()
    assert len(every_id) == TOTAL
    # A card has a "Cite this" when it quotes a source (a glossary entry in the app's own words has none).
    quoting = [bool(evidence) for evidence in corpus["evidence"]]
    open_in_router(page, app_url, "/explore")
    main = page.get_by_test_id("stMain")
    # A card links to its own view where that shows more (what is linked to it).
    results = main.get_by_role("button", name="Cite this")
    # A room opening /explore is sent one page of cards, not all of them.
    expect(results).to_have_count(sum(quoting[: explore.PAGE_SIZE]))
    first_page = corpus.head(explore.PAGE_SIZE).to_dict("records")
    linked = [card["item_id"] for card in first_page if explore.is_linked(dataset.link_index, card)]
    expect(main.get_by_role("link", name=RESULT_LINK)).to_have_count(len(linked))
    expect(page.get_by_text(f"Showing {explore.PAGE_SIZE} of {TOTAL}.")).to_be_visible()
    expect(page.get_by_text(every_id[explore.PAGE_SIZE - 1], exact=False).first).to_be_attached()
    screenshot(page, "explore-first-page")

    # "Show more" from the keyboard: Tab reaches the button, Enter presses it, the next cards follow.
    more = page.get_by_role("button", name="Show 25 more")
    more.focus()
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    expect(results).to_have_count(sum(quoting[:50]))
    more = page.get_by_role("button", name=re.compile(r"^Show \d+ more"))
    more.focus()
    # Back one stop from the button is the last card drawn: the results sit in the keyboard's path.
    page.keyboard.press("Shift+Tab")
    assert f"({every_id[49]})" in focused_text(page)
    shown = 50
    while shown < TOTAL:
        more.focus()
        rerun_after(page, lambda: page.keyboard.press("Enter"))
        shown = min(shown + explore.PAGE_SIZE, TOTAL)
        expect(results).to_have_count(sum(quoting[:shown]))
    expect(page.get_by_role("button", name=re.compile(r"^Show \d+ more"))).to_have_count(0)
    expect(page.get_by_text("Showing", exact=False)).to_have_count(0)

    # The last two cards are context, linked to nothing: from the one before's "Cite this", Tab reaches the
    # last card's; Enter opens it, and its own link is inside, after the references.
    results.nth(sum(quoting) - 2).focus()
    page.keyboard.press("Tab")
    assert "Cite this" in focused_text(page)
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_test_id("stPopoverBody").get_by_test_id("stCode")).to_have_count(3)
    for _ in range(10):  # the reference, RIS and BibTeX boxes, then the link
        page.keyboard.press("Tab")
        if f"({every_id[-1]})" in focused_text(page):
            break
    assert f"Open it ({every_id[-1]})" in focused_text(page)
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_role("heading", name=re.compile(f"{re.escape(every_id[-1])}$"))).to_be_visible()
    assert_no_exception(page)


def test_explore_on_a_phone(browser: Browser, app_url: str):
    context = track_runs(browser.new_context(viewport={"width": 390, "height": 844}))
    phone = context.new_page()
    try:
        open_in_router(phone, app_url, "/explore?q=supervision")
        expect(phone.get_by_text("4 results", exact=False)).to_be_visible()
        expect(search_box(phone)).to_be_visible()
        assert_no_exception(phone)
        assert horizontal_overflow(phone) == 0
        screenshot(phone, "explore-search-phone")
        phone.get_by_role("link", name=RESULT_LINK).first.scroll_into_view_if_needed()
        screenshot(phone, "explore-result-phone")
    finally:
        context.close()


def test_a_result_cards_cite_this_fills_in_when_opened(page: Page, app_url: str):
    open_in_router(page, app_url, "/explore?q=familiarity")
    expect(page.get_by_text("1 result", exact=False)).to_be_visible()
    # Closed, the card's popover holds nothing: its references are built when it opens (a rerun).
    rerun_after(page, lambda: page.get_by_role("button", name="Cite this").click())
    popover = page.get_by_test_id("stPopoverBody")
    expect(popover).to_be_visible()
    codes = popover.get_by_test_id("stCode")
    expect(codes).to_have_count(3)
    plain = codes.first.inner_text()
    assert plain.startswith("Carpenter, Nicola (n.d.). Exploratory Study of Social Workers' Perceptions")
    assert plain.strip().endswith(f"{app_url}/explore?id=F028")
    assert_no_exception(page)
    screenshot(page, "explore-result-cite-this")
