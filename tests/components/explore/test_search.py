"""Search, facets and item views for the Explore page, on the bundled study and on small uploads."""

from __future__ import annotations

import pandas as pd
import pytest

from components.data.exports import safe_csv_bytes
from components.data.load import load_dataset_dir
from components.data.vocabulary import BUNDLED_DATA_DIR
from components.explore import search
from components.shared.search_index import highlight_markdown
from components.shared.text import escape_markdown, search_fold, search_fold_series
from tests.components.small_uploads import finding, upload
from tests.lensless_study import lensless_study


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def corpus(bundled):
    return search.build_corpus(bundled)


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["item_id"].tolist()


class TestNormalise:
    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("THERE FOR THE CHILD", "there for the child"),
            ("“there for the child”", "'there for the child'"),
            ("there   for\tthe  child", "there for the child"),
            ("childrens", "children’s"),
            ("face-to-face", "face – to face"),
        ],
    )
    def test_forms_a_reader_might_type_fold_together(self, typed, stored):
        assert search_fold(typed) in search_fold(stored)

    def test_query_terms_drop_edge_punctuation_and_blanks(self):
        assert search.query_terms("  familiarity.  (training)! ") == ["familiarity", "training"]

    def test_query_terms_keep_ampersands_and_prefixes_as_typed(self):
        assert search.query_terms("C&F") == ["C&F"]
        assert search.query_terms("familiar*") == ["familiar*"]


class TestCorpus:
    def test_holds_everything_a_student_reads(self, bundled, corpus):
        study = bundled.study
        assert corpus["kind"].value_counts().to_dict() == {
            "finding": len(bundled.findings),
            "recommendation": len(bundled.recommendations),
            "study": 1 + len(study.method.evidence) + len(study.limits),
            "glossary": len(bundled.glossary),
            "prompt": len(bundled.prompts),
            "context": len(bundled.context),
        }
        assert corpus["kind"].tolist() == sorted(corpus["kind"], key=search.KINDS.index)

    def test_study_rows_quote_the_study_word_for_word(self, bundled, corpus):
        rows = corpus[corpus["kind"] == search.STUDY].set_index("item_id")
        assert rows.at["Question", "evidence"] == bundled.study.question_evidence
        assert rows.at["Method 1", "evidence"] == bundled.study.method.evidence[0].quote
        assert rows.at["Limit 3", "text"] == bundled.study.limits[2].limit
        assert rows.at["Limit 3", "source"] == bundled.study.limits[2].source

    def test_has_no_internal_row_column(self, corpus):
        assert "_row" not in corpus.columns

    def test_upload_without_recommendations_or_context_has_only_findings(self):
        dataset = upload([finding("X1", "One point")])
        corpus = search.build_corpus(dataset)
        assert ids(corpus) == ["X1"]
        assert set(corpus["kind"]) == {"finding"}


