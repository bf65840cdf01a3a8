"""The About page in AppTest, bundled and uploaded (its pure helpers: tests/components/about/test_study.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.about import study as about
from components.data.load import load_dataset_dir
from components.shared import citation
from components.shared.badges import CONTEXT_BADGE
from components.shared.session_keys import (
    ABOUT_BIBTEX,
    ABOUT_CITE_PREFIX,
    ABOUT_GLOSSARY_FIND,
    ABOUT_LENS_LINKS_PREFIX,
    UPLOADED_DATASET,
)
from components.shared.text import escape_markdown
from tests.components.about.ward_study import ward_upload
from tests.pages.apptest import open_app_page

BUNDLED = load_dataset_dir()


def open_about(dataset=None) -> AppTest:
    return open_app_page("pages/about.py", state={UPLOADED_DATASET: dataset} if dataset is not None else None)


def markdown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


# ---------------------------------------------------------------------------------------------
# The page


@pytest.fixture(scope="module")
def app():
    """The bundled study's About page, run once: these tests only read it."""
    return open_about()


class TestBundledStudy:
    def test_title_and_citation_with_copy_block(self, app):
        assert app.title[0].value == "About the study"
        codes = [element.value for element in app.code]
        assert BUNDLED.study.citation in codes
        # The BibTeX entry is in a box built when opened (see TestLazyFirstView).
        opened = open_about()
        opened.session_state[ABOUT_BIBTEX] = True
        opened.run()
        codes = [element.value for element in opened.code]
        assert any(code.startswith("@mastersthesis") for code in codes)

    def test_study_facts_and_licence(self, app):
        text = markdown_text(app)
        assert "**Author:** Nicola Carpenter" in text
        assert escape_markdown(BUNDLED.study.author_role) in text
        assert escape_markdown(BUNDLED.study.licence) in text

    def test_method_with_its_quotes(self, app):
        text = markdown_text(app)
        assert "**8 interviews** (4 MHSW, 4 CSW)" in text
        for entry in BUNDLED.study.method.evidence:
            assert escape_markdown(entry.quote) in text

    def test_the_three_influences(self, app):
        text = markdown_text(app)
        assert "The 3 influences the thesis found" in [element.value for element in app.subheader]
        for entry in BUNDLED.study.influences:
            assert f"**{escape_markdown(entry.name)}**" in text
        links = [element.proto for element in app.get("page_link")]
        assert any(link.query_string == "id=F032" for link in links)

    def test_limits_with_quotes_and_sources(self, app):
        text = markdown_text(app)
        for entry in BUNDLED.study.limits:
            assert escape_markdown(entry.limit) in text
            if entry.quote:
                assert escape_markdown(entry.quote) in text

    def test_coding_counts_from_the_data(self, app):
        text = markdown_text(app)
        inferred_themes = int((BUNDLED.findings["theme_basis"] == "inferred").sum())
        assert f"| Theme names given to findings | {inferred_themes} |" in text

    def test_communities_of_practice_lens_and_use(self, app):
        text = markdown_text(app)
        assert "**How the recommendations use it.**" in text
        for element in ("Mutual engagement", "Joint enterprise", "Shared repertoire"):
            assert f"**{element}**" in text
        assert "7 recommendations: 1 stated, 6 inferred." in text

    def test_full_glossary(self, app):
        text = markdown_text(app)
        for term in BUNDLED.glossary["term"]:
            assert f"| **{escape_markdown(term)}** |" in text

    def test_context_is_marked_not_this_study(self, app):
        assert "not findings of this study" in app.warning[0].value
        text = markdown_text(app)
        # One box per source document (a blog post and a news article), whatever section each item is from.
        index = citation.source_index(BUNDLED.study, uploaded=False)
        documents = {citation.resolve(source, index).document.key for source in BUNDLED.context["source"]}
        assert len(documents) == 2
        assert text.count(CONTEXT_BADGE) == len(documents)
        assert (
            escape_markdown("Councils step up support for mental health social workers (2016). News article.") in text
        )
        for title in BUNDLED.context["title"]:
            assert f"**{escape_markdown(title)}.**" in text

    def test_context_quotes_say_whose_words_and_can_be_cited(self, app):
        text = markdown_text(app)
        assert "> *From a blog post \\(context, not this study\\):*" in text
        assert "> *From the researcher's summary of her study:*" in text
        assert len(app.get("popover")) >= len(BUNDLED.context)

    def test_glossary_search_narrows_the_table(self):
        app = open_about()
        app.text_input(key=ABOUT_GLOSSARY_FIND).input("Tuckman").run()
        text = markdown_text(app)
        assert "| **Tuckman's stages** |" in text
        assert "| **MHSW** |" not in text
        app.text_input(key=ABOUT_GLOSSARY_FIND).input("zzzz").run()
        assert "No term matches. Clear the box to see them all." in markdown_text(app)


def quotes_on_the_page() -> list[str]:
    """Every quote the bundled About page shows, each once (the influences share one sentence of the abstract)."""
    study = BUNDLED.study
    influences = about.influences(BUNDLED)
    lens = about.lens(BUNDLED, BUNDLED.glossary)
    return [
        study.question_evidence,
        study.licence_evidence,
        *(entry["quote"] for entry in about.method_evidence(study)),
        *influences.loc[influences["evidence"] != "", "evidence"].drop_duplicates(),
        *(entry["quote"] for entry in about.limits(study) if entry["quote"]),
        lens.quote[0],
        *BUNDLED.context["evidence"],
    ]


