"""What the Explore page shows, as plain data: the search screen, a page of result cards, one item's view."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.vocabulary import SHARED_GROUP
from components.explore import search
from components.explore import view as explore
from components.shared import study_words
from components.shared.badges import inferred_badge
from tests.bundled_words import bundled_words_in
from tests.components.small_uploads import finding, upload
from tests.other_study import other_study


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def corpus(bundled):
    return search.build_corpus(bundled)


def view_of(corpus, dataset, query: str = "", **chosen: list[str]) -> explore.SearchView:
    return explore.build_search_view(corpus, dataset, query, explore.frozen_selections(chosen))


class TestSelections:
    def test_frozen_in_facet_order_and_hashable(self):
        frozen = explore.frozen_selections({"theme": ["T"], "group": ["CSW", "MHSW"]})
        assert frozen == (
            ("kind", ()),
            ("group", ("CSW", "MHSW")),
            ("category", ()),
            ("theme", ("T",)),
            ("basis", ()),
        )
        assert hash(frozen) == hash(explore.frozen_selections({"group": ["CSW", "MHSW"], "theme": ["T"]}))

    def test_group_help_names_the_groups_but_not_the_shared_one(self, bundled):
        terms, lead = explore.facet_help_terms(bundled, "group")
        assert SHARED_GROUP not in terms
        assert {"MHSW", "CSW"} <= set(terms)
        assert lead == "Whose view it reports, as the source gives it."

    @pytest.mark.parametrize(
        ("facet", "terms"),
        [("basis", ["stated", "inferred"]), ("theme", ["thematic analysis"]), ("category", ["coded statement"])],
    )
    def test_each_facet_is_explained_from_the_glossary(self, bundled, facet, terms):
        assert explore.facet_help_terms(bundled, facet)[0] == terms


class TestSearchView:
    def test_an_empty_search_holds_every_item_and_says_what_counts_are(self, bundled, corpus):
        view = view_of(corpus, bundled)
        # Findings, recommendations, the study's question (1), method quotes (4) and limits (4), glossary, prompts
        # and context: everything a student reads.
        assert len(view.results) == 35 + 15 + 9 + len(bundled.glossary) + len(bundled.prompts) + 8
        assert view.summary == (
            f"**{len(view.results)} results**: 35 findings, 15 recommendations, 9 passages about the study, "
            f"{len(bundled.glossary)} glossary entries, 8 discussion prompts and 8 context evidence items. "
            "Counts are of items in this data, not of people."
        )
        assert not view.filtered
        assert view.carry == {}
        assert view.tips == ()
        assert view.tries == ()

    def test_facets_narrow_the_results_and_count_each_option(self, bundled, corpus):
        view = view_of(corpus, bundled, group=["MHSW"], category=["barrier"])
        assert view.results["item_id"].tolist() == ["F017"]
        assert view.filtered
        assert view.carry == {"group": ["MHSW"], "category": ["barrier"]}
        # Each facet is counted without its own choice: picking CSW too would add CSW's barriers.
        assert view.counts["group"]["CSW"] == int(
            ((bundled.findings["group"] == "CSW") & (bundled.findings["category"] == "barrier")).sum()
        )
        assert explore.facet_label(view, "kind", "finding") == "Findings (1)"
        assert explore.facet_label(view, "group", "MHSW") == "MHSW (1)"

    def test_a_query_is_carried_and_its_terms_kept_for_highlighting(self, bundled, corpus):
        view = view_of(corpus, bundled, '  familiarity "there for"  ')
        # What the cards mark is the engine's own expression for the search, each term quoted.
        assert view.terms.expression == '"familiarity" OR "there for"'
        assert view.carry == {"q": ['familiarity "there for"']}

    def test_nothing_found_says_what_to_try(self, bundled, corpus):
        view = view_of(corpus, bundled, "zebra")
        assert view.results.empty
        assert view.tips
        assert view.tries == tuple(bundled.glossary["term"].tolist()[:5])
        assert "0 results" in view.summary

    def test_a_misspelling_is_searched_as_the_study_spells_it_and_says_so(self, bundled, corpus):
        view = view_of(corpus, bundled, "familiarty")
        assert view.results["item_id"].tolist()[0] == "F028"
        assert view.match_note == (
            "Nothing in the study holds “familiarty”; showing results for “familiarity”, the nearest word in the study."
        )

    def test_words_found_only_apart_are_said_to_be(self, bundled, corpus):
        view = view_of(corpus, bundled, "information sharing")
        assert view.results["item_id"].tolist()[:3] == ["R05", "F009", "F014"]
        assert view.match_note == "The first result holds every word; the rest hold some of the words."
        loose = view_of(corpus, bundled, '"information sharing"')
        assert {"R05", "F009", "F014"} <= set(loose.results["item_id"].head(5))
        assert loose.match_note == (
            "Nothing holds “information sharing” word for word: these are the best matches for its words."
        )

    def test_filters_hiding_matches_are_named(self, bundled, corpus):
        view = view_of(corpus, bundled, "familiarity", group=["MHSW"])
        assert view.matched == 1
        assert any("once the filters (group) are cleared" in tip for tip in view.tips)

    def test_uses_the_matches_it_is_given(self, bundled, corpus):
        found = search.find(corpus, "supervision")
        matches = dataclasses.replace(found, results=found.results.head(1))
        view = explore.build_search_view(corpus, bundled, "supervision", explore.frozen_selections({}), matches)
        assert len(view.results) == 1

    def test_glossary_entries_matching_the_words_come_with_the_view(self, bundled, corpus):
        assert view_of(corpus, bundled, "MHSW").glossary["term"].tolist()[0] == "MHSW"
        assert view_of(corpus, bundled).glossary.empty

    def test_download_help_counts_the_results(self, bundled, corpus):
        assert view_of(corpus, bundled, "familiarity").download_help.startswith("The 1 result of this search")


class TestResultPages:
    """A long result list is drawn a page at a time: the first view of the 58 items sends 25 cards."""

    def test_a_new_search_starts_at_one_page(self):
        assert explore.results_limit(("q", ()), None, None) == explore.PAGE_SIZE
        assert explore.results_limit(("new", ()), ("old", ()), 50) == explore.PAGE_SIZE

    def test_the_same_search_keeps_what_show_more_reached(self):
        assert explore.results_limit(("q", ()), ("q", ()), 50) == 50
        assert explore.results_limit(("q", ()), ("q", ()), 3) == explore.PAGE_SIZE

    def test_the_first_page_of_the_study_is_bounded(self, bundled, corpus):
        page = explore.result_page(view_of(corpus, bundled).results, explore.PAGE_SIZE)
        assert explore.PAGE_SIZE == 25
        total = len(corpus)
        assert len(page.cards) == 25
        assert page.total == total
        assert page.hidden == total - 25
        assert page.showing == f"Showing 25 of {total}."
        assert page.more_label == "Show 25 more"
        assert page.next_limit == 50

    def test_the_last_page_adds_only_what_is_left(self, bundled, corpus):
        results = view_of(corpus, bundled).results
        page = explore.result_page(results, len(results) - 8)
        assert page.more_label == "Show 8 more"
        everything = explore.result_page(results, page.next_limit)
        assert everything.hidden == 0
        assert [card["item_id"] for card in everything.cards] == results["item_id"].tolist()

    def test_cards_are_plain_dicts_in_result_order(self, bundled, corpus):
        results = view_of(corpus, bundled, "supervision").results
        page = explore.result_page(results, explore.PAGE_SIZE)
        assert all(type(card) is dict for card in page.cards)
        assert [card["item_id"] for card in page.cards] == results["item_id"].tolist()
        assert page.hidden == 0

    def test_the_download_is_the_results_as_a_safe_csv(self, bundled, corpus):
        data = explore.results_csv(view_of(corpus, bundled, "familiarity").results)
        assert data.startswith(b"\xef\xbb\xbf")
        lines = data.decode("utf-8-sig").splitlines()
        assert lines[0].startswith('id,type,"statement, recommendation, definition or question",evidence (verbatim)')
        assert len(lines) == 2
        assert lines[1].startswith("F028,Finding,")

    def test_open_labels_name_the_item(self):
        finding_label = explore.open_label({"kind": "finding", "item_id": "F028"})
        assert finding_label == "Open it and everything linked to it (F028)"
        assert explore.open_label({"kind": "context", "item_id": "C01"}) == "Open it (C01)"
        assert explore.open_label({"kind": "finding", "item_id": "[x](y)"}) == (
            "Open it and everything linked to it (\\[x\\]\\(y\\))"
        )


class TestItemView:
    def test_an_enabler_lists_its_links_under_headings_outgoing_first(self, bundled, corpus):
        view = explore.build_item_view(corpus, bundled.link_index, search.find_item(corpus, "F028"))
        assert view.heading == "Finding F028"
        assert [group.heading for group in view.groups] == ["Helps overcome (2)", "Built on by (2)"]
        assert [card.item_id for group in view.groups for card in group.cards] == ["F020", "F015", "R09", "R12"]
        assert view.inferred_note.startswith("All 4 links here are this app's interpretation")
        cards = [card for group in view.groups for card in group.cards]
        assert all(card.why.startswith(inferred_badge("inferred link")) for card in cards)

    def test_a_barrier_lists_what_helps_and_what_addresses_it_and_its_theme(self, bundled, corpus):
        view = explore.build_item_view(corpus, bundled.link_index, search.find_item(corpus, "F015"))
        assert [group.heading for group in view.groups] == ["What helps overcome it (4)", "Addressed by (4)"]
        assert view.same_theme_count == 1
        assert explore.same_theme_line(view) == f"1 other finding coded to the theme “{view.theme}”."

    def test_context_is_not_linked(self, bundled, corpus):
        view = explore.build_item_view(corpus, bundled.link_index, search.find_item(corpus, "C01"))
        assert view.is_context
        assert view.heading.startswith("Context evidence (not this study) C01")
        assert view.groups == ()

    def test_an_unlinked_upload_item_has_nothing_linked(self):
        dataset = upload([finding("X1", "One")])
        corpus = search.build_corpus(dataset)
        view = explore.build_item_view(corpus, dataset.link_index, search.find_item(corpus, "X1"))
        assert view.groups == ()
        assert view.inferred_note == ""


class TestLinkCards:
    def link(self, **values) -> dict[str, object]:
        row = {"item_id": "F1", "kind": "finding", "text": "Words", "category": "barrier", "link_basis": "stated"}
        row["note"] = ""
        row.update(values)
        return row

    def test_a_stated_link_without_a_note_has_no_why_line(self):
        card = explore.link_card(self.link())
        assert card.title == "**Words**  \n:gray-badge[Finding] :gray-badge[barrier] · F1"
        assert card.why == ""

    def test_an_inferred_link_is_marked_and_its_note_escaped(self):
        card = explore.link_card(self.link(link_basis="inferred", note="See [this](http://x) *now*"))
        assert card.why == f"{inferred_badge('inferred link')} Why linked: See \\[this\\]\\(http\\://x\\) \\*now\\*"

    def test_an_id_not_in_the_dataset_is_shown_without_a_link(self):
        card = explore.link_card(self.link(item_id="Z9", kind="", text="", category=""))
        assert card.kind == ""
        assert card.title == "**(no text)**  \n:gray-badge[Not in this dataset] · Z9"

    def test_data_cannot_become_markdown(self):
        card = explore.link_card(self.link(text="<b>bold</b> :red[x]", category="#1"))
        assert "<b>" not in card.title
        assert ":red[" not in card.title
        assert "\\#1" in card.title

    @pytest.mark.parametrize(
        ("bases", "note"),
        [
            (["stated", "stated"], ""),
            (["inferred", "stated"], "1 of these 2 links are this app's interpretation"),
            (["inferred", "inferred"], "All 2 links here are this app's interpretation"),
        ],
    )
    def test_the_inferred_note_counts_the_links_that_are_ours(self, bases, note):
        text = explore.inferred_note(pd.DataFrame({"link_basis": bases}))
        assert text.startswith(note) if note else text == ""


class TestLinkedItemsUseTheIndex:
    """linked_items reads Dataset.link_index: relations are normalised and a blank basis is inferred."""

    FINDINGS = b"finding_id,group,category,theme,statement\nF1,Adult,barrier,Time,No time to meet.\n"
    RECOMMENDATIONS = b"recommendation_id,audience,text\nR1,Managers,Protect time for joint meetings.\n"

    def dataset(self, links: bytes):
        files = {"findings.csv": self.FINDINGS, "recommendations.csv": self.RECOMMENDATIONS, "links.csv": links}
        return build_dataset(files, name="upload")

    def test_an_uploaded_addresses_reads_addressed_by_and_a_blank_basis_is_inferred(self):
        dataset = self.dataset(b"from_id,to_id,relation,basis\nR1,F1,Addresses,\n")
        corpus = search.build_corpus(dataset)
        linked = search.linked_items(corpus, dataset.link_index, "F1")
        assert linked[["heading", "item_id", "kind", "link_basis"]].values.tolist() == [
            ["Addressed by", "R1", "recommendation", "inferred"]
        ]
        assert search.linked_items(corpus, dataset.link_index, "R1")["heading"].tolist() == ["Addresses"]

    def test_the_links_table_itself_is_not_read(self):
        dataset = self.dataset(b"from_id,to_id,relation,basis\nR1,F1,addresses,stated\n")
        without_table = dataclasses.replace(dataset, links=dataset.links.head(0))
        linked = search.linked_items(search.build_corpus(dataset), without_table.link_index, "F1")
        assert linked["item_id"].tolist() == ["R1"]

    def test_a_link_to_an_unknown_id_keeps_its_id_without_text(self):
        dataset = self.dataset(b"from_id,to_id,relation,basis\nR1,F1,addresses,stated\n")
        corpus = search.build_corpus(dataset)
        linked = search.linked_items(corpus[corpus["item_id"] != "R1"], dataset.link_index, "F1")
        assert linked[["item_id", "kind", "text"]].values.tolist() == [["R1", "", ""]]


class TestSearchPlaceholder:
    """The search box's hint suggests the open study's own theme names, never the bundled study's words."""

    def test_another_study_is_hinted_with_its_own_themes_barriers_and_enablers_first(self):
        hint = study_words.search_hint(other_study())
        assert hint == "Try “Time pressure”, “Different records” or “Shared tools”"
        assert bundled_words_in(hint) == []

    def test_the_bundled_study_is_hinted_with_its_own_themes_from_its_data(self):
        bundled = load_dataset_dir()
        hint = study_words.search_hint(bundled)
        barriers = bundled.findings.loc[bundled.findings["category"] == "barrier", "theme"]
        first = next(theme for theme in barriers if len(theme) <= study_words.HINT_THEME_CHARS)
        assert hint.startswith(f"Try “{first}”")
        assert hint.count("“") == study_words.HINT_THEMES

    def test_long_theme_names_are_left_out_and_one_theme_reads_alone(self):
        dataset = upload([finding("F1", "x", theme="A theme name far too long to hint with"), finding("F2", "y")])
        assert study_words.search_hint(dataset) == "Try “A theme”"

    def test_a_study_whose_themes_are_all_long_gets_neutral_words(self):
        dataset = upload([finding("F1", "x", theme="A theme name far too long to hint with")])
        assert study_words.search_hint(dataset) == study_words.NEUTRAL_SEARCH_HINT


class TestPageIntro:
    """Explore's intro names the kinds of document the open study's quotes come from, as its source list does."""

    def test_the_bundled_study_names_its_documents_kinds_from_study_json(self):
        bundled = load_dataset_dir()
        intro = explore.page_intro(bundled)
        for source in bundled.study.sources:
            if source.kind != explore.APP_SOURCE_KIND:
                assert source.kind in intro
        assert "this app" not in intro

    def test_another_study_names_no_document_it_does_not_have(self):
        intro = explore.page_intro(other_study())
        assert bundled_words_in(intro) == []
        assert "thesis" not in intro
        assert "abstract" not in intro
