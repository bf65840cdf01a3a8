"""The Explore page in AppTest: search, facets from the URL, empty states, item views and uploads."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.data.load import build_dataset, load_dataset_dir
from components.explore import search
from components.shared.badges import CONTEXT_BADGE, inferred_badge
from components.shared.session_keys import EXPLORE_CITE_PREFIX, EXPLORE_FACET_KEYS, EXPLORE_MORE, UPLOADED_DATASET
from components.shared.text import escape_markdown
from tests.pages.apptest import element_count, open_app_page

BUNDLED = load_dataset_dir()
# Everything a student reads, in the order an empty search lists it (findings first).
BUNDLED_CORPUS = search.build_corpus(BUNDLED)
TOTAL = len(BUNDLED_CORPUS)


def open_explore(params: dict[str, str | list[str]] | None = None, dataset=None) -> AppTest:
    return open_app_page("pages/explore.py", params, {UPLOADED_DATASET: dataset} if dataset is not None else None)


def markdown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def page_link_labels(app: AppTest) -> list[str]:
    return [element.proto.label for element in app.get("page_link")]


def page_link_params(app: AppTest) -> list[str]:
    return [element.proto.query_string for element in app.get("page_link")]


def finding_statement(finding_id: str) -> str:
    """A finding's statement as the page writes it into Markdown (escaped)."""
    return escape_markdown(BUNDLED.findings.set_index("finding_id").at[finding_id, "statement"])


def upload(rows: int, group: str = "Team A"):
    lines = ["finding_id,group,category,theme,statement,evidence,source"]
    lines += [f"X{n},{group},barrier,Theme {n % 3},Statement number {n},Said {n},Interview {n}" for n in range(rows)]
    return build_dataset({"findings.csv": "\n".join(lines).encode()}, name="my upload")


class TestSearch:
    def test_opens_with_every_item_and_the_counts(self):
        app = open_explore()
        assert app.title[0].value == "Explore findings"
        text = markdown_text(app)
        assert (
            f"**{TOTAL} results**: 35 findings, 15 recommendations, 9 passages about the study, "
            f"{len(BUNDLED.glossary)} glossary entries, 8 discussion prompts and 8 context evidence items"
        ) in text
        assert "Counts are of items in this data, not of people" in text

    def test_search_from_the_url_shows_the_finding_with_its_evidence_and_source(self):
        app = open_explore({"q": "familiarity"})
        assert app.text_input(key="explore_query").value == "familiarity"
        text = markdown_text(app)
        assert "**1 result**: 1 finding" in text
        # The matched word is highlighted in the statement and in the quote, which are otherwise as written.
        assert "Relationships are helped by :orange-background[familiarity]" in text
        assert "> “Relationships are helped by :orange-background[familiarity]”" in text
        assert "Carpenter n\\.d\\., summary\\: What could help overcome these barriers?" in text
        assert ":gray-badge[All] :gray-badge[enabler]" in text
        # Where the words were found is a small line of the card's own Markdown (no element of its own).
        assert ":small[Found in: statement, evidence, theme, group or category]" in text
        assert "Open it and everything linked to it (F028)" in page_link_labels(app)

    def test_typing_a_search_writes_it_to_the_url(self):
        app = open_explore()
        app.text_input(key="explore_query").input("  SUPERVISION ").run()
        assert app.query_params["q"] == ["SUPERVISION"] or app.query_params["q"] == "SUPERVISION"
        assert "**4 results**" in markdown_text(app)

    def test_facets_from_the_url_filter_and_show_counts(self):
        app = open_explore({"group": "MHSW", "category": "barrier"})
        assert app.multiselect(key="explore_group").value == ["MHSW"]
        assert app.multiselect(key="explore_category").value == ["barrier"]
        text = markdown_text(app)
        assert "**1 result**: 1 finding" in text
        assert finding_statement("F017") in text
        assert "(F017)" in page_link_labels(app)[0]

    def test_facet_options_carry_counts(self):
        app = open_explore({"q": "familiarity"})
        pills = app.get("button_group")[0]
        options = [option.content for option in pills.proto.options]
        assert options == [f"{search.KIND_LABELS[kind]} ({int(kind == 'finding')})" for kind in search.KINDS]

    def test_choosing_a_facet_updates_results_and_url(self):
        app = open_explore()
        app.multiselect(key="explore_group").select("CSW").run()
        expected = int((BUNDLED.findings["group"] == "CSW").sum())
        assert f"**{expected} results**: {expected} findings" in markdown_text(app)
        assert app.query_params["group"] in (["CSW"], "CSW")

    def test_unknown_facet_values_in_a_link_are_named_and_ignored(self):
        app = open_explore({"group": ["MHSW", "Nope"]})
        assert app.multiselect(key="explore_group").value == ["MHSW"]
        assert any("not recognised" in caption.value and "Nope" in caption.value for caption in app.caption)

    def test_glossary_feeds_the_facet_tooltips(self):
        app = open_explore()
        assert "Mental health social worker" in app.multiselect(key="explore_group").help
        assert "This app's interpretation" in app.multiselect(key="explore_basis").help

    def test_download_is_offered_for_results(self):
        app = open_explore({"q": "familiarity"})
        assert any(element.proto.label == "Download CSV" for element in app.get("download_button"))


