"""A server started on the invented second study (nurses and paramedics, no lens) in real Chromium: every page
is visited, none shows a word of the bundled study, and its own groups are named."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from components.shared import navigation
from tests.browser.conftest import REPO, assert_no_exception, free_port, open_page, start_streamlit
from tests.bundled_words import bundled_words_in
from tests.other_study import GROUPS, METADATA_FORM, write_folder


def test_every_page_of_another_study_speaks_only_of_that_study(page: Page, tmp_path: Path, monkeypatch):
    folder = write_folder(tmp_path / "handover-study", with_metadata=True)
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(folder))
    port = free_port()
    server = start_streamlit(REPO / "app.py", port)
    try:
        seen: dict[str, str] = {}
        for path in navigation.url_paths():
            open_page(page, f"http://127.0.0.1:{port}/{path}")
            assert_no_exception(page)
            text = page.locator("body").inner_text()
            assert bundled_words_in(text) == [], path
            seen[path] = text
        # The navigation is static, so neutral; the groups' own names are on the pages.
        assert "Compare groups" in seen[""]
        # Its study.json, read by the loader: the About page cites it.
        assert METADATA_FORM["title"] in seen["about"]
        for group in GROUPS:
            assert group in seen["compare"], group
            assert group in seen["explore"], group
    finally:
        server.terminate()
        server.wait(timeout=20)