class TestSearch:
    def test_familiarity_finds_the_enabler(self, corpus):
        assert ids(search.search(corpus, "familiarity")) == ["F028"]

    @pytest.mark.parametrize("query", ["FAMILIARITY", "  familiarity  ", "Familiarity."])
    def test_case_spaces_and_punctuation_do_not_matter(self, corpus, query):
        assert ids(search.search(corpus, query)) == ["F028"]

    @pytest.mark.parametrize("query", ["'there for the child'", "“there for the child”", '"there for the child"'])
    def test_quote_style_does_not_matter(self, corpus, query):
        results = search.search(corpus, query)
        assert ids(results)[0] == "F026"

    def test_whole_phrase_matches_come_before_scattered_words(self, corpus):
        results = search.search(corpus, "there for the child")
        assert ids(results)[0] == "F026"

    def test_items_with_every_word_come_first_then_some_words_when_few(self, corpus):
        assert ids(search.search(corpus, "face contact")) == ["F029"]
        found = search.find(corpus, "information sharing")
        assert ids(found.results)[:3] == ["R05", "F009", "F014"]
        assert found.every_word == 1
        assert found.results["every_word"].tolist()[:2] == [True, False]
        apart = search.find(corpus, "familiarity supervision")
        assert apart.every_word == 0
        assert {"F028", "R04", "R08"} <= set(ids(apart.results))

    def test_evidence_is_searched_and_named(self, corpus):
        results = search.search(corpus, "clarity").set_index("item_id")
        # C08 says "role clarity" in its own words; F001's word is only in its evidence.
        assert list(results.index) == ["C08", "F001"]
        assert results.at["F001", "matched_in"] == "evidence"

    def test_detail_is_searched(self, corpus):
        results = search.search(corpus, "recognition")
        assert ids(results) == ["F011"]
        assert results.iloc[0]["matched_in"] == "detail"

    def test_recommendations_are_searched_with_dashes_folded(self, corpus):
        assert ids(search.search(corpus, "co located"))[0] == "R09"
        assert ids(search.search(corpus, "co-located")) == ["R09"]

    def test_context_evidence_is_searched_and_keeps_its_kind(self, corpus):
        results = search.search(corpus, "randomised")
        assert ids(results) == ["C01"]
        assert results.iloc[0]["kind"] == search.CONTEXT

    def test_ids_can_be_searched(self, corpus):
        assert "R05" in ids(search.search(corpus, "r05"))

    def test_empty_query_returns_everything_findings_first(self, corpus):
        results = search.search(corpus, "   ")
        assert len(results) == len(corpus)
        assert results["kind"].tolist() == sorted(results["kind"], key=search.KINDS.index)
        assert (results["matched_in"] == "").all()

    def test_no_match_gives_an_empty_frame_with_columns(self, corpus):
        results = search.search(corpus, "zebra crossing")
        assert results.empty
        assert {"item_id", "kind", "matched_in"} <= set(results.columns)

    def test_search_does_not_change_the_corpus(self, corpus):
        before = corpus.copy()
        search.search(corpus, "familiarity")
        pd.testing.assert_frame_equal(corpus, before)

    def test_unicode_right_to_left_and_emoji(self):
        dataset = upload(
            [
                finding("U1", "עבודה משותפת עוזרת 🤝", group="צוות"),
                finding("U2", "Straße and café", group="Équipe"),
            ]
        )
        corpus = search.build_corpus(dataset)
        assert ids(search.search(corpus, "משותפת")) == ["U1"]
        assert ids(search.search(corpus, "🤝")) == ["U1"]
        assert ids(search.search(corpus, "STRASSE")) == ["U2"]

    def test_empty_corpus(self):
        empty = pd.DataFrame({name: pd.Series(dtype="string") for name in search.CORPUS_COLUMNS})
        assert search.search(empty, "anything").empty
        assert search.search(empty, "").empty