class TestEmptyState:
    def test_nothing_found_says_what_to_try(self):
        app = open_explore({"q": "zebra crossing"})
        assert app.warning[0].value == "Nothing matches this search."
        text = markdown_text(app)
        assert "Try a shorter form of a word with a star" in text
        assert not app.get("download_button")

    def test_filters_hiding_matches_are_named_and_can_be_cleared(self):
        app = open_explore({"q": "familiarity", "group": "MHSW"})
        assert "once the filters \\(group\\) are cleared" in markdown_text(app)
        app.button(key="explore_clear").click().run()
        assert app.text_input(key="explore_query").value == ""
        assert app.multiselect(key="explore_group").value == []
        assert f"**{TOTAL} results**" in markdown_text(app)


class TestItemView:
    @pytest.mark.parametrize(
        ("item_id", "heading", "quote"),
        [
            ("Limit 1", "About the study Limit 1", "I interviewed 4 SW's from each services, 8 in total"),
            ("Communities of Practice", "Glossary Communities of Practice", "I used Wenger’s Communities of Practice"),
            ("P02", "Discussion prompt P02", "Tuckman’s \\(1965\\) stages of group development"),
            ("C&F", "Glossary C&F", ""),
        ],
    )
    def test_the_studys_other_items_open_in_their_own_view(self, item_id, heading, quote):
        app = open_explore({"id": item_id})
        assert not app.exception
        assert app.subheader[0].value == escape_markdown(heading)
        text = markdown_text(app)
        if quote:
            assert quote in text
            assert "> *From " in text  # whose words the quote is
        else:
            assert "(this app's definition)" in text

    def test_a_finding_shows_its_evidence_and_everything_linked(self):
        app = open_explore({"id": "F028"})
        assert [element.value for element in app.subheader][:2] == ["Finding F028", "Linked to this item"]
        text = markdown_text(app)
        assert "> “Relationships are helped by familiarity”" in text
        assert "#### Helps overcome (2)" in text
        assert "#### Built on by (2)" in text
        assert finding_statement("F020") in text
        assert inferred_badge("inferred link") in text
        labels = page_link_labels(app)
        assert labels[0] == "Back to search"
        assert [label for label in labels if "Open" in label] == ["Open F020", "Open F015", "Open R09", "Open R12"]
        assert any("id=F020" in params for params in page_link_params(app))

    def test_a_barrier_lists_what_helps_and_the_recommendations(self):
        app = open_explore({"id": "F015"})
        text = markdown_text(app)
        assert "#### What helps overcome it (4)" in text
        assert "#### Addressed by (4)" in text
        assert "See every finding in the theme" in page_link_labels(app)[-1]

    def test_a_recommendation_has_its_own_view(self):
        app = open_explore({"id": "R05"})
        assert app.subheader[0].value == "Recommendation R05"
        text = markdown_text(app)
        assert ":gray-badge[Recommendation]" in text
        assert "#### Addresses (2)" in text

    def test_context_is_marked_as_not_this_study(self):
        app = open_explore({"id": "C01"})
        assert app.subheader[0].value.startswith("Context evidence (not this study) C01")
        assert CONTEXT_BADGE in markdown_text(app)
        assert "not a finding of the study" in app.info[0].value

    def test_back_link_keeps_the_search(self):
        app = open_explore({"id": "F028", "q": "familiarity"})
        back = app.get("page_link")[0].proto
        assert back.label == "Back to search"
        assert back.query_string == "q=familiarity"

    @pytest.mark.parametrize("asked", ["F999", "<b>x</b>", "[link](http://x)"])
    def test_unknown_ids_give_a_notice_and_the_search(self, asked):
        app = open_explore({"id": asked})
        notice = app.warning[0].value
        assert "There is no finding, recommendation or context item with the id" in notice
        assert "<b>" not in notice
        assert "](" not in notice
        assert f"**{TOTAL} results**" in markdown_text(app)
        assert "id" not in app.query_params


