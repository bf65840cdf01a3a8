"""Every page runs in AppTest on the bundled study with no exception and shows its title and citation."""

import pytest

from tests.pages.apptest import PAGES, open_app_page


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    app = open_app_page(page)
    assert app.title, f"{page} shows no title"
    assert any("Creative Commons" in caption.value for caption in app.caption), f"{page} has no citation footer"