class TestFacets:
    def test_options_follow_reading_order(self, bundled, corpus):
        options = search.facet_options(corpus, bundled.groups)
        assert options["kind"] == ["finding", "recommendation", "study", "glossary", "prompt", "context"]
        assert options["group"] == bundled.groups
        assert options["group"][-1] == "All"
        assert options["category"] == ["purpose", "barrier", "enabler", "perception", "observation"]
        assert options["basis"] == ["stated", "inferred"]
        assert options["theme"] == sorted(options["theme"], key=str.casefold)
        assert "" not in options["theme"]

    def test_counts_with_nothing_chosen_are_the_data(self, bundled, corpus):
        options = search.facet_options(corpus, bundled.groups)
        counts = search.facet_counts(search.search(corpus, ""), {}, options)
        assert counts["kind"] == corpus["kind"].value_counts().to_dict()
        assert counts["group"] == bundled.findings["group"].value_counts().to_dict()
        assert sum(counts["category"].values()) == len(bundled.findings)
        expected_basis = pd.concat([bundled.findings["basis"], bundled.recommendations["basis"]]).value_counts()
        assert counts["basis"] == expected_basis.to_dict()

    def test_a_facet_is_counted_without_its_own_choice(self, bundled, corpus):
        options = search.facet_options(corpus, bundled.groups)
        chosen = {"group": ["MHSW"]}
        counts = search.facet_counts(search.search(corpus, ""), chosen, options)
        mhsw = bundled.findings[bundled.findings["group"] == "MHSW"]
        assert counts["group"]["CSW"] == int((bundled.findings["group"] == "CSW").sum())
        assert counts["category"] == {
            category: int((mhsw["category"] == category).sum()) for category in options["category"]
        }

    def test_counts_follow_the_search(self, bundled, corpus):
        options = search.facet_options(corpus, bundled.groups)
        counts = search.facet_counts(search.search(corpus, "familiarity"), {}, options)
        assert counts["kind"] == {kind: int(kind == "finding") for kind in search.KINDS}
        assert counts["category"]["enabler"] == 1

    def test_group_filter_keeps_only_that_groups_findings(self, corpus):
        results = search.apply_facets(corpus, {"group": ["CSW"]})
        assert not results.empty
        assert set(results["group"]) == {"CSW"}
        assert set(results["kind"]) == {"finding"}

    def test_values_within_a_facet_are_alternatives_and_facets_combine(self, corpus):
        either = search.apply_facets(corpus, {"category": ["barrier", "enabler"]})
        assert set(either["category"]) == {"barrier", "enabler"}
        both = search.apply_facets(corpus, {"category": ["barrier", "enabler"], "group": ["MHSW"]})
        assert set(both["group"]) == {"MHSW"}
        assert set(both["category"]) <= {"barrier", "enabler"}

    def test_basis_covers_recommendations_too(self, corpus):
        stated = search.apply_facets(corpus, {"basis": ["stated"], "kind": ["recommendation"]})
        assert ids(stated) == ["R03"]

    def test_only_values_present_in_the_data_are_offered(self):
        dataset = upload([finding("X1", "One", group="Zeta"), finding("X2", "Two", group="Alpha")])
        options = search.facet_options(search.build_corpus(dataset), dataset.groups)
        assert options["kind"] == ["finding"]
        assert options["group"] == ["Zeta", "Alpha"]
        assert options["category"] == ["barrier"]
        assert options["basis"] == ["stated"]


class TestEmptyResults:
    def test_suggests_clearing_filters_when_they_hide_matches(self):
        tips = search.describe_empty("familiarity", {"group": ["MHSW"]}, unfaceted_count=1)
        assert "1 item" in tips[0]
        assert "group" in tips[0]

    def test_suggests_dropping_quotes_for_a_phrase(self):
        tips = search.describe_empty('"familiarity supervision"', {}, unfaceted_count=0)
        assert any("Drop the double quotes" in tip for tip in tips)

    def test_always_suggests_something(self):
        assert search.describe_empty("", {}, unfaceted_count=0)


class TestFindItem:
    @pytest.mark.parametrize(("asked", "found"), [("F012", "F012"), ("f012", "F012"), (" R05 ", "R05"), ("c01", "C01")])
    def test_finds_findings_recommendations_and_context(self, corpus, asked, found):
        assert search.find_item(corpus, asked)["item_id"] == found

    @pytest.mark.parametrize("asked", ["F999", "", None, "<script>", "F01"])
    def test_unknown_ids_give_none(self, corpus, asked):
        assert search.find_item(corpus, asked) is None

    def test_ids_differing_only_in_case_need_the_exact_one(self):
        dataset = upload([finding("a1", "lower"), finding("A1", "upper")])
        corpus = search.build_corpus(dataset)
        assert search.find_item(corpus, "A1")["text"] == "upper"
        assert search.find_item(corpus, "a1")["text"] == "lower"


