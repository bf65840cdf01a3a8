"""Every page runs in AppTest on the bundled study with no exception and shows its title and citation; with
unreadable server data, every page says so in plain words."""

import pytest
from streamlit.testing.v1 import AppTest

from components.data.vocabulary import BUNDLED_DATA_DIR
from components.shared.text import escape_markdown
from components.ui.access import DATA_DIR_VARIABLE, bundled_dataset
from tests.pages.apptest import APP, PAGES, open_app_page


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    app = open_app_page(page)
    assert app.title, f"{page} shows no title"
    assert any("Creative Commons" in caption.value for caption in app.caption), f"{page} has no citation footer"


@pytest.fixture
def broken_data_dir(tmp_path, monkeypatch):
    """The server's own data folder with a findings row that breaks the rules, and the cache emptied around it."""
    for source in BUNDLED_DATA_DIR.iterdir():
        if source.suffix in {".csv", ".json"}:
            (tmp_path / source.name).write_bytes(source.read_bytes())
    findings = (tmp_path / "findings.csv").read_text(encoding="utf-8").splitlines()
    # Row 2 keeps its id but loses its group: a required cell left blank.
    header = findings[0].split(",")
    cells = findings[1].split(",")
    cells[header.index("group")] = ""
    findings[1] = ",".join(cells)
    (tmp_path / "findings.csv").write_text("\n".join(findings) + "\n", encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    bundled_dataset.clear()
    yield tmp_path
    bundled_dataset.clear()


@pytest.mark.parametrize("page", ["pages/home.py", "pages/compare.py"])
def test_unreadable_server_data_is_named_in_plain_words(broken_data_dir, page):
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    assert app.title[0].value == "The explorer's data could not be read"
    assert "fix these files" in app.error[0].value
    faults = " ".join(markdown.value for markdown in app.markdown)
    assert escape_markdown("findings.csv, row 2, column 'group': this cell is blank") in faults
