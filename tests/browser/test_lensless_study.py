"""A server started on a study without a lens whose recommendations.csv fills `cop_element`
(tests/lensless_study.py), in real Chromium: every page is visited and none shows a lens tag, filter, column
or "element inferred"; the planner and Explore still show its recommendations, and Your data shows what the loader
set aside."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from components.shared import navigation
from tests.browser.conftest import REPO, assert_no_exception, free_port, open_page, start_streamlit
from tests.lensless_study import lens_words_in, write_folder


def test_no_page_shows_a_lens_the_study_does_not_have(page: Page, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(write_folder(tmp_path / "handover-study")))
    port = free_port()
    server = start_streamlit(REPO / "app.py", port)
    try:
        for path in navigation.url_paths():
            open_page(page, f"http://127.0.0.1:{port}/{path}")
            assert_no_exception(page)
            assert lens_words_in(page.locator("body").inner_text()) == [], path
        for path in ("recommendations", "explore?q=handover%20bay"):
            open_page(page, f"http://127.0.0.1:{port}/{path}")
            assert_no_exception(page)
            text = page.locator("body").inner_text()
            assert "Set aside a handover bay at the front door." in text, path
            assert lens_words_in(text) == [], path
        # Whoever keeps the folder reads what the loader set aside, in plain words.
        open_page(page, f"http://127.0.0.1:{port}/your-data")
        text = page.locator("body").inner_text()
        assert "Notes on this study's files." in text
        assert "recommendations.csv, column 'cop_element', rows 2, 3: 2 recommendations name an element" in text
    finally:
        server.terminate()
        server.wait(timeout=20)
