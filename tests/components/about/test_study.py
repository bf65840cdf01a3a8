"""What the About page's lens, glossary and upload sections show, built without Streamlit.

(The study-metadata helpers are tested beside the page, in tests/pages/test_about_page.py.)
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from components.about import study as about
from components.data.load import build_dataset, load_dataset_dir
from components.data.model import Study, StudyInfluence, StudyLens
from components.shared.text import escape_markdown
from tests.components.about.ward_study import ward_upload

BUNDLED = load_dataset_dir()
# The bundled study's lens as its study.json names it: no list of elements is written in code.
BUNDLED_LENS = BUNDLED.study.lens
FINDINGS = "finding_id,group,category,theme,statement,evidence,source\nX1,Nurses,barrier,Time,No time,Quote,Src\n"


def upload(recommendations: str | None = None, lens: StudyLens | None = BUNDLED_LENS):
    """An upload whose study's details name `lens` (by default the bundled study's lens, typed into the form)."""
    files = {"findings.csv": FINDINGS.encode()}
    if recommendations is not None:
        files["recommendations.csv"] = (
            "recommendation_id,audience,text,cop_element,basis\n" + recommendations
        ).encode()
    return build_dataset(files, name="ward study", study=Study(title="Ward study", lens=lens))


class TestLens:
    def test_bundled_lens_has_its_definition_quote_and_counts(self):
        lens = about.lens(BUNDLED, BUNDLED.glossary)
        term = about.glossary_entries(BUNDLED.glossary, [BUNDLED_LENS.name]).iloc[0]
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

    def test_a_study_with_another_lens_is_counted_by_its_own_elements_and_name(self):
        # Two of the bundled elements, in its own order, under its own name: the lens is the study's, not code's.
        rows = "Q1,Managers,Share the work,joint enterprise,stated\n"
        other_lens = StudyLens(name="Shared practice", elements=("joint enterprise", "mutual engagement"))
        dataset = upload(rows, lens=other_lens)
        lens = about.lens(dataset, BUNDLED.glossary)
        assert [element.title for element in lens.elements] == ["Joint enterprise", "Mutual engagement"]
        assert lens.elements[0].counts == "1 recommendation: 1 stated, 0 inferred."
        assert "shared repertoire" not in lens.use_sentence
        nothing = about.cop_use(dataset.recommendations, ("mutual engagement",))
        assert about.cop_sentence(nothing, ("mutual engagement",), "Shared practice") == (
            "No recommendation in this dataset is tied to an element of Shared practice."
        )

    def test_an_upload_borrows_the_definitions_never_the_quote(self):
        lens = about.lens(upload("Q1,Managers,Protect time,joint enterprise,inferred\n"), BUNDLED.glossary)
        assert lens.quote is None
        assert lens.definition
        assert lens.elements[1].counts == "1 recommendation: 0 stated, 1 inferred."
        assert lens.elements[0].counts == "0 recommendations: 0 stated, 0 inferred."

    def test_no_lens_for_an_upload_without_recommendations(self):
        assert about.lens(upload(), BUNDLED.glossary) is None

    def test_no_lens_for_a_study_that_defines_none_whatever_its_recommendations_name(self):
        dataset = upload("Q1,Managers,Protect time,joint enterprise,inferred\n", lens=None)
        assert about.lens(dataset, BUNDLED.glossary) is None
        assert about.lens(dataclasses.replace(dataset, study=None), BUNDLED.glossary) is None

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
        assert len(lens.elements) == len(BUNDLED_LENS.elements)


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

    def test_a_study_without_a_lens_gets_the_apps_terms_without_elements(self):
        shown = about.glossary_view(BUNDLED.glossary.head(0), BUNDLED.glossary, has_lens=False)
        definitions = dict(zip(shown.glossary["term"], shown.glossary["definition"], strict=True))
        assert list(definitions) == ["coded statement", "stated", "inferred"]
        assert definitions["inferred"] == (
            "This app's interpretation of the source (a theme name or a link) that the source does not say in so "
            "many words."
        )
        assert not shown.glossary["definition"].str.contains("element").any()

    def test_a_study_with_a_lens_keeps_the_element_in_the_apps_terms(self):
        shown = about.glossary_view(BUNDLED.glossary.head(0), BUNDLED.glossary, has_lens=True)
        inferred = shown.glossary.loc[shown.glossary["term"] == "inferred", "definition"].iloc[0]
        assert "(a theme name, a link or an element)" in inferred

    def test_the_bundled_studys_own_glossary_is_never_reworded(self):
        shown = about.glossary_view(BUNDLED.glossary, BUNDLED.glossary, has_lens=False)
        pd.testing.assert_frame_equal(shown.glossary, BUNDLED.glossary)


class TestTermsWithoutALens:
    @pytest.mark.parametrize(
        ("definition", "reworded"),
        [
            ("Read into it (a theme name, a link or an element).", "Read into it (a theme name or a link)."),
            ("Read into it (a link, a lens element, or a theme).", "Read into it (a link or a theme)."),
            ("Read into it (an element or a link).", "Read into it (a link)."),
            ("Read into it (a theme name or a link).", "Read into it (a theme name or a link)."),
        ],
    )
    def test_an_element_named_in_a_bracketed_list_is_dropped_from_it(self, definition, reworded):
        terms = pd.DataFrame({"term": ["inferred"], "definition": [definition], "source": ["This app's coding"]})
        assert about.terms_without_a_lens(terms)["definition"].tolist() == [reworded]

    @pytest.mark.parametrize(
        ("term", "definition"),
        [
            ("element", "One part of a lens."),
            ("tagged", "Marked with one of the lens's elements."),
            ("x", "(elements)"),
        ],
    )
    def test_an_entry_that_would_still_speak_of_elements_is_left_out(self, term, definition):
        terms = pd.DataFrame(
            {"term": ["stated", term], "definition": ["Said so.", definition], "source": ["This app's coding"] * 2}
        )
        assert about.terms_without_a_lens(terms)["term"].tolist() == ["stated"]

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


# ---------------------------------------------------------------------------------------------
# Facts, method, coding, Communities of Practice and glossary (moved here from the page tests)


class TestStudyFacts:
    def test_facts_come_from_the_metadata_in_reading_order(self):
        facts = dict(about.study_facts(BUNDLED.study))
        assert list(facts) == ["Title", "Author", "Author's role", "Setting", "Year", "Degree", "Licence", "Groups"]
        assert facts["Groups"] == "MHSW: Mental health social workers; CSW: Children's social workers"
        assert facts["Author"] == "Nicola Carpenter"
        assert facts["Year"] == "2019"
        assert facts["Degree"] == "Masters thesis, University of Huddersfield"

    def test_no_metadata_gives_no_facts(self):
        assert about.study_facts(None) == []

    def test_bibtex_uses_only_the_metadata(self):
        entry = about.bibtex(BUNDLED.study)
        assert entry.startswith("@mastersthesis{carpenter2019,")
        assert "school = {University of Huddersfield}" in entry
        assert f"title = {{{BUNDLED.study.title}}}" in entry

    def test_bibtex_needs_author_title_and_year(self):
        assert about.bibtex(None) is None
        # The loader requires all three (see data/README.md); a record made in code without a year still gets none.
        assert about.bibtex(dataclasses.replace(BUNDLED.study, author="A B", title="T", year=0)) is None

    def test_bibtex_drops_braces_from_data(self):
        entry = about.bibtex(dataclasses.replace(BUNDLED.study, author="A {B}", title="T}", year=2020))
        assert entry.count("{") == entry.count("}")


class TestMethodAndLimits:
    def test_method_evidence_is_every_quote_with_its_source(self):
        evidence = about.method_evidence(BUNDLED.study)
        assert [entry["quote"] for entry in evidence] == [e.quote for e in BUNDLED.study.method.evidence]
        assert all(entry["source"] for entry in evidence)

    def test_influences_carry_their_findings_evidence(self):
        influences = about.influences(BUNDLED)
        assert influences["name"].tolist() == [entry.name for entry in BUNDLED.study.influences]
        f032 = BUNDLED.findings.set_index("finding_id").at["F032", "evidence"]
        assert influences.iloc[0]["evidence"] == f032

    def test_an_influence_pointing_at_a_missing_finding_keeps_its_name_only(self):
        # The loader refuses such a study.json (see tests/components/data/test_load.py); the page still copes.
        dataset = dataclasses.replace(
            build_dataset({"findings.csv": b"finding_id,group,category,theme,statement\nX1,A,barrier,T,S\n"}, name="x"),
            study=dataclasses.replace(BUNDLED.study, influences=(StudyInfluence("Culture", "F999"),)),
        )
        influences = about.influences(dataset)
        assert influences.to_dict("records") == [{"name": "Culture", "finding_id": "", "evidence": "", "source": ""}]

    def test_limits_keep_quotes_and_sources(self):
        limits = about.limits(BUNDLED.study)
        assert len(limits) == len(BUNDLED.study.limits)
        assert limits[0]["quote"] == BUNDLED.study.limits[0].quote
        assert limits[-1]["quote"] == ""
        assert limits[-1]["source"] == "This app's coding"


class TestCodingSummary:
    def test_counts_inferred_and_stated_from_the_data(self):
        summary = about.coding_summary(BUNDLED).set_index("coded item")
        themes = summary.loc["Theme names given to findings"]
        assert themes["inferred"] == int((BUNDLED.findings["theme_basis"] == "inferred").sum())
        assert themes["stated"] == int((BUNDLED.findings["theme_basis"] == "stated").sum())
        assert themes["total"] == len(BUNDLED.findings)
        links = summary.loc["Links between items (what helps, barriers, recommendations)"]
        assert links["inferred"] == int((BUNDLED.links["basis"] == "inferred").sum())
        assert "not marked" not in summary.columns

    def test_an_upload_without_links_or_recommendations_counts_findings_only(self):
        summary = about.coding_summary(ward_upload(with_recommendations=False))
        assert summary["coded item"].tolist() == ["Theme names given to findings", "Findings (the statement itself)"]

    def test_an_upload_without_a_lens_counts_no_lens_elements(self):
        # Its recommendations.csv fills cop_element, but no study defines a lens: the loader set them aside.
        summary = about.coding_summary(ward_upload())
        assert summary["coded item"].tolist() == ["Theme names given to findings", "Findings (the statement itself)"]
        bundled_rows = about.coding_summary(BUNDLED)["coded item"].tolist()
        assert "Communities of Practice element of a recommendation" in bundled_rows


class TestCommunitiesOfPractice:
    def test_recommendations_per_element_stated_and_inferred(self):
        use = about.cop_use(BUNDLED.recommendations, BUNDLED_LENS.elements).set_index("element")
        recs = BUNDLED.recommendations
        for element in ("mutual engagement", "joint enterprise", "shared repertoire"):
            chosen = recs[recs["cop_element"] == element]
            assert use.at[element, "recommendations"] == len(chosen)
            assert use.at[element, "stated"] == int((chosen["basis"] == "stated").sum())
            assert use.at[element, "inferred"] == int((chosen["basis"] == "inferred").sum())
            assert use.at[element, "ids"] == chosen["recommendation_id"].tolist()
        assert "no element given" not in use.index

    def test_all_three_elements_appear_even_at_zero(self):
        recommendations = pd.DataFrame(
            {
                "recommendation_id": ["Q1", "Q2"],
                "cop_element": ["joint enterprise", "mutual engagement"],
                "basis": ["inferred", "stated"],
            }
        )
        use = about.cop_use(recommendations, BUNDLED_LENS.elements)
        assert use["element"].tolist() == ["mutual engagement", "joint enterprise", "shared repertoire"]
        assert use["recommendations"].tolist() == [1, 1, 0]

    def test_the_sentence_is_built_from_the_counts(self):
        use = about.cop_use(BUNDLED.recommendations, BUNDLED_LENS.elements)
        sentence = about.cop_sentence(use, BUNDLED_LENS.elements, BUNDLED_LENS.name)
        assert sentence.startswith("15 recommendations tied to an element")
        assert "shared repertoire: 7 (1 stated, 6 inferred)" in sentence
        assert "Most of these elements are this app's reading" in sentence

    def test_no_recommendations(self):
        use = about.cop_use(pd.DataFrame(columns=["recommendation_id", "cop_element", "basis"]), ("trust",))
        assert use.empty
        elements = BUNDLED_LENS.elements
        none = about.cop_use(ward_upload(False).recommendations, elements)
        assert "No recommendation" in about.cop_sentence(none, elements, BUNDLED_LENS.name)


class TestGlossary:
    def test_entries_in_the_order_asked_ignoring_case(self):
        entries = about.glossary_entries(BUNDLED.glossary, ["communities of practice", "JOINT ENTERPRISE", "nope"])
        assert entries["term"].tolist() == ["Communities of Practice", "joint enterprise"]

    def test_app_terms_are_those_from_this_apps_coding(self):
        terms = about.app_terms(BUNDLED.glossary)["term"].tolist()
        assert terms == ["coded statement", "stated", "inferred"]

    @pytest.mark.parametrize(("query", "expected"), [("mhsw", "MHSW"), ("  Tuckman’s ", "Tuckman's stages")])
    def test_filter_is_forgiving(self, query, expected):
        assert expected in about.filter_glossary(BUNDLED.glossary, query)["term"].tolist()

    def test_filter_with_no_query_keeps_everything(self):
        assert len(about.filter_glossary(BUNDLED.glossary, "")) == len(BUNDLED.glossary)

    def test_markdown_table_escapes_data(self):
        glossary = pd.DataFrame(
            {"term": ["<b>x|y</b>"], "definition": ["[click](http://evil)"], "evidence": [""], "source": ["s"]}
        )
        table = about.glossary_markdown(glossary)
        assert "<b>" not in table
        assert "](http" not in table
        assert table.splitlines()[-1].count(" | ") == 2

    def test_context_grouped_by_source_in_data_order(self):
        groups = about.context_by_source(BUNDLED.context)
        assert [source for source, _ in groups] == list(dict.fromkeys(BUNDLED.context["source"]))
        assert sum(len(rows) for _, rows in groups) == len(BUNDLED.context)
        assert about.context_by_source(BUNDLED.context.head(0)) == []


class TestMethodEvidenceLead:
    def test_the_bundled_study_names_the_kinds_of_its_method_quotes_sources(self):
        assert about.method_evidence_lead(BUNDLED) == (
            "From the study's documents (researcher's summary and thesis abstract):"
        )

    def test_a_study_without_a_source_list_is_not_said_to_have_a_summary_or_thesis(self):
        assert about.method_evidence_lead(ward_upload()) == "From the study's documents:"