class TestLinkedItems:
    def test_a_barrier_shows_what_helps_and_the_recommendations_that_address_it(self, bundled, corpus):
        linked = search.linked_items(corpus, bundled.link_index, "F015")
        by_heading = linked.groupby("heading")["item_id"].apply(list).to_dict()
        assert by_heading["What helps overcome it"] == ["F027", "F028", "F029", "F030"]
        assert by_heading["Addressed by"] == ["R02", "R11", "R13", "R15"]
        assert not linked["outgoing"].any()

    def test_an_enabler_shows_both_directions_outgoing_first(self, bundled, corpus):
        linked = search.linked_items(corpus, bundled.link_index, "F028")
        assert linked["heading"].tolist() == ["Helps overcome", "Helps overcome", "Built on by", "Built on by"]
        assert linked["item_id"].tolist() == ["F020", "F015", "R09", "R12"]
        assert linked.iloc[0]["text"] == corpus.set_index("item_id").at["F020", "text"]
        assert set(linked["link_basis"]) == {"inferred"}

    def test_a_recommendation_shows_what_it_addresses(self, bundled, corpus):
        linked = search.linked_items(corpus, bundled.link_index, "R05")
        assert linked["item_id"].tolist() == ["F021", "F009"]
        assert set(linked["heading"]) == {"Addresses"}
        assert set(linked["kind"]) == {"finding"}

    def test_every_link_is_seen_from_both_ends(self, bundled, corpus):
        for _, link in bundled.links.iterrows():
            from_side = search.linked_items(corpus, bundled.link_index, link["from_id"])
            to_side = search.linked_items(corpus, bundled.link_index, link["to_id"])
            assert link["to_id"] in from_side.loc[from_side["outgoing"], "item_id"].tolist()
            assert link["from_id"] in to_side.loc[~to_side["outgoing"].astype(bool), "item_id"].tolist()

    def test_context_and_unlinked_items_have_nothing_linked(self, bundled, corpus):
        assert search.linked_items(corpus, bundled.link_index, "C01").empty
        assert search.linked_items(corpus, bundled.link_index, "F001").empty

    def test_no_links_table(self):
        dataset = upload([finding("X1", "One")])
        assert search.linked_items(search.build_corpus(dataset), dataset.link_index, "X1").empty

    @pytest.mark.parametrize(
        ("relation", "outgoing", "heading"),
        [
            ("overcomes", True, "Helps overcome"),
            ("overcomes", False, "What helps overcome it"),
            ("builds on", False, "Built on by"),
            ("causes", True, "Causes"),
            ("causes", False, "Linked from (causes)"),
            ("", True, "Linked to"),
        ],
    )
    def test_relation_headings_read_from_the_viewed_side(self, relation, outgoing, heading):
        assert search.relation_heading(relation, outgoing) == heading

    def test_same_theme_lists_the_other_findings(self, corpus):
        item = search.find_item(corpus, "F015")
        assert ids(search.same_theme(corpus, item)) == ["F035"]
        assert search.same_theme(corpus, search.find_item(corpus, "R01")).empty


class TestExport:
    def test_export_has_reader_columns_and_verbatim_evidence(self, bundled, corpus):
        table = search.export_table(search.search(corpus, "familiarity"))
        assert list(table.columns) == list(search.EXPORT_COLUMNS.values())
        row = table.iloc[0]
        assert row["id"] == "F028"
        assert row["type"] == "Finding"
        assert row["evidence (verbatim)"] == bundled.findings.set_index("finding_id").at["F028", "evidence"]

    def test_context_is_labelled_as_not_this_study(self, corpus):
        table = search.export_table(search.search(corpus, "randomised"))
        assert table.iloc[0]["type"] == "Context evidence (not this study)"

    def test_download_is_formula_safe_with_bom(self):
        dataset = upload([finding("X1", '=HYPERLINK("http://example.com")'), finding("X2", "@SUM(A1)")])
        data = safe_csv_bytes(search.export_table(search.search(search.build_corpus(dataset), "")))
        assert data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        assert "'=HYPERLINK" in text
        assert "'@SUM" in text
        assert "\r\n" in text

    def test_a_study_without_a_lens_has_no_lens_column_in_its_download(self):
        study = lensless_study()
        table = search.export_table(search.find(search.build_corpus(study), "handover").results, "")
        assert not table.empty
        assert [column for column in table.columns if "lens" in column or "element" in column] == []
        assert table.columns[-1] == "title or term"

    def test_the_bundled_download_keeps_both_lens_columns_even_without_a_prompt(self, bundled, corpus):
        results = search.find(corpus, "time").results
        assert not (results["kind"] == search.PROMPT).any()
        table = search.export_table(results, search.lens_field(bundled))
        assert {"Communities of Practice element", "prompt's lens"} <= set(table.columns)

    def test_a_study_without_a_lens_keeps_what_its_own_prompts_name_as_their_lens(self, corpus):
        prompts = corpus[corpus["kind"] == search.PROMPT].head(2)
        table = search.export_table(prompts, "")
        assert "Communities of Practice element" not in table.columns
        assert table["prompt's lens"].tolist() == prompts["lens"].tolist()
        assert table["prompt's lens"].ne("").all()


