"""Publishing a study in a real Chromium: publish on /your-data, open the read link in another browser (another
context: no shared session or cookies), move between pages there, delete with the owner link in a third, and
the read link then says the study is no longer published. A server of its own, on a throwaway SQLite file."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from components.shared import publishing as publish
from tests.browser.conftest import (
    REPO,
    assert_no_exception,
    free_port,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    start_streamlit,
    track_runs,
)
from tests.browser.steps import go_to, name_the_study, open_your_data, press_check, upload_file
from tests.browser.test_your_data import assert_no_live_html

HOSTILE_NAME = '<img src=x onerror="window.__pwned = 1"> <b>Ward</b> study'
FINDINGS = (
    b"finding_id,group,category,theme,statement\n"
    b"F1,Team A,barrier,Time,Not enough time to meet.\n"
    b"F2,Team B,enabler,Desks,Sitting together helps.\n"
)


def banner_of(page: Page):
    return page.locator('[data-testid="stMarkdownContainer"] p', has_text="Published study:")


def new_page(browser: Browser, width: int = 1280, height: int = 720) -> Page:
    return track_runs(browser.new_context(viewport={"width": width, "height": height})).new_page()


def test_publish_read_elsewhere_then_delete(browser: Browser, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"sqlite:///{tmp_path}/explorer.db")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_streamlit(REPO / "app.py", port)
    pages: list[Page] = []
    try:
        publisher = new_page(browser)
        pages.append(publisher)
        open_your_data(publisher, url)
        payload = {"name": "findings.csv", "mimeType": "text/csv", "buffer": FINDINGS}
        upload_file(publisher, "findings", payload=payload)
        name_the_study(publisher, HOSTILE_NAME)
        press_check(publisher)
        publish_button = publisher.get_by_role("button", name=re.compile(r"^Publish "))
        publish_button.scroll_into_view_if_needed()
        rerun_after(publisher, publish_button.click)
        assert_no_exception(publisher)
        links = publisher.locator('[data-testid="stCode"] code')
        expect(links).to_have_count(2)
        read_link, owner_link = (text.strip() for text in links.all_inner_texts())
        assert re.fullmatch(rf"{re.escape(url)}/\?study=[A-Za-z0-9_-]{{32}}", read_link), read_link
        assert re.fullmatch(
            rf"{re.escape(url)}/your-data\?study=[A-Za-z0-9_-]{{32}}&owner=[A-Za-z0-9_-]{{43}}", owner_link
        )
        screenshot(publisher, "published-links")

        # Someone else, with only the read link.
        reader = new_page(browser)
        pages.append(reader)
        open_page(reader, read_link)
        assert_no_exception(reader)
        banner = banner_of(reader).first
        expect(banner).to_be_visible()
        expect(banner).to_contain_text(HOSTILE_NAME)  # shown as the text it is
        assert_no_live_html(reader, "the read link's home page")
        screenshot(reader, "published-read-link-home")
        go_to(reader, "Explore findings")
        assert_no_exception(reader)
        expect(banner_of(reader).first).to_be_visible()
        expect(reader.get_by_text("Not enough time to meet.").first).to_be_visible()
        assert "study=" in reader.url  # the address bar stays a link to what is shown
        assert_no_live_html(reader, "explore on the read link")
        phone = new_page(browser, 390, 844)
        pages.append(phone)
        open_page(phone, read_link)
        expect(banner_of(phone).first).to_be_visible()
        assert horizontal_overflow(phone) == 0
        screenshot(phone, "published-read-link-phone")

        # The owner, in a fresh browser with the owner link only.
        owner = new_page(browser)
        pages.append(owner)
        open_page(owner, owner_link)
        assert_no_exception(owner)
        expect(owner.get_by_text("Your published study:", exact=False)).to_be_visible()
        screenshot(owner, "published-owner-link")
        confirm = owner.get_by_text("Yes, delete it for everyone")
        confirm.scroll_into_view_if_needed()
        rerun_after(owner, confirm.click)
        rerun_after(owner, owner.get_by_role("button", name="Delete the published study").click)
        assert_no_exception(owner)
        expect(owner.get_by_text("Deleted.", exact=False)).to_be_visible()

        # The read link now opens nothing, with the one message, and the bundled study goes on.
        open_page(reader, read_link)
        assert_no_exception(reader)
        expect(reader.get_by_text("This link does not open a published study.")).to_be_visible()
        expect(banner_of(reader)).to_have_count(0)
        screenshot(reader, "published-read-link-gone")
        assert publish.NOT_FOUND.startswith("**This link does not open a published study.**")
    finally:
        for page in pages:
            page.context.close()
        server.terminate()
        server.wait(timeout=30)