class TestUploadedData:
    def test_searches_the_upload_with_any_group_names(self):
        dataset = upload(5, group="Équipe 🤝")
        app = open_explore({"q": "number 3"}, dataset=dataset)
        text = markdown_text(app)
        assert "**1 result**: 1 finding" in text
        assert "Statement :orange-background[number] :orange-background[3]" in text
        assert app.multiselect(key="explore_group").options == ["Équipe 🤝 (1)"]

    def test_an_upload_id_opens_with_no_links(self):
        app = open_explore({"id": "X2"}, dataset=upload(5))
        assert app.subheader[0].value == "Finding X2"
        assert "Nothing in this dataset is linked to this item." in markdown_text(app)

    def test_bundled_ids_are_unknown_in_an_upload(self):
        app = open_explore({"id": "F028"}, dataset=upload(3))
        assert "F028" in app.warning[0].value

    def test_many_results_are_shown_a_page_at_a_time(self):
        app = open_explore(dataset=upload(60))
        text = markdown_text(app)
        assert "**60 results**" in text
        assert "Showing 25 of 60." in text
        assert "Statement number 24" in text
        assert "Statement number 25" not in text
        app.button(key="explore_more").click().run()
        assert "Showing 50 of 60." in markdown_text(app)
        assert "Statement number 49" in markdown_text(app)


class TestWhoseWordsAndCitation:
    def test_a_quote_says_whose_words_it_is(self):
        text = markdown_text(open_explore({"id": "F012"}))
        assert "> *From the researcher's summary of her study:*" in text
        assert "participants' words" not in text

    def test_an_abstract_quote_says_it_is_the_abstract(self):
        text = markdown_text(open_explore({"id": "F013"}))
        assert "> *From the thesis abstract, in the researcher's words:*" in text

    def test_cite_this_gives_a_reference_ris_and_bibtex_that_reopen_the_item(self):
        app = open_explore({"id": "F012"})
        popovers = app.get("popover")
        assert [popover.proto.popover.label for popover in popovers] == ["Cite this"]
        plain, ris, bibtex = (code.value for code in popovers[0].code)
        assert plain.startswith("Carpenter, Nicola (n.d.). Exploratory Study of Social Workers' Perceptions")
        assert "Section: Why Collaborate?" in plain
        assert plain.endswith("/explore?id=F012")
        assert "UR  - /explore?id=F012" in ris.splitlines()
        assert "url = {/explore?id=F012}" in bibtex
        assert "seed" not in plain + ris + bibtex

    def test_every_search_result_can_be_cited(self):
        app = open_explore({"q": "supervision"})
        assert len(app.get("popover")) == 4

    def test_an_upload_quote_shows_the_uploaders_source(self):
        text = markdown_text(open_explore({"id": "X2"}, dataset=upload(5)))
        assert "> — Your source\\: Interview 2" in text