class TestSummaries:
    def test_kind_summary_names_each_kind_present(self, corpus):
        assert search.kind_summary(search.search(corpus, "")) == (
            "35 findings, 15 recommendations, 9 passages about the study, 27 glossary entries, 8 discussion prompts "
            "and 8 context evidence items"
        )
        assert search.kind_summary(search.search(corpus, "familiarity")) == "1 finding"

    def test_search_params_reopen_the_search(self):
        params = search.search_params("  familiarity ", {"group": ["MHSW", "CSW"]})
        assert params["q"] == "familiarity"
        assert params["group"] == ["MHSW", "CSW"]
        assert params["theme"] == []

    def test_as_finding_has_the_shape_show_finding_reads(self, corpus):
        row = search.as_finding(search.find_item(corpus, "F028"))
        assert row["finding_id"] == "F028"
        assert row["statement"] == "Relationships are helped by familiarity."


class TestPhrases:
    @pytest.mark.parametrize("query", ['"there for the child"', "“there for the child”", "„there for the child“"])
    def test_double_quotes_make_a_phrase(self, corpus, query):
        assert ids(search.search(corpus, query)) == ["F026"]

    def test_a_phrase_and_a_word_are_both_required(self, corpus):
        assert search.query_terms('CSWs "there for the child."') == ["CSWs", "there for the child."]
        found = search.find(corpus, 'CSWs "there for the child"')
        assert ids(found.results)[0] == "F026"
        assert found.every_word == 1
        # No item holds both: the best matches for either come, and the view says they hold only some words.
        assert search.find(corpus, 'MHSWs "there for the child"').every_word == 0

    def test_a_phrase_must_be_word_after_word(self, corpus):
        found = search.find(corpus, '"child the for there"')
        assert found.loosened
        assert found.every_word == 0

    def test_an_unclosed_quote_reads_as_words(self, corpus):
        assert search.query_terms('"there for') == ["there", "for"]

    def test_single_quotes_do_not_make_a_phrase(self):
        assert search.query_terms("'there for'") == ["there", "for"]


class TestWhatIsSearchable:
    @pytest.mark.parametrize("query", ["Communities of Practice", "Wenger", "mutual engagement"])
    def test_the_lens_in_the_studys_words_comes_before_recommendations_it_labels(self, bundled, corpus, query):
        results = search.find(corpus, query, lens=search.lens_field(bundled)).results
        with_element = bundled.recommendations[bundled.recommendations["cop_element"] != ""]
        expected = (
            with_element
            if query != "mutual engagement"
            else with_element[with_element["cop_element"] == "mutual engagement"]
        )
        recommendations = results[results["kind"] == search.RECOMMENDATION]
        assert sorted(ids(recommendations)) == sorted(expected["recommendation_id"])
        assert all("Communities of Practice element" in fields for fields in recommendations["matched_in"])
        # The glossary entry quoting the study on its lens ranks above every recommendation the app labels.
        first_glossary = ids(results).index("Communities of Practice")
        assert first_glossary < ids(results).index(ids(recommendations)[0])

    def test_the_bundled_lens_is_named_in_its_own_words_in_export(self, bundled, corpus):
        table = search.export_table(search.search(corpus, "mutual engagement"), search.lens_field(bundled))
        assert "Communities of Practice element" in table.columns

    def test_a_study_coding_elements_without_a_lens_shows_no_lens_label_field_or_column(self, tmp_path):
        # The bundled files without study.json: its recommendations.csv fills cop_element, but no lens is defined.
        for name in ("findings.csv", "recommendations.csv", "links.csv"):
            (tmp_path / name).write_bytes((BUNDLED_DATA_DIR / name).read_bytes())
        dataset = load_dataset_dir(tmp_path)
        assert dataset.study is None
        assert search.lens_field(dataset) == ""
        corpus = search.build_corpus(dataset)
        recommendations = corpus[corpus["kind"] == search.RECOMMENDATION]
        assert not recommendations.empty
        assert (recommendations["cop_element"] == "").all()
        assert (recommendations["cop_text"] == "").all()
        # Its words are no longer found through a lens label: only where the recommendation itself says them.
        results = search.find(corpus, '"mutual engagement"', lens=search.lens_field(dataset)).results
        assert not results["matched_in"].str.contains("lement").any()
        table = search.export_table(search.find(corpus, "time").results, search.lens_field(dataset))
        assert not [column for column in table.columns if "element" in column or "ommunities" in column]
        assert "audience" in table.columns
        assert "lens element" in search.export_table(search.find(corpus, "time").results).columns  # as before

    def test_the_glossary_box_holds_terms_typed_as_such(self, bundled):
        assert search.glossary_matches(bundled.glossary, "communities of practice")["term"].tolist() == [
            "Communities of Practice"
        ]
        assert search.glossary_matches(bundled.glossary, "MHSW")["term"].tolist() == ["MHSW"]
        assert search.glossary_matches(bundled.glossary, "wenger").empty
        assert search.glossary_matches(bundled.glossary, "zebra").empty

    def test_context_titles_are_searched(self, corpus):
        assert ids(search.search(corpus, '"Connecting People pilot"')) == ["C04"]

    def test_suggestions_offer_near_spellings_and_glossary_terms(self, bundled, corpus):
        assert search.suggestions(corpus, bundled.glossary, "familiarty")[0] == "familiarity"
        assert "MHSW" in search.suggestions(corpus, bundled.glossary, "MHWS")
        # Never a word that is not in the study: every suggestion is a glossary term or a word of its text.
        words = " ".join(corpus["text"].tolist() + corpus["evidence"].tolist()).casefold()
        for query in ("familiarty", "informaton", "having", "supervison", "MHWS"):
            for suggestion in search.suggestions(corpus, bundled.glossary, query):
                assert suggestion in bundled.glossary["term"].tolist() or suggestion in words
        assert search.suggestions(corpus, bundled.glossary, "zebra") == bundled.glossary["term"].tolist()[:5]


