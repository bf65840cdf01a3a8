"""A study without a lens whose recommendations.csv fills `cop_element` (tests/lensless_study.py), uploaded on
the Your data page as a researcher would: the check names the file, column and rows it set aside, and then no
page shows a lens tag, filter, column or "element inferred" mark. The bundled study keeps its own."""

from __future__ import annotations

import re

import pytest

from components.shared.session_keys import ASSESSMENT_ANSWERS, UPLOADED_DATASET
from components.shared.text import escape_markdown
from components.ui.access import DATA_DIR_VARIABLE, bundled_dataset
from components.your_data.upload import SERVER_NOTES_LEAD
from tests.lensless_study import files, lens_words_in, lensless_study, write_folder
from tests.other_study import page_text
from tests.pages.apptest import PAGES, open_app_page
from tests.pages.test_your_data_page import open_your_data, upload


@pytest.fixture(scope="module")
def uploaded():
    """The Your data page after the study's three files were uploaded and checked (details left without a lens)."""
    return upload(open_your_data(), files(), name="Handover study")


def test_the_check_opens_the_study_and_says_which_rows_it_set_aside(uploaded):
    dataset = uploaded.session_state[UPLOADED_DATASET]
    assert dataset.name == "Handover study"
    assert dataset.study.lens is None
    assert (dataset.recommendations["cop_element"] == "").all()
    notes = [info.value for info in uploaded.info]
    expected = escape_markdown(
        "recommendations.csv, column 'cop_element', rows 2, 3: 2 recommendations name an element of a lens, but the "
        "study defines no lens: they are set aside and no page shows them."
    )
    assert any(note.startswith(expected) for note in notes), notes
    assert uploaded.success, "the study opened"


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_lens_the_study_does_not_have(uploaded, page):
    # Each page opened afresh on the study the upload opened, as a reader arriving by a link would see it.
    app = open_app_page(page, state={UPLOADED_DATASET: uploaded.session_state[UPLOADED_DATASET]})
    assert lens_words_in(page_text(app)) == []


def test_the_planner_lists_the_recommendations_with_no_lens_badge_or_filter():
    app = open_app_page("pages/recommendations.py", state={UPLOADED_DATASET: lensless_study()})
    cards = [block.value for block in app.markdown if "`H0" in block.value]
    assert [card.split("**")[1] for card in cards] == [
        "Set aside a handover bay at the front door\\.",
        "Run a joint study day each year\\.",
    ]
    # Beside its audience a card marks only its inferred links: no element, and no "element inferred" although
    # H01's basis is inferred.
    badges = [
        [badge for badge in re.findall(r":[a-z]+-badge\[[^\]]*\]", card) if "link" not in badge] for card in cards
    ]
    assert badges == [[":gray-badge[For Hospital managers]"], [":gray-badge[For Ambulance service leads]"]]
    assert not [box.label for box in app.multiselect if "lens" in box.label.casefold() or "element" in box.label]
    assert lens_words_in(page_text(app)) == []


def test_the_bundled_planner_keeps_its_lens_badges_and_filter():
    app = open_app_page("pages/recommendations.py")
    text = page_text(app)
    assert ":gray-badge[Shared repertoire]" in text
    assert "Communities of Practice" in [box.label for box in app.multiselect]


def test_self_assessment_recommends_without_marking_an_element_it_does_not_have():
    # A gap where H01 (basis "inferred", its element set aside) addresses the barrier rated not in place.
    answers = {"N03": "not in place", "N04": "partly", "N05": "fully", "N08": "fully", "N09": "fully"}
    app = open_app_page(
        "pages/self-assessment.py", state={UPLOADED_DATASET: lensless_study(), ASSESSMENT_ANSWERS: answers}
    )
    text = "\n".join(block.value for block in app.markdown)
    assert "**Set aside a handover bay at the front door\\.**" in text
    assert lens_words_in(text) == []
    assert lens_words_in(page_text(app)) == []


def test_the_about_glossary_defines_the_apps_words_without_an_element():
    app = open_app_page("pages/about.py", state={UPLOADED_DATASET: lensless_study()})
    glossary = [block.value for block in app.markdown if "| **inferred** |" in block.value]
    assert len(glossary) == 1
    assert escape_markdown("(a theme name or a link)") in glossary[0]
    assert "element" not in glossary[0]


def test_the_bundled_about_glossary_keeps_the_element_in_inferred():
    app = open_app_page("pages/about.py")
    glossary = [block.value for block in app.markdown if "| **inferred** |" in block.value]
    assert len(glossary) == 1
    assert escape_markdown("(a theme name, a link or an element)") in glossary[0]


@pytest.fixture
def served_folder(tmp_path, monkeypatch):
    """A server started on the study's own data folder (EXPLORER_DATA_DIR), the cache emptied around it."""
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(write_folder(tmp_path / "handover-study")))
    bundled_dataset.clear()
    yield
    bundled_dataset.clear()


def test_your_data_shows_what_the_loader_noted_on_the_servers_own_study(served_folder):
    app = open_app_page("pages/your-data.py")
    assert SERVER_NOTES_LEAD in [block.value for block in app.markdown]
    expected = escape_markdown(
        "recommendations.csv, column 'cop_element', rows 2, 3: 2 recommendations name an element of a lens, but the "
        "study defines no lens: they are set aside and no page shows them."
    )
    assert [info.value for info in app.info if info.value.startswith(expected)], [info.value for info in app.info]
    assert lens_words_in(page_text(app)) == []


def test_your_data_shows_no_server_notes_for_the_bundled_study():
    app = open_app_page("pages/your-data.py")
    assert SERVER_NOTES_LEAD not in [block.value for block in app.markdown]


def test_a_server_started_on_a_folder_without_a_glossary_defines_the_apps_words(served_folder):
    """The folder has no glossary.csv: About borrows the app's own terms from the repository's data/, as an
    upload does, not from the folder the server was started on (which has none: an empty Glossary heading)."""
    assert bundled_dataset().glossary.empty  # the server's own study has no glossary of its own
    app = open_app_page("pages/about.py")
    glossary = [block.value for block in app.markdown if "| **inferred** |" in block.value]
    assert len(glossary) == 1
    assert escape_markdown("(a theme name or a link)") in glossary[0]  # worded for a study without a lens
