"""Every page on an invented second study (nurses and paramedics, no lens): none of the bundled study's
words appear, and the study's own groups are named."""

from __future__ import annotations

import json

import pytest

from components.shared.colours import GROUP_COLOURS
from components.shared.session_keys import EXPLORE_QUERY, UPLOADED_DATASET
from components.your_data import metadata
from tests.bundled_words import bundled_words_in
from tests.other_study import GROUPS, METADATA_FORM, other_study, other_study_with_metadata, page_text
from tests.pages.apptest import PAGES, open_app_page

BLUE, VERMILLION = GROUP_COLOURS[:2]


@pytest.fixture(scope="module")
def study():
    return other_study()


@pytest.mark.parametrize("page", PAGES)
def test_no_bundled_word_on_any_page(page, study):
    app = open_app_page(page, state={UPLOADED_DATASET: study})
    assert bundled_words_in(page_text(app)) == []


@pytest.mark.parametrize("page", ["pages/compare.py", "pages/explore.py"])
def test_pages_name_both_groups(page, study):
    text = page_text(open_app_page(page, state={UPLOADED_DATASET: study}))
    for group in GROUPS:
        assert group in text, group


def test_home_headline_is_neutral_for_a_study_without_one(study):
    app = open_app_page("pages/home.py", state={UPLOADED_DATASET: study})
    assert [title.value for title in app.title] == ["What the study found"]


def test_bundled_home_keeps_its_own_headline_from_study_json():
    app = open_app_page("pages/home.py")
    assert app.title[0].value == "Why social workers do — and don't — collaborate"


def test_planner_has_no_lens_filter_without_a_lens(study):
    app = open_app_page("pages/recommendations.py", state={UPLOADED_DATASET: study})
    assert "Communities of Practice" not in [box.label for box in app.multiselect]
    bundled = open_app_page("pages/recommendations.py")
    assert "Communities of Practice" in [box.label for box in bundled.multiselect]


def test_home_shows_headline_findings_of_both_groups_each_opening_its_evidence(study):
    app = open_app_page("pages/home.py", state={UPLOADED_DATASET: study})
    links = [link for link in app.get("page_link") if link.proto.query_string.startswith("id=")]
    assert [link.proto.query_string for link in links] == ["id=N01", "id=N04", "id=N05", "id=N06", "id=N08"]
    labels = " ".join(link.proto.label for link in links)
    for group in GROUPS:
        assert f"({group})" in labels


@pytest.fixture(scope="module")
def study_with_metadata():
    return other_study_with_metadata()


@pytest.mark.parametrize("page", PAGES)
def test_with_its_own_metadata_no_page_speaks_of_the_bundled_study(page, study_with_metadata):
    text = page_text(open_app_page(page, state={UPLOADED_DATASET: study_with_metadata}))
    assert bundled_words_in(text) == []


def test_about_and_home_use_the_studys_own_metadata(study_with_metadata):
    about = page_text(open_app_page("pages/about.py", state={UPLOADED_DATASET: study_with_metadata}))
    assert METADATA_FORM["title"] in about
    assert "Okafor, Ada (2024)" in about
    assert "Nurses\\\\: Emergency department nurses; Paramedics\\\\: Ambulance paramedics" in about  # Markdown-escaped
    home = open_app_page("pages/home.py", state={UPLOADED_DATASET: study_with_metadata})
    assert home.title[0].value == METADATA_FORM["title"]
    assert METADATA_FORM["question"] in page_text(home)


def test_an_uploaded_studys_slide_has_no_heading_anchor_and_its_banner_comes_after_the_slide(study):
    app = open_app_page("pages/present.py", state={UPLOADED_DATASET: study})
    assert app.title[0].proto.hide_anchor
    keys = [button.key for button in app.button]
    # The banner's button after the slide's own controls: the banner cannot push the slide down.
    assert keys.index("banner_return_to_bundled") > keys.index("present_next")


@pytest.mark.parametrize("page", ["pages/compare.py", "pages/network.py"])
def test_chart_images_are_footed_with_the_studys_own_reference(page, study_with_metadata):
    text = page_text(open_app_page(page, state={UPLOADED_DATASET: study_with_metadata}))
    # The framed figure behind a chart's image download: its footer cites the form's metadata.
    assert "Source: Okafor (2024) Handover between emergency nurses and" in text


def _group_colours_on_the_page(app) -> dict[str, str]:
    """Each group's bar colour in the Compare page's theme chart (a trace per group, named by it)."""
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    return {trace["name"]: trace["marker"]["color"] for trace in spec["data"] if trace["type"] == "bar"}


def test_compare_opens_on_the_studys_first_two_groups_in_blue_and_vermillion(study):
    app = open_app_page("pages/compare.py", state={UPLOADED_DATASET: study})
    assert (app.selectbox(key="compare_left").value, app.selectbox(key="compare_right").value) == GROUPS
    assert _group_colours_on_the_page(app) == {"Nurses": BLUE, "Paramedics": VERMILLION}
    # One group shown alone keeps its colour: a colour means one group whichever are on screen.
    app.selectbox(key="compare_left").select("Paramedics").run()
    assert _group_colours_on_the_page(app) == {"Paramedics": VERMILLION}


def test_the_metadata_order_of_groups_decides_the_default_pair_and_colours():
    # The same data (nurses named first) with metadata listing paramedics first: the metadata's order wins.
    form = {**METADATA_FORM, "group_names": "Paramedics = Ambulance paramedics\nNurses = Emergency department nurses"}
    reordered = metadata.with_study(other_study(), metadata.study_from_form(metadata.MetadataForm(**form)))
    app = open_app_page("pages/compare.py", state={UPLOADED_DATASET: reordered})
    assert app.selectbox(key="compare_left").value == "Paramedics"
    assert app.selectbox(key="compare_right").value == "Nurses"
    assert _group_colours_on_the_page(app) == {"Paramedics": BLUE, "Nurses": VERMILLION}
    app.selectbox(key="compare_right").select("Paramedics").run()
    assert _group_colours_on_the_page(app) == {"Paramedics": BLUE}


def test_explore_search_hint_uses_the_studys_own_theme_names(study):
    app = open_app_page("pages/explore.py", state={UPLOADED_DATASET: study})
    search_box = app.text_input(key=EXPLORE_QUERY)
    assert search_box.placeholder == "Try “Time pressure”, “Different records” or “Shared tools”"
    bundled = open_app_page("pages/explore.py").text_input(key=EXPLORE_QUERY)
    # The bundled study is hinted with its own theme names, from its data.
    assert bundled.placeholder.startswith("Try “")
    assert "Time pressure" not in bundled.placeholder