class TestHighlight:
    def test_marks_whole_words_the_engine_matched_on_escaped_text(self):
        marked = highlight_markdown("Relationships are helped by familiarity.", ["familiar*"])
        assert marked == "Relationships are helped by :orange-background[familiarity]\\."

    def test_matches_the_way_search_does(self):
        marked = highlight_markdown("Children’s social workers meet face–to face", ["childrens", "face to face"])
        assert marked == ":orange-background[Children]’s social workers meet :orange-background[face–to face]"

    def test_punctuation_beside_a_word_is_left_as_it_is(self):
        marked = highlight_markdown("sharing information, as Wenger's lens", ["information", "wenger", "share"])
        assert marked == (
            ":orange-background[sharing] :orange-background[information], as :orange-background[Wenger]'s lens"
        )

    @pytest.mark.parametrize(
        "text",
        [
            "<b>bold</b> familiarity",
            "[familiarity](http://evil.example)",
            "familiarity]** :red[x]",
            "`familiarity` $x$ <script>alert(1)</script>",
        ],
    )
    def test_data_never_becomes_markdown_or_html(self, text):
        marked = highlight_markdown(text, ["familiarity"])
        # Outside the highlight marks, the text is exactly what escape_markdown makes of it.
        plain = marked.replace(":orange-background[", "").replace("familiarity]", "familiarity")
        assert plain == escape_markdown(text)
        assert "<b>" not in marked
        assert "<script>" not in marked
        assert "](" not in marked
        assert marked.count(":orange-background[") == 1

    def test_no_terms_is_plain_escaped_text(self):
        assert highlight_markdown("a [b]", []) == escape_markdown("a [b]")
        assert highlight_markdown(None, ["a"]) == ""

    def test_overlapping_terms_make_one_mark(self):
        assert highlight_markdown("familiarity", ["familiar*", "familiarity"]) == (":orange-background[familiarity]")


class TestNoServerCache:
    def test_search_fold_keeps_nothing_between_calls(self):
        # A module-level cache would keep uploaded text in server memory after its session ends.
        assert not hasattr(search_fold, "cache_info")
        assert not any(hasattr(value, "cache_info") for value in vars(search).values())

    def test_the_vectorised_form_matches_the_scalar_one(self):
        values = pd.Series(["Face–to-face  ", "Children’s  “views”", None, "ÉQUIPE 🤝"])
        assert search_fold_series(values).tolist() == [search_fold(value) for value in values]