class TestSearchFeatures:
    def test_a_quoted_phrase_is_a_phrase_and_is_highlighted(self):
        app = open_explore({"q": '"there for the child"'})
        text = markdown_text(app)
        assert "**1 result**: 1 finding" in text
        assert "> “CSWs see themselves as ':orange-background[there for the child]'”" in text

    def test_wenger_finds_every_recommendation_and_marks_only_the_element_inferred(self):
        app = open_explore({"q": "Wenger"})
        text = markdown_text(app)
        # The study's own words about its lens (the glossary entry quoting it) first, then every recommendation
        # the app labels with an element.
        assert "**16 results**: 15 recommendations and 1 glossary entry" in text
        assert text.index("I used :orange-background[Wenger]’s Communities of Practice") < text.index(
            ":gray-badge[Recommendation]"
        )
        assert text.count(":orange-background[Wenger]'s Communities of Practice element") == 15
        assert inferred_badge("element inferred") in text
        # The recommendation's own line carries no bare "inferred": only its element is this app's reading.
        for line in text.splitlines():
            if line.startswith("**") and ":gray-badge[Recommendation]" not in line:
                assert inferred_badge("inferred") not in line

    def test_a_glossary_term_is_shown_above_the_results(self):
        app = open_explore({"q": "MHSW"})
        text = markdown_text(app)
        assert ":gray-badge[Glossary] In the glossary:" in text
        # The abbreviation is searched with what it stands for, so both are marked.
        assert "- **:orange-background[MHSW]**: :orange-background[Mental health social worker]" in text
        assert "The whole glossary, on About" in page_link_labels(app)

    def test_a_misspelling_is_searched_as_the_study_spells_it(self):
        app = open_explore({"q": "familiarty"})
        text = markdown_text(app)
        assert "showing results for “familiarity”, the nearest word in the study" in text
        assert "Relationships are helped by :orange-background[familiarity]" in text

    def test_the_empty_state_offers_near_matches_and_the_glossary(self):
        # Nothing in the study is spelt like "zebra": the glossary's first terms are offered instead.
        app = open_explore({"q": "zebra"})
        assert app.warning[0].value == "Nothing matches this search."
        assert app.button(key="explore_try_MHSW").label == "Search “MHSW”"
        assert "Look a term up in the glossary, on About" in page_link_labels(app)
        app.button(key="explore_try_MHSW").click().run()
        assert app.text_input(key="explore_query").value == "MHSW"
        assert "- **:orange-background[MHSW]**:" in markdown_text(app)

    def test_a_near_spelling_is_offered_when_filters_hide_its_results(self):
        app = open_explore({"q": "familiarty", "group": "MHSW"})
        assert app.warning[0].value == "Nothing matches this search."
        assert app.button(key="explore_try_familiarity").label == "Search “familiarity”"


class TestLazyCitations:
    """A result card's "Cite this" is filled only when opened: closed, it sends its button alone."""

    def test_closed_result_popovers_hold_nothing_yet(self):
        app = open_explore({"q": "supervision"})
        popovers = app.get("popover")
        assert len(popovers) == 4
        assert all(len(popover.code) == 0 for popover in popovers)

    def test_an_opened_result_popover_gives_the_reference_that_reopens_the_item(self):
        app = open_explore({"q": "familiarity"})
        app.session_state[f"{EXPLORE_CITE_PREFIX}finding_F028"] = True
        app.run()
        popover = app.get("popover")[0]
        plain, ris, bibtex = (code.value for code in popover.code)
        assert plain.endswith("/explore?id=F028")
        assert "UR  - /explore?id=F028" in ris.splitlines()
        assert "url = {/explore?id=F028}" in bibtex

    def test_an_items_own_view_fills_its_popover_at_once(self):
        app = open_explore({"id": "R05"})
        assert len(app.get("popover")[0].code) == 3


def open_every_cite_this(app: AppTest) -> AppTest:
    """Open every result's "Cite this" (a card with nothing linked keeps its link to its own view there)."""
    for item_id in BUNDLED_ITEMS:
        app.session_state[f"{EXPLORE_CITE_PREFIX}{kind_of(item_id)}_{item_id}"] = True
    return app.run()


