"""What the About page's lens, glossary and upload sections show, built without Streamlit.

(The study-metadata helpers are tested beside the page, in tests/pages/test_about_page.py.)
"""

from __future__ import annotations

import pandas as pd
import pytest

from components.about import study as about
from components.data.load import build_dataset, load_dataset_dir
from components.data.vocabulary import COP_ELEMENTS
from components.shared.text import escape_markdown

BUNDLED = load_dataset_dir()
FINDINGS = "finding_id,group,category,theme,statement,evidence,source\nX1,Nurses,barrier,Time,No time,Quote,Src\n"


def upload(recommendations: str | None = None):
    files = {"findings.csv": FINDINGS.encode()}
    if recommendations is not None:
        files["recommendations.csv"] = (
            "recommendation_id,audience,text,cop_element,basis\n" + recommendations
        ).encode()
    return build_dataset(files, name="ward study")


class TestLens:
    def test_bundled_lens_has_its_definition_quote_and_counts(self):
        lens = about.lens(BUNDLED, BUNDLED.glossary)
        term = about.glossary_entries(BUNDLED.glossary, [about.COP_TERM]).iloc[0]
        assert lens.quote == (term["evidence"], term["source"])
        assert lens.use_sentence.startswith("15 recommendations tied to an element")
        assert [element.title for element in lens.elements] == [
            "Mutual engagement",
            "Joint enterprise",
            "Shared repertoire",
        ]
        repertoire = lens.elements[2]
        assert repertoire.counts == "7 recommendations: 1 stated, 6 inferred."
        chosen = BUNDLED.recommendations[BUNDLED.recommendations["cop_element"] == "shared repertoire"]
        assert [rec_id for rec_id, _ in repertoire.links] == chosen["recommendation_id"].tolist()
        first = chosen.iloc[0]
        assert (
            repertoire.links[0][1]
            == f"{escape_markdown(first['recommendation_id'])} · {escape_markdown(first['text'])}"
        )
        assert repertoire.hidden == 0

    def test_an_upload_borrows_the_definitions_never_the_quote(self):
        lens = about.lens(upload("Q1,Managers,Protect time,joint enterprise,inferred\n"), BUNDLED.glossary)
        assert lens.quote is None
        assert lens.definition
        assert lens.elements[1].counts == "1 recommendation: 0 stated, 1 inferred."
        assert lens.elements[0].counts == "0 recommendations: 0 stated, 0 inferred."

    def test_no_lens_for_an_upload_without_recommendations(self):
        assert about.lens(upload(), BUNDLED.glossary) is None

    def test_long_lists_are_cut_and_counted(self):
        rows = "".join(f"Q{n},Managers,Step {n},mutual engagement,stated\n" for n in range(40))
        element = about.lens(upload(rows), BUNDLED.glossary).elements[0]
        assert len(element.links) == about.RECOMMENDATION_LINK_LIMIT
        assert element.hidden == 40 - about.RECOMMENDATION_LINK_LIMIT
        assert element.links[0] == ("Q0", "Q0 · Step 0")

    def test_labels_are_escaped(self):
        lens = about.lens(upload("Q1,Managers,[click](http://evil),joint enterprise,inferred\n"), BUNDLED.glossary)
        assert "](http" not in lens.elements[1].links[0][1]

    def test_every_element_appears(self):
        lens = about.lens(BUNDLED, BUNDLED.glossary)
        assert len(lens.elements) == len(COP_ELEMENTS)


class TestGlossaryView:
    def test_own_glossary_is_shown_whole(self):
        shown = about.glossary_view(BUNDLED.glossary, BUNDLED.glossary)
        assert len(shown.glossary) == len(BUNDLED.glossary)
        assert shown.intro[0] == "Every abbreviation and term used in this app."

    def test_an_upload_without_one_gets_the_apps_own_terms(self):
        shown = about.glossary_view(BUNDLED.glossary.head(0), BUNDLED.glossary)
        assert shown.glossary["term"].tolist() == ["coded statement", "stated", "inferred"]
        assert shown.intro == ("Your data has no glossary. These are the terms this app itself uses:",)

    def test_nothing_when_neither_has_terms(self):
        assert about.glossary_view(BUNDLED.glossary.head(0), BUNDLED.glossary.head(0)) is None

    @pytest.mark.parametrize(
        ("query", "shown", "hidden"), [("Tuckman", "Tuckman's stages", "MHSW"), ("", "MHSW", None)]
    )
    def test_found_is_the_table_of_matches(self, query, shown, hidden):
        table = about.glossary_found(BUNDLED.glossary, query)
        assert f"| **{shown}** |" in table.replace("\\'", "'")
        if hidden:
            assert f"| **{hidden}** |" not in table

    def test_found_nothing_says_what_to_do(self):
        assert about.glossary_found(BUNDLED.glossary, "zzzz") == "No term matches. Clear the box to see them all."


class TestUploadLines:
    def test_upload_summary_counts_and_escapes(self):
        dataset = upload()
        assert about.upload_summary(dataset) == (
            "Your data: **ward study** — 1 coded statements, 0 recommendations, 0 links."
        )

    def test_context_warning_counts_sources(self):
        assert about.context_warning(1).startswith("The items below come from 1 other source, not")
        assert about.context_warning(2).startswith("The items below come from 2 other sources, not")


def test_lens_does_not_change_the_dataset():
    before = BUNDLED.recommendations.copy()
    about.lens(BUNDLED, BUNDLED.glossary)
    pd.testing.assert_frame_equal(BUNDLED.recommendations, before)
