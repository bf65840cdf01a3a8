"""Your data in a real Chromium: a hostile upload stays text, then every page runs on it in the same session.

Pages are visited through the sidebar links, not by URL: a full page load starts a new session, which
would (rightly) drop the upload.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from components.qda import read_qda_file
from components.qda.__main__ import main as qda_command_line
from components.shared import navigation
from tests.browser.conftest import (
    REPO,
    assert_no_exception,
    free_port,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    start_streamlit,
    wait_for_app,
)
from tests.browser.steps import (
    FIXTURES,
    WCAG_21_AA,
    describe,
    go_to,
    name_the_study,
    open_your_data,
    press_check,
    upload_file,
)
from tests.fixtures.qda import projects as qda_fixtures

HOSTILE = FIXTURES / "study" / "hostile"
HOSTILE_NAME = '<img src=x onerror="window.__pwned = 1"> <b>Hostile</b> study'
# Sidebar link text of every page, in navigation order (the your-data page itself is visited first).
SIDEBAR_PAGES = [page.title for page in navigation.PAGES]
JOIN_LABEL = navigation.by_script("pages/join.py").title

# What would show that data became live HTML or script: any of these counts above zero.
LIVE_HTML_PROBE = """() => {
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    const tagged = (selector, pattern) => [...main.querySelectorAll(selector)]
        .filter(el => pattern.test(el.textContent)).length;
    return {
        pwned: window.__pwned === 1 ? 1 : 0,
        imgWithOnerror: document.querySelectorAll('img[onerror], img[src="x"]').length,
        scriptsFromData: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')).length,
        javascriptLinks: document.querySelectorAll('a[href^="javascript"], iframe[src^="javascript"]').length,
        iframesFromData: main.querySelectorAll('iframe[src*="javascript"]').length,
        boldFromData: tagged('b, strong', /^(Team A|Hostile)$/),
        italicFromData: tagged('i, em', /^(C|Managers)$/),
        underlineFromData: tagged('u', /^why$/),
        plotlyTagsRendered: [...document.querySelectorAll('.main-svg text')]
            .filter(t => /Team A/.test(t.textContent) && !/<b>/.test(t.textContent)).length,
    };
}"""


def assert_no_live_html(page: Page, where: str) -> None:
    found = page.evaluate(LIVE_HTML_PROBE)
    assert all(count == 0 for count in found.values()), (where, found)


def test_hostile_upload_is_text_on_every_page(page: Page, app_url: str):
    open_your_data(page, app_url)
    assert_no_exception(page)
    for slot in ("findings", "recommendations", "links"):
        upload_file(page, slot, HOSTILE / f"{slot}.csv")
    name_the_study(page, HOSTILE_NAME)
    press_check(page)

    assert_no_exception(page)
    expect(page.get_by_text("is open on every page.", exact=False)).to_be_visible()
    # The hostile name shows as the characters typed, in the banner and the success message.
    expect(page.get_by_text(HOSTILE_NAME, exact=False).first).to_be_visible()
    assert_no_live_html(page, "your-data after upload")
    page.get_by_text("is open on every page.", exact=False).scroll_into_view_if_needed()
    assert horizontal_overflow(page) == 0
    screenshot(page, "your-data-hostile-upload")

    for label in SIDEBAR_PAGES:
        go_to(page, label)
        assert_no_exception(page)
        if label != JOIN_LABEL:  # a phone answers the presenter's room; its footer still cites this upload
            # Same session: the banner still names the upload, so the page really ran on the hostile data.
            expect(page.get_by_text("You are viewing your own data:", exact=False)).to_be_visible()
        expect(page.get_by_text(HOSTILE_NAME, exact=False).first).to_be_attached()
        assert_no_live_html(page, label)
        screenshot(page, f"your-data-hostile-on-{label.lower().replace(' ', '-')}")


def test_bad_upload_lists_problems_and_keeps_the_bundled_study(page: Page, app_url: str):
    open_your_data(page, app_url)
    upload_file(page, "findings", FIXTURES / "bad" / "problems_in_every_file" / "findings.csv")
    upload_file(page, "recommendations", FIXTURES / "bad" / "problems_in_every_file" / "recommendations.csv")
    upload_file(page, "links", FIXTURES / "bad" / "problems_in_every_file" / "links.csv")
    press_check(page)

    assert_no_exception(page)
    expect(page.get_by_text("6 problems to fix.", exact=False)).to_be_visible()
    expect(page.get_by_text("Nothing has changed: you are still viewing Carpenter (2019)", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="recommendations.csv: 3 problems")).to_be_visible()
    expect(page.get_by_text("'F404' is not a finding_id or recommendation_id in this dataset.")).to_be_visible()
    expect(page.get_by_text("You are viewing your own data:", exact=False)).to_have_count(0)
    screenshot(page, "your-data-problems")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download every problem (CSV)").click()
    raw = Path(download_info.value.path()).read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["file", "row", "column", "problem"]
    assert len(rows) == 7


def test_a_file_over_the_limit_and_an_image_are_named(page: Page, app_url: str):
    open_your_data(page, app_url)
    big = b"finding_id,group,category,theme,statement\n" + b"F1,A,barrier,t,x\n" * 190_000
    upload_file(page, "findings", payload={"name": "big.csv", "mimeType": "text/csv", "buffer": big})
    press_check(page)
    expect(page.get_by_text("the file is 3.1 MB; the limit is 2 MB per file.", exact=False)).to_be_visible()

    upload_file(page, "findings", FIXTURES / "bad" / "png_image" / "findings.csv")
    press_check(page)
    expect(page.get_by_text("this is a PNG image, not a CSV text file.", exact=False)).to_be_visible()
    assert_no_exception(page)


def test_a_file_over_the_server_upload_limit_is_refused_before_it_reaches_the_app(page: Page, app_url: str):
    open_your_data(page, app_url)
    huge = b"finding_id,group,category,theme,statement\n" + b"F1,A,barrier,t,x\n" * 400_000  # about 6.9 MB
    page.locator(".st-key-your_data_upload_findings input[type=file]").set_input_files(
        {"name": "huge.csv", "mimeType": "text/csv", "buffer": huge}
    )
    # The CSV uploaders set max_upload_size=5 (the server-wide limit is 50, for .qdpx projects): Streamlit's
    # uploader refuses the file itself.
    expect(page.locator(".st-key-your_data_upload_findings").get_by_text("or smaller", exact=False)).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_role("button", name="Check and open my data")).to_be_disabled()
    assert_no_exception(page)


def test_templates_download_as_spreadsheet_safe_csv(page: Page, app_url: str):
    open_your_data(page, app_url)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="findings.csv template").click()
    download = download_info.value
    assert download.suggested_filename == "findings.csv"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[:5] == ["finding_id", "group", "category", "theme", "statement"]
    screenshot(page, "your-data")


def test_the_rules_and_column_guide_are_readable(page: Page, app_url: str):
    open_your_data(page, app_url)
    # A lazy box: opening it reruns the page, which then builds the rules and tables.
    assert page.locator('[data-testid="stTable"]').count() == 0
    rerun_after(page, page.get_by_text("What each file must hold, and the rules the check applies").click)
    expect(page.get_by_text("Each file may be up to 2 MB", exact=False)).to_be_visible()
    guide = page.locator('[data-testid="stTable"]').first
    expect(guide).to_contain_text("One of: purpose, barrier, enabler, perception, observation.")
    guide.scroll_into_view_if_needed()
    assert horizontal_overflow(page) == 0
    screenshot(page, "your-data-column-guide")


# ---------------------------------------------------------------------------------------------
# A study straight from a QDA tool


def upload_qda(page: Page, file_name: str, data: bytes) -> None:
    file_input = page.locator(".st-key-your_data_qda_upload input[type=file]")
    payload = {"name": file_name, "mimeType": "application/octet-stream", "buffer": data}
    rerun_after(page, lambda: file_input.set_input_files(payload))
    expect(page.locator(".st-key-your_data_qda_upload [data-testid=stFileChipName]")).to_have_text(file_name)
    wait_for_app(page)


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    rerun_after(page, lambda: page.get_by_role("option", name=option, exact=True).click())


def test_a_qdpx_opens_after_its_mapping_and_quotes_each_segment_exactly(page: Page, app_url: str):
    open_your_data(page, app_url)
    # The intro's link jumps past the CSV templates (a link within the page: no rerun).
    page.get_by_role("link", name="From a QDA tool? Start here.").click()
    expect(page.get_by_role("heading", name="Or open a project from your QDA tool")).to_be_in_viewport()
    upload_qda(page, "interviews.qdpx", qda_fixtures.sources_file_project())
    assert_no_exception(page)
    expect(page.get_by_role("heading", name="How your codes map to the explorer")).to_be_visible()
    barriers = page.get_by_role("combobox", name="Category for Barriers (1 coded segment)")
    expect(barriers).to_have_value("Barriers (what gets in the way)")
    expect(page.get_by_text("By group: MHSW 2, CSW 1.")).to_be_visible()
    expect(page.get_by_text("You are viewing your own data:", exact=False)).to_have_count(0)
    barriers.scroll_into_view_if_needed()
    screenshot(page, "your-data-qda-mapping")
    results = Axe().run(page, options=WCAG_21_AA)
    serious = [found for found in results.response["violations"] if found["impact"] in ("serious", "critical")]
    assert [describe(found) for found in serious] == []

    # Map: try the case names as groups, then go back to the role variable the app guessed; then a name.
    choose(page, "Groups to compare come from", "Case names")
    expect(page.get_by_text("By group: Participant 1 2, Participant 2 1.")).to_be_visible()
    choose(page, "Groups to compare come from", "Variable: role (text)")
    expect(page.get_by_text("By group: MHSW 2, CSW 1.")).to_be_visible()
    field = page.locator(".st-key-your_data_qda_name input")
    field.fill("Interview study")
    rerun_after(page, lambda: field.press("Enter"))
    rerun_after(page, lambda: page.get_by_role("button", name="Open this study").click())
    expect(page.get_by_text("Interview study is open on every page.", exact=False)).to_be_visible()
    expect(page.get_by_text("You are viewing your own data: Interview study", exact=False)).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "your-data-qda-opened")

    go_to(page, "Compare groups")
    assert_no_exception(page)
    expect(page.get_by_role("combobox", name="Compare group")).to_have_value("MHSW")
    expect(page.get_by_role("combobox", name="With group")).to_have_value("CSW")
    screenshot(page, "your-data-qda-compare")

    go_to(page, "Explore findings")
    assert_no_exception(page)
    for passage in ("time", "matters", "together"):
        # The quote is the segment's characters and nothing else: non-ASCII, curly quotes and emoji intact.
        expect(page.get_by_text(f"“{qda_fixtures.PASSAGES[passage]}”", exact=True)).to_be_visible()
    screenshot(page, "your-data-qda-explore")


def test_a_hostile_qdpx_is_named_and_the_bundled_study_stays(page: Page, app_url: str):
    open_your_data(page, app_url)
    upload_qda(page, "evil.qdpx", qda_fixtures.external_entity())
    expect(page.get_by_text("evil.qdpx cannot be opened: 1 problem.", exact=False)).to_be_visible()
    expect(page.get_by_text("the XML declares a DTD", exact=False)).to_be_visible()
    expect(page.get_by_text("You are viewing your own data:", exact=False)).to_have_count(0)
    assert_no_exception(page)
    assert_no_live_html(page, "your-data after a hostile qdpx")


def test_the_open_study_downloads_as_a_qdpx_that_opens_again(browser: Browser, app_url: str):
    """The exports download as files. This page is opened without the run tracker (its wrapped WebSocket once
    stopped Streamlit's deferred-download reply from arriving), so the test waits on the app's own DOM state
    (`wait_for_app`) instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_for_app(page)
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Your data", exact=True).click()
        expect(page.get_by_role("heading", name="Take this study to your QDA tool")).to_be_visible()
        wait_for_app(page)
        for label, suffix in (
            ("Download as a REFI-QDA project (.qdpx)", ".qdpx"),
            ("Download the codebook (.qdc)", ".qdc"),
        ):
            with page.expect_download() as download_info:
                page.get_by_role("button", name=label).click()
            download = download_info.value
            assert download.suggested_filename == f"Social-workers-perceptions-of-collaboration{suffix}"
            raw = Path(download.path()).read_bytes()
            if suffix == ".qdpx":
                # The bundled study's 35 findings and 15 recommendations, each a coded selection.
                assert len(read_qda_file(download.suggested_filename, raw).segments) == 50
            else:
                assert raw.startswith(b"<?xml")
                assert b"urn:QDA-XML:codebook:1.0" in raw
    finally:
        context.close()


def test_a_server_started_on_a_folder_written_by_the_command_line_shows_that_study(
    page: Page, tmp_path: Path, monkeypatch
):
    """`python -m components.qda PROJECT --out FOLDER`, then `EXPLORER_DATA_DIR=FOLDER streamlit run app.py`."""
    project = tmp_path / "interviews.qdpx"
    project.write_bytes(qda_fixtures.sources_file_project())
    folder = tmp_path / "course-study"
    assert qda_command_line([str(project), "--out", str(folder)]) == 0
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(folder))
    port = free_port()
    server = start_streamlit(REPO / "app.py", port)
    try:
        open_page(page, f"http://127.0.0.1:{port}")
        go_to(page, "Explore findings")
        assert_no_exception(page)
        expect(page.get_by_text("4 results", exact=False)).to_be_visible()
        expect(page.get_by_text(f"“{qda_fixtures.PASSAGES['matters']}”", exact=True)).to_be_visible()
        # The folder is this server's own study, not an upload: no "your own data" banner.
        expect(page.get_by_text("You are viewing your own data:", exact=False)).to_have_count(0)
    finally:
        server.terminate()
        server.wait(timeout=20)
