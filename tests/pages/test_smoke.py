"""Every page runs in AppTest on the bundled study with no exception and shows its title and citation."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import APP, PAGES


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    assert app.title, f"{page} shows no title"
    assert any("Creative Commons" in caption.value for caption in app.caption), f"{page} has no citation footer"
