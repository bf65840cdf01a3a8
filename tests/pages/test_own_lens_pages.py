"""A study with a lens of its own ("Team working": Trust, Shared tools; tests/own_lens_study.py) on the About page
and in the planner's lens filter: the lens is named and counted as the study gives it, and none of the bundled
study's words appear."""

from __future__ import annotations

import pytest

from components.shared.session_keys import RECOMMENDATIONS_ELEMENT, UPLOADED_DATASET
from tests.bundled_words import bundled_words_in
from tests.other_study import page_text
from tests.own_lens_study import ELEMENTS, LENS_NAME, own_lens_study, without_lens
from tests.pages.apptest import open_app_page


@pytest.fixture(scope="module")
def study():
    return own_lens_study()


def test_about_shows_the_studys_own_lens_with_its_elements_and_counts(study):
    app = open_app_page("pages/about.py", state={UPLOADED_DATASET: study})
    assert f"The {LENS_NAME} lens" in [header.value for header in app.header]
    cards = [
        block.value
        for block in app.markdown
        if block.value.startswith("**Trust**") or "**Shared tools**" in block.value
    ]
    assert cards == [
        "**Trust**\n\n1 recommendation: 1 stated, 0 inferred.",
        "**Shared tools**\n\n2 recommendations: 1 stated, 1 inferred.",
    ]
    use = next(block.value for block in app.markdown if block.value.startswith("**How the recommendations use it.**"))
    assert "The study used the two elements to shape its recommendations." in use
    assert "Trust\\: 1 \\(1 stated, 0 inferred\\)" in use  # Markdown-escaped
    assert bundled_words_in(page_text(app)) == []


def test_about_has_no_lens_section_when_the_study_defines_none(study):
    app = open_app_page("pages/about.py", state={UPLOADED_DATASET: without_lens(study)})
    assert not [header.value for header in app.header if header.value.endswith(" lens")]
    assert "Shared tools" not in " ".join(block.value for block in app.markdown)


def test_the_planner_filters_by_the_studys_own_elements(study):
    app = open_app_page("pages/recommendations.py", state={UPLOADED_DATASET: study})
    lens_filter = app.multiselect(key=RECOMMENDATIONS_ELEMENT)
    assert lens_filter.label == LENS_NAME
    assert list(lens_filter.options) == list(ELEMENTS)
    assert "Give both services one handover form" in page_text(app)
    lens_filter.set_value(["Trust"]).run()
    assert not app.exception
    assert app.query_params["element"] in ("Trust", ["Trust"])
    text = page_text(app)
    assert "Run a joint study day each year" in text
    assert "Give both services one handover form" not in text
    assert "Set aside a handover bay at the front door" not in text
    assert bundled_words_in(text) == []


def test_the_planner_has_no_lens_filter_when_the_study_defines_none(study):
    app = open_app_page("pages/recommendations.py", state={UPLOADED_DATASET: without_lens(study)})
    assert LENS_NAME not in [box.label for box in app.multiselect]
    assert RECOMMENDATIONS_ELEMENT not in [box.key for box in app.multiselect]