BUNDLED_ITEMS = BUNDLED_CORPUS["item_id"].tolist()
KINDS_BY_ID = dict(zip(BUNDLED_CORPUS["item_id"], BUNDLED_CORPUS["kind"], strict=True))
# A card links to its own view from its "Cite this", which only a card with a quote has, or directly when
# something is linked to it.
OPENABLE = [
    item_id
    for item_id, evidence in zip(BUNDLED_CORPUS["item_id"], BUNDLED_CORPUS["evidence"], strict=True)
    if evidence or BUNDLED.link_index.neighbours(item_id)
]


def kind_of(item_id: str) -> str:
    return KINDS_BY_ID[item_id]


def linked_ids() -> set[str]:
    """Items something is linked to: their cards carry their own link on the first view."""
    return {
        item_id for item_id in BUNDLED_ITEMS if kind_of(item_id) != "context" and BUNDLED.link_index.neighbours(item_id)
    }


class TestFirstView:
    def test_the_study_opens_with_one_page_of_its_cards(self):
        app = open_every_cite_this(open_explore())
        opens = [label for label in page_link_labels(app) if label.startswith("Open it")]
        assert len(opens) == 25
        assert f"Showing 25 of {TOTAL}." in markdown_text(app)
        assert app.button(key=EXPLORE_MORE).label == "Show 25 more"

    def test_show_more_reaches_every_result_and_a_new_search_starts_again(self):
        app = open_explore()
        pages = (TOTAL - 1) // 25
        for _ in range(pages - 1):
            app.button(key=EXPLORE_MORE).click().run()
        assert app.button(key=EXPLORE_MORE).label == f"Show {TOTAL - 25 * pages} more"
        app.button(key=EXPLORE_MORE).click().run()
        open_every_cite_this(app)
        assert len([label for label in page_link_labels(app) if label.startswith("Open it")]) == len(OPENABLE)
        assert "Showing" not in markdown_text(app)
        assert not [button for button in app.button if button.key == EXPLORE_MORE]
        app.multiselect(key=EXPLORE_FACET_KEYS["group"]).select("CSW").run()
        app.multiselect(key=EXPLORE_FACET_KEYS["group"]).unselect("CSW").run()
        assert f"Showing 25 of {TOTAL}." in markdown_text(app)


class TestLightCards:
    """A result card is one Markdown, a "Cite this" filled when opened, and a link only where it shows more."""

    def test_the_first_view_links_only_the_cards_with_something_linked(self):
        app = open_explore()
        first_page = BUNDLED_ITEMS[:25]
        opens = [label for label in page_link_labels(app) if label.startswith("Open it")]
        linked = [item_id for item_id in first_page if item_id in linked_ids()]
        expected = [f"Open it and everything linked to it ({item_id})" for item_id in linked]
        assert opens == expected
        assert "Open it (F001)" not in page_link_labels(app)

    def test_an_unlinked_cards_link_is_inside_its_cite_this_once_opened(self):
        app = open_explore()
        app.session_state[f"{EXPLORE_CITE_PREFIX}finding_F001"] = True
        app.run()
        popover = app.get("popover")[0]
        links = [element.proto for element in popover.get("page_link")]
        assert [(link.label, link.query_string) for link in links] == [("Open it (F001)", "id=F001")]
        assert len(popover.code) == 3

    def test_a_context_card_opens_from_its_cite_this(self):
        app = open_explore({"kind": "context"})
        assert not [label for label in page_link_labels(app) if label.startswith("Open it")]
        app.session_state[f"{EXPLORE_CITE_PREFIX}context_C01"] = True
        app.run()
        assert "Open it (C01)" in page_link_labels(app)

    def test_a_card_is_one_markdown_with_its_quote_and_detail(self):
        app = open_explore()
        card = next(element.value for element in app.markdown if finding_statement("F006") in element.value)
        assert card.startswith("---\n\n**")
        assert "> *From the researcher's summary of her study:*" in card
        assert "Detail from the source:" in card
        assert not [block for block in app.get("flex_container") if block.proto.flex_container.border]

    def test_the_first_view_stays_under_ninety_elements(self):
        # 161 when each card was a bordered box of its statement, quote, detail, "Cite this" and a link.
        assert element_count(open_explore()) <= 90