def popover_key(popover) -> str:
    # A keyed element's id ends with its key ("$$ID-<hash>-<key>").
    return popover.proto.popover.id.rsplit("-", 1)[-1]


class TestLazyFirstView:
    """What a student opens on purpose is built when opened: the first view sends each quote and a closed
    "Cite this", the citation itself, and closed boxes for the BibTeX entry and an element's recommendations."""

    def test_every_quote_has_a_closed_cite_this_that_holds_nothing_yet(self, app):
        popovers = app.get("popover")
        assert len(popovers) == len(quotes_on_the_page())
        keys = [popover_key(popover) for popover in popovers]
        assert all(key.startswith(ABOUT_CITE_PREFIX) for key in keys)
        assert len(set(keys)) == len(keys)
        assert all(not popover.proto.popover.open and len(popover.children) == 0 for popover in popovers)

    def test_the_first_view_sends_the_citation_alone_as_code(self, app):
        assert [element.value for element in app.code] == [BUNDLED.study.citation]

    def test_closed_boxes_hold_no_links_yet(self, app):
        labels = [element.label for element in app.expander]
        assert labels == ["As a BibTeX entry", *["Which recommendations"] * 3]
        links = [element.proto.query_string for element in app.get("page_link")]
        assert links == ["id=F032", "id=F033", "id=F034"]

    def test_the_first_view_is_about_a_hundred_elements(self, app):
        # It was 262 (docs/performance.md): each element costs server time in every session.
        def count(node) -> int:
            children = getattr(node, "children", None) or {}
            return 1 + sum(count(child) for child in children.values())

        assert count(app._tree) <= 110

    def test_opening_a_context_quotes_cite_this_gives_its_reference(self):
        app = open_about()
        app.session_state[f"{ABOUT_CITE_PREFIX}context_C06"] = True
        app.run()
        opened = [popover for popover in app.get("popover") if popover.proto.popover.open]
        assert [popover_key(popover) for popover in opened] == [f"{ABOUT_CITE_PREFIX}context_C06"]
        plain, ris, bibtex = (code.value for code in opened[0].code)
        assert "Councils step up support for mental health social workers" in plain
        assert plain.endswith("/explore?id=C06")
        assert "UR  - /explore?id=C06" in ris.splitlines()
        assert bibtex.startswith("@")

    def test_opening_a_limits_cite_this_names_its_document_and_section(self):
        app = open_about()
        app.session_state[f"{ABOUT_CITE_PREFIX}limit_0"] = True
        app.run()
        (opened,) = [popover for popover in app.get("popover") if popover.proto.popover.open]
        assert BUNDLED.study.limits[0].source == "Carpenter n.d., summary: introduction"
        plain = opened.code[0].value
        assert "Summary of study, findings and recommendations. Section: introduction." in plain

    def test_opening_an_elements_box_links_its_recommendations(self):
        app = open_about()
        app.session_state[f"{ABOUT_LENS_LINKS_PREFIX}2"] = True
        app.run()
        recommendations = BUNDLED.recommendations
        chosen = recommendations.loc[recommendations["cop_element"] == "shared repertoire", "recommendation_id"]
        links = [element.proto.query_string for element in app.expander[3].get("page_link")]
        assert links == [f"id={rec_id}" for rec_id in chosen]
        assert not app.expander[1].get("page_link")

    def test_open_boxes_stay_open_through_a_glossary_search(self):
        app = open_about()
        app.session_state[f"{ABOUT_LENS_LINKS_PREFIX}0"] = True
        app.session_state[f"{ABOUT_CITE_PREFIX}lens"] = True
        app.run()
        app.text_input(key=ABOUT_GLOSSARY_FIND).input("Tuckman").run()
        assert not app.exception
        assert app.expander[1].get("page_link")
        (opened,) = [popover for popover in app.get("popover") if popover.proto.popover.open]
        assert popover_key(opened) == f"{ABOUT_CITE_PREFIX}lens"
        assert len(opened.code) == 3
        assert "| **Tuckman's stages** |" in markdown_text(app)


class TestUploadedData:
    def test_explains_metadata_comes_with_the_bundled_study(self):
        app = open_about(ward_upload())
        assert "came without the study's metadata" in app.info[0].value
        assert not app.code
        text = markdown_text(app)
        assert "**ward study**" in text
        assert "2 coded statements, 2 recommendations, 0 links" in text

    def test_shows_the_apps_own_terms_and_the_uploads_coding(self):
        app = open_about(ward_upload())
        text = markdown_text(app)
        assert "Your data has no glossary. These are the terms this app itself uses:" in text
        assert "| **inferred** |" in text
        assert "| **MHSW** |" not in text
        assert "| Theme names given to findings | 1 | 1 | 2 |" in text
        # Its recommendations name elements, but no study.json defines a lens: the loader set them aside, so no
        # lens section, row or tag, in no words.
        assert "tied to an element" not in text
        assert "**Joint enterprise**" not in text
        assert "Communities of Practice" not in text
        assert "element of a recommendation" not in text.casefold()
        assert not app.warning

    def test_an_upload_of_findings_only(self):
        app = open_about(ward_upload(with_recommendations=False))
        text = markdown_text(app)
        assert "The Communities of Practice lens" not in [element.value for element in app.header]
        assert "| Theme names given to findings |" in text
